// The service side of « Réglages »: the effective settings without secrets, saving into the user
// settings file with one French error per refused field, the local API tokens, and the doctor
// checks. Every answer is a plain value of src/api (no throw for a user's mistake: the screen shows
// the message next to the field).
import type { DiagnosticsReport } from '../../api/diagnostics.js';
import type {
  SettingsFieldError,
  SettingsSave,
  SettingsSaveResult,
  SettingsView,
} from '../../api/settings.js';
import type { ApiTokenInfoView, TokenCreateResult, TokenRevokeResult } from '../../api/tokens.js';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import type { ApiTokenInfo, ApiTokenRepository } from '../../store/index.js';
import { cleanLayer } from '../config/cleanLayer.js';
import {
  ConfigSaveError,
  type ConfigStore,
  type Environment,
  type NavetteConfig,
} from '../config/index.js';
import { runDoctor } from '../dmp/index.js';
import { editableSettingsOf, fieldOfPath, layerOfChanges } from './settingsFields.js';

export interface SettingsServiceParts {
  readonly configStore: ConfigStore;
  readonly env: Environment;
  readonly demo: boolean;
  readonly tokens: ApiTokenRepository;
  /** The configuration the service really runs with (demo mode: the embedded test DMP). */
  readonly effective?: (config: NavetteConfig) => NavetteConfig;
  /** Doctor network checks give up after this (default 8 s): the screen must not hang. */
  readonly doctorTimeoutMs?: number;
}

const RESTART_NOTE =
  'Réglages enregistrés. Les dossiers surveillés, la carte et le mode d’authentification ' +
  'sont pris en compte au prochain démarrage de Navette.';

export class SettingsService {
  constructor(private readonly parts: SettingsServiceParts) {}

  view(): SettingsView {
    const store = this.parts.configStore;
    const config = store.config;
    const locked = new Set<string>();
    for (const dotted of store.locked) {
      const field = fieldOfPath(dotted);
      if (field !== '') locked.add(field);
    }
    return {
      settings: editableSettingsOf(config),
      locked: [...locked],
      userFile: store.userFile ?? null,
      dmpEndpoint: this.#effective().dmp.endpoint,
      demo: this.parts.demo || config.demo,
      problems: store.problems.map((p) => ({ field: p.field, message: p.message })),
    };
  }

  save(changes: SettingsSave): SettingsSaveResult {
    const store = this.parts.configStore;
    if (store.userFile === undefined) {
      return {
        ok: false,
        errors: [{ field: '', message: "Ce service n'a pas de fichier de réglages utilisateur." }],
      };
    }
    const layer = layerOfChanges(changes);
    // Check every field first, so the screen can mark all the wrong ones at once (saving stops
    // at the first).
    const errors: SettingsFieldError[] = [];
    const lockedFields = new Set(store.locked.map(fieldOfPath));
    for (const field of Object.keys(changes)) {
      if (lockedFields.has(field as never)) {
        errors.push({
          field,
          message: "Ce réglage est fixé par l'administrateur et ne peut pas être modifié.",
        });
      }
    }
    const withoutNulls = JSON.parse(JSON.stringify(layer, (_k, v: unknown) => v ?? undefined));
    for (const problem of cleanLayer(store.config, withoutNulls, store.userFile).problems) {
      errors.push({
        field: fieldOfPath(problem.field),
        message: `Valeur refusée : ce réglage attend ${problem.expected}.`,
      });
    }
    if (errors.length > 0) return { ok: false, errors };
    try {
      store.save(layer);
    } catch (error) {
      if (error instanceof ConfigSaveError)
        return { ok: false, errors: [{ field: '', message: error.message }] };
      throw error;
    }
    return { ok: true, view: this.view(), message: RESTART_NOTE };
  }

  #effective(): NavetteConfig {
    const config = this.parts.configStore.config;
    return this.parts.effective?.(config) ?? config;
  }

  listTokens(): { tokens: ApiTokenInfoView[] } {
    return { tokens: this.parts.tokens.list({ includeRevoked: true }).map(tokenView) };
  }

  createToken(name: string): TokenCreateResult {
    try {
      const created = this.parts.tokens.create(name);
      return { ok: true, token: created.token, info: tokenView(created.info) };
    } catch (error) {
      if (isNavetteError(error)) return { ok: false, code: error.code, message: error.message };
      throw error;
    }
  }

  revokeToken(name: string): TokenRevokeResult {
    try {
      return { ok: true, info: tokenView(this.parts.tokens.revoke(name)) };
    } catch (error) {
      if (isNavetteError(error)) return { ok: false, code: error.code, message: error.message };
      throw error;
    }
  }

  async diagnostics(): Promise<DiagnosticsReport> {
    const store = this.parts.configStore;
    const report = await runDoctor({
      config: this.#effective(),
      problems: store.problems,
      env: this.parts.env,
      timeoutMs: this.parts.doctorTimeoutMs ?? 8000,
    });
    return {
      ok: report.ok,
      authMode: report.authMode,
      endpoint: report.endpoint,
      checks: report.checks.map((c) => ({
        id: c.id,
        title: c.title,
        status: c.status,
        verdict: c.verdict,
        fix: c.fix ?? null,
        code: c.code ?? null,
      })),
      ranAt: new Date().toISOString(),
    };
  }
}

function tokenView(info: ApiTokenInfo): ApiTokenInfoView {
  return {
    id: info.id,
    name: info.name,
    prefix: info.prefix,
    createdAt: info.createdAt.toISOString(),
    lastUsedAt: info.lastUsedAt?.toISOString() ?? null,
    revokedAt: info.revokedAt?.toISOString() ?? null,
  };
}
