// The OpenAPI 3.1 description of the local API, generated from the operations' zod schemas (zod 4
// `z.toJSONSchema`, JSON Schema 2020-12: the dialect OpenAPI 3.1 uses). Served at
// `GET /api/openapi.json`, so it always lists exactly what the running server mounts.
import { z } from 'zod';
import { ApiErrorSchema } from './apiErrors.js';
import type { OperationDefinition } from './operations.js';

export const OpenApiDocumentSchema = z.record(z.string(), z.unknown());
export type OpenApiDocument = z.infer<typeof OpenApiDocumentSchema>;

export const OPENAPI = {
  method: 'GET',
  path: '/api/openapi.json',
  auth: 'token',
  id: 'getOpenApi',
  summary: "Description OpenAPI 3.1 de l'API locale",
  response: OpenApiDocumentSchema,
} as const satisfies OperationDefinition<typeof OpenApiDocumentSchema>;

/** The name of the bearer scheme in `components.securitySchemes`. */
export const BEARER_SCHEME = 'bearerToken';

type JsonSchema = Record<string, unknown>;

/** A schema for embedding in the document (the `$schema` key belongs to standalone schemas). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

const ERROR_REF = { $ref: '#/components/schemas/ApiError' };

function errorResponse(description: string): JsonSchema {
  return { description, content: { 'application/json': { schema: ERROR_REF } } };
}

function parameters(query: z.ZodObject): JsonSchema[] {
  const object = jsonSchema(query, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: object.required?.includes(name) ?? false,
    schema,
  }));
}

function operationObject(def: OperationDefinition): JsonSchema {
  const stream = def.kind === 'event-stream';
  const responses: Record<string, JsonSchema> = {
    '200': {
      description: stream
        ? 'Flux text/event-stream : chaque message porte `event: <type>` et `data: <JSON>` ' +
          'conforme au schéma ; un commentaire périodique maintient la connexion.'
        : 'Réponse JSON.',
      content: {
        [stream ? 'text/event-stream' : 'application/json']: {
          schema: jsonSchema(def.response, 'output'),
        },
      },
    },
  };
  if (def.query !== undefined || def.body !== undefined) {
    responses['400'] = errorResponse('Requête invalide (le champ en cause est nommé).');
  }
  if (def.body !== undefined) {
    responses['413'] = errorResponse('Corps de requête trop volumineux.');
    responses['415'] = errorResponse('Le corps doit être en application/json.');
  }
  if (def.auth === 'token') {
    responses['401'] = errorResponse('Jeton absent, inconnu ou révoqué.');
    responses['403'] = errorResponse('Origine (CORS) ou hôte refusé.');
  }
  return {
    ...(def.id === undefined ? {} : { operationId: def.id }),
    ...(def.summary === undefined ? {} : { summary: def.summary }),
    security: def.auth === 'token' ? [{ [BEARER_SCHEME]: [] }] : [],
    ...(def.query === undefined ? {} : { parameters: parameters(def.query) }),
    ...(def.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(def.body, 'input') } },
          },
        }),
    responses,
  };
}

/** The OpenAPI 3.1 document describing `definitions`. */
export function openApiDocument(
  definitions: readonly OperationDefinition[],
  info: { readonly version: string },
): OpenApiDocument {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const def of definitions) {
    const item = (paths[def.path] ??= {});
    item[def.method.toLowerCase()] = operationObject(def);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Navette — API locale',
      version: info.version,
      description:
        "API HTTP de Navette sur 127.0.0.1. Chaque route /api/ exige un jeton : créez-le avec « navette api token create --name NOM » et envoyez-le dans l'en-tête Authorization: Bearer.",
    },
    servers: [{ url: '/' }],
    security: [{ [BEARER_SCHEME]: [] }],
    paths,
    components: {
      securitySchemes: {
        [BEARER_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          description: 'Jeton créé par « navette api token create » (nvt_…).',
        },
      },
      schemas: { ApiError: jsonSchema(ApiErrorSchema, 'output') },
    },
  };
}
