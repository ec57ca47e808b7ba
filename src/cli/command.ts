// What a command is. Adding a command = one file in commands/ exporting a CommandDefinition, plus
// its line in commands/index.ts.
import type { CliIo } from './io.js';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
  /** The placeholder shown in help (`--port N`). */
  readonly valueName?: string;
  /** French, one line. */
  readonly description: string;
}

export type OptionValues = Readonly<
  Record<string, string | boolean | (string | boolean)[] | undefined>
>;

export interface CommandContext {
  readonly io: CliIo;
  /** `--json`: results as JSON lines on stdout. */
  readonly json: boolean;
  readonly values: OptionValues;
  readonly positionals: readonly string[];
  /** Every known command (for `help`). */
  readonly commands: readonly CommandDefinition[];
}

export interface CommandDefinition {
  readonly name: string;
  /** French, one line, for the list of commands. */
  readonly summary: string;
  /** The synopsis, e.g. `navette serve [--port N]`. */
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Whether the command takes positional arguments (e.g. `help serve`). */
  readonly positionals?: boolean;
  /** Returns the process exit code. */
  run(ctx: CommandContext): Promise<number>;
}

/** Options every command accepts. */
export const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  json: { type: 'boolean', description: 'Sortie au format JSON, pour les programmes' },
  help: { type: 'boolean', short: 'h', description: "Affiche l'aide de la commande" },
};

export function stringValue(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function stringValues(values: OptionValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function booleanValue(values: OptionValues, name: string): boolean {
  return values[name] === true;
}
