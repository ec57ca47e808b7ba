// `navette help [commande]`: the commands and their options, in French.
import { COMMON_OPTIONS, type CommandDefinition, type OptionSpec } from '../command.js';
import { CliUsageError, EXIT_OK } from '../errors.js';
import { printJson } from '../output.js';
import { GLOBAL_OPTIONS } from '../parse.js';

export const helpCommand: CommandDefinition = {
  name: 'help',
  summary: "Affiche cette aide, ou l'aide d'une commande (navette help <commande>)",
  usage: 'navette help [commande]',
  options: {},
  positionals: true,
  run({ io, json, positionals, commands }) {
    const topic = positionals[0];
    if (topic === undefined) {
      if (json) {
        printJson(io, { commands: commands.map((c) => ({ name: c.name, summary: c.summary })) });
      } else {
        io.out(generalHelp(commands));
      }
      return Promise.resolve(EXIT_OK);
    }
    const command = commands.find((c) => c.name === topic);
    if (command === undefined) {
      throw new CliUsageError(
        `Commande inconnue : « ${topic} ». Tapez « navette help » pour la liste des commandes.`,
        { command: topic },
      );
    }
    if (json) {
      printJson(io, {
        name: command.name,
        summary: command.summary,
        usage: command.usage,
        options: Object.entries({ ...command.options, ...COMMON_OPTIONS }).map(([name, o]) => ({
          name,
          description: o.description,
        })),
      });
    } else {
      io.out(commandHelp(command));
    }
    return Promise.resolve(EXIT_OK);
  },
};

function generalHelp(commands: readonly CommandDefinition[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    'Navette — connecteur DMP',
    '',
    'Utilisation : navette <commande> [options]',
    '',
    'Commandes :',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Options communes :',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    "Aide d'une commande : navette help <commande>",
  ].join('\n');
}

function commandHelp(command: CommandDefinition): string {
  return [
    command.summary,
    '',
    `Utilisation : ${command.usage}`,
    '',
    'Options :',
    ...optionLines({ ...command.options, ...COMMON_OPTIONS }),
  ].join('\n');
}

function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  const entries = Object.entries(options).map(([name, o]) => {
    const short = o.short === undefined ? '    ' : `-${o.short}, `;
    const value = o.valueName === undefined ? '' : ` ${o.valueName}`;
    return [`${short}--${name}${value}`, o.description] as const;
  });
  const width = Math.max(...entries.map(([flag]) => flag.length)) + 2;
  return entries.map(([flag, description]) => `  ${flag.padEnd(width)}${description}`);
}
