// The `navette` command. bin/navette.js calls run() with the process's arguments.
import { COMMON_OPTIONS, type CommandDefinition } from './command.js';
import { COMMANDS } from './commands/index.js';
import { CliUsageError, EXIT_FAILURE, EXIT_USAGE } from './errors.js';
import { processIo, type CliIo } from './io.js';
import { printError } from './output.js';
import { GLOBAL_OPTIONS, parseOptions, splitCommand } from './parse.js';

/** Runs one command line; resolves with the exit code. Never throws. */
export async function run(
  argv: readonly string[],
  io: CliIo = processIo(),
  commands: readonly CommandDefinition[] = COMMANDS,
): Promise<number> {
  const split = splitCommand(argv);
  let json = argv.includes('--json');
  try {
    const globals = parseOptions(split.globals, GLOBAL_OPTIONS, false, undefined);
    json = globals.values['json'] === true || json;
    let name = split.command;
    let rest = split.rest;
    if (name === undefined) {
      name = globals.values['version'] === true ? 'version' : 'help';
      rest = [];
    } else if (globals.values['help'] === true) {
      // `navette --help serve` reads as `navette help serve`.
      rest = [name];
      name = 'help';
    }
    const command = commands.find((c) => c.name === name);
    if (command === undefined) {
      throw new CliUsageError(
        `Commande inconnue : « ${name} ». Tapez « navette help » pour la liste des commandes.`,
        { command: name },
      );
    }
    const parsed = parseOptions(
      rest,
      { ...COMMON_OPTIONS, ...command.options },
      command.positionals === true,
      command.name,
    );
    json = json || parsed.values['json'] === true;
    if (parsed.values['help'] === true && command.name !== 'help') {
      const help = commands.find((c) => c.name === 'help');
      if (help !== undefined) {
        return await help.run({ io, json, values: {}, positionals: [command.name], commands });
      }
    }
    return await command.run({
      io,
      json,
      values: parsed.values,
      positionals: parsed.positionals,
      commands,
    });
  } catch (error) {
    printError(io, json, error);
    return error instanceof CliUsageError ? EXIT_USAGE : EXIT_FAILURE;
  }
}
