// Between the « Réglages » form and the API: text areas hold one folder per line; only the fields
// that differ from what is in force are sent (so a field locked by the policy is never sent
// unchanged, and saving does not copy the defaults into the user's file).
import type { EditableSettings, SettingsSave } from '../../api/settings.js';

/** One folder per line, blank lines and surrounding spaces dropped. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** The changes between what is in force and what the form holds. */
export function changesOf(current: EditableSettings, form: EditableSettings): SettingsSave {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(form) as (keyof EditableSettings)[]) {
    if (JSON.stringify(form[key]) !== JSON.stringify(current[key])) changes[key] = form[key];
  }
  return changes as SettingsSave;
}

/** An optional text field: '' means « not set ». */
export function optionalText(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
