// An HttpsTransport that answers in this process from a script: the DMP client's plumbing (what it
// sends, how it reads every kind of answer) is tested without TLS. The answers are built with
// the same src/protocol builders the sandbox uses; the real exchange over mutual TLS is covered
// by test/integration/dmp against the sandbox.
import type {
  HttpsRequest,
  HttpsResponse,
  HttpsTransport,
} from '../../../src/domain/ports/HttpsTransport.js';
import { collectBytes, readMtom } from '../../../src/protocol/mtom/index.js';
import { readSoapEnvelope, type SoapEnvelope } from '../../../src/protocol/soap/index.js';

export interface SeenRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly envelope: SoapEnvelope;
  readonly timeoutMs: number;
}

export interface ScriptedAnswer {
  readonly status?: number;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
}

export type Script = (request: SeenRequest) => ScriptedAnswer | Promise<ScriptedAnswer>;

async function* chunks(body: Uint8Array): AsyncGenerator<Uint8Array> {
  // Two chunks: readers must not assume the answer arrives in one piece.
  const half = Math.floor(body.length / 2);
  yield body.subarray(0, half);
  yield body.subarray(half);
}

export class ScriptedTransport implements HttpsTransport {
  readonly seen: SeenRequest[] = [];
  closed = false;

  constructor(private script: Script) {}

  answerWith(script: Script): void {
    this.script = script;
  }

  async post(url: string, request: HttpsRequest): Promise<HttpsResponse> {
    const body =
      request.body instanceof Uint8Array
        ? Buffer.from(request.body)
        : await collectBytes(request.body);
    const contentType = request.headers['content-type'] ?? '';
    const envelope = contentType.startsWith('multipart/related')
      ? readSoapEnvelope((await readMtom(body, contentType)).root.xml)
      : readSoapEnvelope(body);
    const seen: SeenRequest = {
      url,
      headers: request.headers,
      body,
      envelope,
      timeoutMs: request.timeoutMs,
    };
    this.seen.push(seen);
    const answer = await this.script(seen);
    const bytes = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
    return {
      status: answer.status ?? 200,
      headers: {
        'content-type': answer.contentType ?? 'application/soap+xml; charset=utf-8',
        ...answer.headers,
      },
      body: chunks(bytes),
    };
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
