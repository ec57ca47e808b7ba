// The local API's bearer tokens, managed from « Réglages »: list (never the token itself), create
// (the token is in the answer once and nowhere else), revoke by client name.
import { z } from 'zod';
import type { OperationDefinition } from './operations.js';

const instant = z.iso.datetime();

export const ApiTokenInfoSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** `nvt_` and 8 more characters, to recognise a token. */
  prefix: z.string(),
  createdAt: instant,
  lastUsedAt: instant.nullable(),
  revokedAt: instant.nullable(),
});
export type ApiTokenInfoView = z.infer<typeof ApiTokenInfoSchema>;

export const ApiTokenListSchema = z.object({ tokens: z.array(ApiTokenInfoSchema) });

export const TOKENS_LIST = {
  method: 'GET',
  path: '/api/tokens',
  auth: 'token',
  id: 'listApiTokens',
  summary: "Jetons d'accès à l'API locale (jamais les jetons eux-mêmes)",
  response: ApiTokenListSchema,
} as const satisfies OperationDefinition<typeof ApiTokenListSchema>;

const clientName = z.string().trim().min(1).max(64);

export const TokenCreateSchema = z.strictObject({ name: clientName });

/** Refusals (name taken or invalid) come back as `ok: false` with a French message. */
export const TokenCreateResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), token: z.string(), info: ApiTokenInfoSchema }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type TokenCreateResult = z.infer<typeof TokenCreateResultSchema>;

export const TOKEN_CREATE = {
  method: 'POST',
  path: '/api/tokens',
  auth: 'token',
  id: 'createApiToken',
  summary: "Crée un jeton d'accès pour un logiciel (affiché une seule fois)",
  body: TokenCreateSchema,
  response: TokenCreateResultSchema,
} as const satisfies OperationDefinition<typeof TokenCreateResultSchema>;

export const TokenRevokeSchema = z.strictObject({ name: clientName });

export const TokenRevokeResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), info: ApiTokenInfoSchema }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type TokenRevokeResult = z.infer<typeof TokenRevokeResultSchema>;

export const TOKEN_REVOKE = {
  method: 'POST',
  path: '/api/tokens/revoke',
  auth: 'token',
  id: 'revokeApiToken',
  summary: "Révoque le jeton d'accès d'un logiciel",
  body: TokenRevokeSchema,
  response: TokenRevokeResultSchema,
} as const satisfies OperationDefinition<typeof TokenRevokeResultSchema>;

export const TOKEN_OPERATIONS = [TOKENS_LIST, TOKEN_CREATE, TOKEN_REVOKE] as const;
