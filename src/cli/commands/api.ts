// `navette api token create|list|revoke`: the bearer tokens of the local HTTP API
// (docs/local-api.md). A token is shown once, at creation, and only its hash is stored. The
// commands work on the data folder's database while `navette serve` runs: the service checks the
// tokens on every request, so a new or revoked token takes effect without a restart.
import { openApiTokenStore } from '../../app/service/apiTokenStore.js';
import { booleanValue, stringValue, type CommandDefinition } from '../command.js';
import { CliUsageError, EXIT_OK } from '../errors.js';
import type { CliIo } from '../io.js';
import { printJson } from '../output.js';

const USAGE =
  'navette api token create --name NOM | navette api token list [--all] | ' +
  'navette api token revoke --name NOM  [--data DOSSIER] [--json]';

function when(date: Date | null): string {
  return date === null
    ? 'jamais'
    : date.toLocaleString('fr-FR', {
        timeZone: 'Europe/Paris',
        dateStyle: 'short',
        timeStyle: 'short',
      });
}

function requiredName(values: Parameters<typeof stringValue>[0], action: string): string {
  const name = stringValue(values, 'name');
  if (name === undefined || name === '') {
    throw new CliUsageError(`Indiquez le nom du jeton : navette api token ${action} --name NOM.`);
  }
  return name;
}

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

function withStore<T>(
  io: CliIo,
  dataDir: string | undefined,
  fn: (store: ReturnType<typeof openApiTokenStore>) => T,
): T {
  const store = openApiTokenStore({ env: io.env, ...(dataDir === undefined ? {} : { dataDir }) });
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

export const apiCommand: CommandDefinition = {
  name: 'api',
  summary: "Gère les jetons d'accès à l'API locale (création, liste, révocation)",
  usage: USAGE,
  positionals: true,
  options: {
    name: {
      type: 'string',
      valueName: 'NOM',
      description: 'Nom du jeton (le programme qui l’utilise)',
    },
    all: { type: 'boolean', description: 'Avec list : montre aussi les jetons révoqués' },
    data: {
      type: 'string',
      valueName: 'DOSSIER',
      description: 'Dossier de données de Navette (celui du service)',
    },
  },
  run({ io, json, values, positionals }) {
    const [topic, action, ...extra] = positionals;
    if (topic !== 'token' || action === undefined || extra.length > 0) {
      throw new CliUsageError(`Usage : ${USAGE}`);
    }
    const dataDir = stringValue(values, 'data');
    switch (action) {
      case 'create': {
        const name = requiredName(values, 'create');
        const created = withStore(io, dataDir, (s) => s.tokens.create(name));
        if (json) {
          printJson(io, {
            name: created.info.name,
            token: created.token,
            prefix: created.info.prefix,
            createdAt: created.info.createdAt.toISOString(),
          });
        } else {
          // The token alone on stdout (scripts capture it); the explanation on stderr.
          io.out(created.token);
          io.err(
            `Jeton « ${name} » créé. Copiez-le maintenant : Navette ne le montrera plus jamais ` +
              "(seule son empreinte est conservée). Envoyez-le dans l'en-tête « Authorization: Bearer ».",
          );
        }
        return Promise.resolve(EXIT_OK);
      }
      case 'list': {
        const includeRevoked = booleanValue(values, 'all');
        const tokens = withStore(io, dataDir, (s) => s.tokens.list({ includeRevoked }));
        if (json) {
          printJson(
            io,
            tokens.map((t) => ({
              name: t.name,
              prefix: t.prefix,
              createdAt: t.createdAt.toISOString(),
              lastUsedAt: iso(t.lastUsedAt),
              revokedAt: iso(t.revokedAt),
            })),
          );
        } else if (tokens.length === 0) {
          io.out("Aucun jeton d'accès. Créez-en un avec « navette api token create --name NOM ».");
        } else {
          for (const t of tokens) {
            io.out(
              `${t.name} — ${t.prefix}… — créé le ${when(t.createdAt)}, dernière utilisation : ` +
                `${when(t.lastUsedAt)}${t.revokedAt === null ? '' : `, révoqué le ${when(t.revokedAt)}`}`,
            );
          }
        }
        return Promise.resolve(EXIT_OK);
      }
      case 'revoke': {
        const name = requiredName(values, 'revoke');
        const revoked = withStore(io, dataDir, (s) => s.tokens.revoke(name));
        if (json) printJson(io, { name: revoked.name, revokedAt: iso(revoked.revokedAt) });
        else io.out(`Jeton « ${name} » révoqué : il n'ouvre plus l'API locale.`);
        return Promise.resolve(EXIT_OK);
      }
      default:
        throw new CliUsageError(`Action inconnue : « ${action} ». Usage : ${USAGE}`);
    }
  },
};
