// A minimal DMP client for testing the sandbox over real mutual TLS: Node https with a test card's
// authentication key (or the structure's ORG AUTH_CLI), a VIHF signed with its signature key,
// SOAP 1.2 with WS-Addressing, MTOM when there are documents. It uses the same src/protocol
// builders as Navette; what it proves about the server is checked against the official material
// by the conformance tests.
import { createPrivateKey, sign as rsaSign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { SignatureAlgorithm, XmlSigner } from '../../src/domain/ports/XmlSigner.js';
import { readMtom, writeMtom, type MtomAttachmentInput } from '../../src/protocol/mtom/index.js';
import {
  buildSignedVihf,
  buildVihfAssertion,
  signVihfAssertion,
  vihfIssuerOf,
  type VihfInput,
} from '../../src/protocol/saml/index.js';
import {
  DMP_OPERATIONS,
  buildDmpRequestEnvelope,
  dmpEndpointUrl,
  readSoapEnvelope,
  soapContentType,
  type DmpOperationName,
  type SoapEnvelope,
} from '../../src/protocol/soap/index.js';
import type { SandboxManifest } from '../../src/sandbox/index.js';

export function pemSigner(certFile: string, keyFile: string): XmlSigner {
  const key = createPrivateKey(readFileSync(keyFile));
  return {
    certificateDer: new X509Certificate(readFileSync(certFile)).raw,
    sign: (data: Uint8Array, algorithm: SignatureAlgorithm) =>
      Promise.resolve(rsaSign(algorithm === 'rsa-sha1' ? 'sha1' : 'sha256', data, key)),
  };
}

export interface SandboxAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly raw: Buffer;
  /** The SOAP envelope (undefined for a non-SOAP answer such as an injected 503). */
  readonly envelope: SoapEnvelope | undefined;
  readonly attachments: ReadonlyMap<string, Buffer>;
}

export interface CallOptions {
  readonly patientIns?: string;
  readonly vihf?: Partial<VihfInput>;
  /** Sign the VIHF with the authentication key instead of the signature key (must be refused). */
  readonly signWithAuthenticationKey?: boolean;
  readonly attachments?: readonly MtomAttachmentInput[];
  /** Drop the WS-Addressing headers (must be refused). */
  readonly withoutAddressing?: boolean;
  readonly noVihf?: boolean;
  /** Edits the unsigned assertion before it is signed (to send what our builder refuses to build). */
  readonly vihfTransform?: (assertionXml: string) => string;
}

type Identity = SandboxManifest['cards'][number] | 'structure';

export class SandboxTestClient {
  private readonly agent: https.Agent;

  constructor(
    private readonly manifest: SandboxManifest,
    private readonly baseUrl: string,
    private readonly who: Identity,
  ) {
    const tls = who === 'structure' ? manifest.structure.authentication : who.authentication;
    this.agent = new https.Agent({
      cert: readFileSync(tls.cert),
      key: readFileSync(tls.key),
      ca: readFileSync(manifest.ca),
      maxVersion: 'TLSv1.2',
      keepAlive: false,
    });
  }

  static forCard(manifest: SandboxManifest, baseUrl: string, key: string): SandboxTestClient {
    const card = manifest.cards.find((c) => c.key === key);
    if (!card) throw new Error(`no test card ${key}`);
    return new SandboxTestClient(manifest, baseUrl, card);
  }

  vihfInput(opts: CallOptions): VihfInput {
    const structure = this.manifest.structure;
    const base =
      this.who === 'structure'
        ? {
            subjectId: structure.id,
            authenticationMode: 'INDIRECTE' as const,
            subjectName: 'AUTOMATE NAVETTE',
            profession: { code: 'AUTOMATE', codeSystem: '1.2.250.1.213.1.1.4.6' },
          }
        : {
            subjectId: this.who.holder.id,
            authenticationMode: 'DIRECTE' as const,
            profession: {
              code: this.who.holder.profession ?? 'NON_PS',
              codeSystem: '1.2.250.1.71.1.2.7',
            },
            ...(this.who.holder.specialty === null
              ? {}
              : {
                  specialty: { code: this.who.holder.specialty, codeSystem: '1.2.250.1.71.4.2.5' },
                }),
          };
    return {
      ...base,
      structureId: structure.id,
      activitySector: 'SA07^1.2.250.1.71.4.2.4',
      accessMode: 'normal',
      ...(opts.patientIns === undefined
        ? {}
        : { patientId: `${opts.patientIns}^^^&1.2.250.1.213.1.4.10&ISO^NH` }),
      software: {
        instanceId: '1',
        name: 'Navette (tests)',
        version: '0',
        homologationNumber: 'TEST',
      },
      ...opts.vihf,
    };
  }

