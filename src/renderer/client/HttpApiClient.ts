// The browser transport: `fetch` to the local service with the UI session token as a bearer
// token. The event stream is read with fetch streaming, because EventSource cannot send an
// Authorization header (and a token in the URL would land in logs and history).
import type { ApiInput, ApiOperationId, ApiOutput } from '../../api/bridge.js';
import type { ServiceEvent } from '../../api/events.js';
import { ApiCallError, type ApiClient } from './ApiClient.js';
import { fillPath, OPERATION_ROUTES } from './routes.js';
import { SseParser } from './sseParser.js';

export interface HttpApiClientOptions {
  /** The service's origin, e.g. `http://127.0.0.1:7411`. */
  readonly baseUrl: string;
  /** The bearer token (the UI session token). */
  readonly token: string;
  /** Tests: another fetch. */
  readonly fetch?: typeof fetch;
  /** Wait before reconnecting a lost event stream. Default 3 s (the server's `retry`). */
  readonly reconnectMs?: number;
}

const SESSION_LOST =
  "La session de l'interface n'est plus valide (Navette a redémarré ?). Rouvrez l'adresse affichée au démarrage de Navette.";

interface InputShape {
  readonly params?: Readonly<Record<string, string | number>>;
  readonly query?: Readonly<Record<string, unknown>>;
  readonly body?: unknown;
}

async function errorOf(response: Response): Promise<ApiCallError> {
  if (response.status === 401) return new ApiCallError('UNAUTHORIZED', SESSION_LOST, 401);
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = body.error ?? {};
    if (typeof code === 'string' && typeof message === 'string') {
      return new ApiCallError(code, message, response.status);
    }
  } catch {
    // Not our JSON error body: fall through to the generic sentence.
  }
  return new ApiCallError(
    'HTTP_ERROR',
    `Navette a répondu par une erreur (${response.status}). Réessayez ; si cela persiste, consultez le diagnostic dans les Réglages.`,
    response.status,
  );
}

export class HttpApiClient implements ApiClient {
  readonly transport = 'http';
  readonly #fetch: typeof fetch;

  constructor(private readonly opts: HttpApiClientOptions) {
    this.#fetch = opts.fetch ?? ((input, init) => fetch(input, init));
  }

  #headers(extra: Record<string, string> = {}): Record<string, string> {
    return { Authorization: `Bearer ${this.opts.token}`, ...extra };
  }

  async call<K extends ApiOperationId>(operationId: K, input: ApiInput<K>): Promise<ApiOutput<K>> {
    const route = OPERATION_ROUTES[operationId];
    const given = input as InputShape;
    const url = new URL(fillPath(route.path, given.params ?? {}), this.opts.baseUrl);
    for (const [name, value] of Object.entries(given.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
    }
    const hasBody = given.body !== undefined;
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method: route.method,
        headers: this.#headers({
          Accept: 'application/json',
          ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
        }),
        ...(hasBody ? { body: JSON.stringify(given.body) } : {}),
      });
    } catch {
      throw new ApiCallError(
        'UNREACHABLE',
        'Navette ne répond pas. Vérifiez que le service est démarré (« navette serve »), puis réessayez.',
      );
    }
    if (!response.ok) throw await errorOf(response);
    // The service checks its answers against the contract; the UI trusts its own origin.
    return (await response.json()) as ApiOutput<K>;
  }

  events(
    listener: (event: ServiceEvent) => void,
    onState?: (connected: boolean) => void,
  ): () => void {
    const controller = new AbortController();
    const url = new URL('/api/events', this.opts.baseUrl);
    const run = async (): Promise<void> => {
      while (!controller.signal.aborted) {
        try {
          const response = await this.#fetch(url, {
            headers: this.#headers({ Accept: 'text/event-stream' }),
            signal: controller.signal,
          });
          if (response.status === 401) {
            // A new service run has a new token: retrying cannot help; the calls say what to do.
            onState?.(false);
            return;
          }
          if (response.ok && response.body !== null) {
            onState?.(true);
            const parser = new SseParser();
            const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
            for (;;) {
              const { done, value } = await reader.read();
              if (done) break;
              for (const message of parser.push(value)) {
                try {
                  listener(JSON.parse(message.data) as ServiceEvent);
                } catch {
                  // A listener's bug must not end the stream.
                }
              }
            }
          }
        } catch {
          // Stopped, or the service went away: reconnect below unless stopped.
        }
        if (controller.signal.aborted) return;
        onState?.(false);
        await new Promise((r) => setTimeout(r, this.opts.reconnectMs ?? 3000));
      }
    };
    void run();
    return () => controller.abort();
  }
}
