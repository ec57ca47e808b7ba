// Command-line parsing with node:util parseArgs, with French messages for every mistake.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { OptionSpec, OptionValues } from './command.js';
import { CliUsageError } from './errors.js';

/** Options allowed before the command name. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  json: { type: 'boolean', description: 'Sortie au format JSON, pour les programmes' },
  help: { type: 'boolean', short: 'h', description: "Affiche l'aide" },
  version: { type: 'boolean', short: 'V', description: 'Affiche la version de Navette' },
};

export interface SplitArgs {
  readonly globals: readonly string[];
  readonly command: string | undefined;
  readonly rest: readonly string[];
}

/** `navette [global options] <command> [command arguments]`. */
export function splitCommand(argv: readonly string[]): SplitArgs {
  const at = argv.findIndex((arg) => !arg.startsWith('-'));
  if (at === -1) return { globals: argv, command: undefined, rest: [] };
  return { globals: argv.slice(0, at), command: argv[at], rest: argv.slice(at + 1) };
}

export interface Parsed {
  readonly values: OptionValues;
  readonly positionals: readonly string[];
}

export function parseOptions(
  args: readonly string[],
  options: Readonly<Record<string, OptionSpec>>,
  allowPositionals: boolean,
  commandName: string | undefined,
): Parsed {
  const config: ParseArgsConfig['options'] = {};
  for (const [name, spec] of Object.entries(options)) {
    config[name] = {
      type: spec.type,
      ...(spec.multiple === true ? { multiple: true } : {}),
      ...(spec.short === undefined ? {} : { short: spec.short }),
    };
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: config,
      strict: true,
      allowPositionals,
    });
    return { values: values as OptionValues, positionals };
  } catch (error) {
    throw toUsageError(error, commandName);
  }
}

function toUsageError(error: unknown, commandName: string | undefined): CliUsageError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : '';
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const helpHint =
    commandName === undefined
      ? 'Tapez « navette help » pour la liste des commandes.'
      : `Tapez « navette help ${commandName} » pour ses options.`;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new CliUsageError(`Option inconnue : ${quoted}. ${helpHint}`, { option: quoted });
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new CliUsageError(`Argument inattendu : « ${quoted} ». ${helpHint}`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      // "Option '--port <value>' argument missing" or "Option '--json' does not take an argument"
      const option = quoted.split(' ')[0] ?? quoted;
      return message.includes('argument missing')
        ? new CliUsageError(`L'option ${option} attend une valeur. ${helpHint}`, { option })
        : new CliUsageError(`L'option ${option} ne prend pas de valeur. ${helpHint}`, { option });
    }
    default:
      return new CliUsageError(`Ligne de commande incorrecte. ${helpHint}`);
  }
}