  private signer(opts: CallOptions): XmlSigner {
    const pair =
      this.who === 'structure'
        ? opts.signWithAuthenticationKey
          ? this.manifest.structure.authentication
          : this.manifest.structure.signature
        : opts.signWithAuthenticationKey
          ? this.who.authentication
          : this.who.signature;
    return pemSigner(pair.cert, pair.key);
  }

  async call(
    operationName: DmpOperationName,
    bodyXml: string,
    opts: CallOptions = {},
  ): Promise<SandboxAnswer> {
    const op = DMP_OPERATIONS[operationName];
    const url = dmpEndpointUrl(this.baseUrl, op.service);
    const vihfXml = opts.noVihf
      ? undefined
      : opts.vihfTransform
        ? await signVihfAssertion(
            opts.vihfTransform(
              buildVihfAssertion({
                ...this.vihfInput(opts),
                issuer: vihfIssuerOf(this.signer(opts).certificateDer),
              }),
            ),
            this.signer(opts),
          )
        : await buildSignedVihf(this.vihfInput(opts), this.signer(opts), {});
    let xml = buildDmpRequestEnvelope({
      operation: op,
      to: url,
      bodyXml,
      ...(vihfXml === undefined ? {} : { vihfXml }),
    }).xml;
    if (opts.withoutAddressing) {
      xml = xml.replace(
        /<(Action|MessageID|To|ReplyTo)\b[^>]*xmlns="http:\/\/www\.w3\.org\/2005\/08\/addressing"[^]*?<\/\1>/g,
        '',
      );
    }
    let body: Buffer;
    let contentType: string;
    if (opts.attachments && opts.attachments.length > 0) {
      const out = writeMtom({ envelopeXml: xml, attachments: opts.attachments, action: op.action });
      const chunks: Buffer[] = [];
      for await (const c of out.body) chunks.push(c);
      body = Buffer.concat(chunks);
      contentType = out.contentType;
    } else {
      body = Buffer.from(xml, 'utf8');
      contentType = soapContentType(op.action);
    }
    return this.post(url, body, contentType);
  }

  /** GET an admin route of the sandbox (JSON). */
  async admin(name: string, query = ''): Promise<unknown> {
    const origin = new URL(this.baseUrl).origin;
    const answer = await this.request(`${origin}/admin/${name}${query}`, 'GET');
    return JSON.parse(answer.raw.toString('utf8'));
  }

  private post(url: string, body: Buffer, contentType: string): Promise<SandboxAnswer> {
    return this.request(url, 'POST', body, contentType);
  }

  private request(
    url: string,
    method: string,
    body?: Buffer,
    contentType?: string,
  ): Promise<SandboxAnswer> {
    return new Promise((resolve, reject) => {
      const req = https.request(
        url,
        {
          method,
          agent: this.agent,
          headers: contentType === undefined ? {} : { 'content-type': contentType },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const raw = Buffer.concat(chunks);
            const type = res.headers['content-type'] ?? '';
            void (async () => {
              let envelope: SoapEnvelope | undefined;
              const attachments = new Map<string, Buffer>();
              if (type.includes('multipart/related')) {
                const message = await readMtom(raw, type);
                envelope = readSoapEnvelope(message.root.xml);
                for (const a of message.attachments)
                  if (a.contentId) attachments.set(a.contentId, a.data);
              } else if (type.includes('soap+xml')) {
                envelope = readSoapEnvelope(raw);
              }
              resolve({
                status: res.statusCode ?? 0,
                contentType: type,
                raw,
                envelope,
                attachments,
              });
            })().catch(reject);
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
