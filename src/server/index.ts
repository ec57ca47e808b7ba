// The local HTTP server (loopback only) and the web UI in headless mode.
export { createHttpFrontEnd, type HttpFrontEndOptions } from './createHttpFrontEnd.js';
export {
  LocalServer,
  LOOPBACK_HOST,
  type LocalServerOptions,
  type ServerLog,
} from './LocalServer.js';
export { Router, type Guard, type Handler, type Method, type RequestContext } from './router.js';
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './securityHeaders.js';
export { allowedHosts, isAllowedHost } from './hostCheck.js';
export { resolveStaticPath, staticFiles, type StaticFilesOptions } from './staticFiles.js';
export { BANNER_MARKER, DEMO_BANNER_HTML, withDemoBanner } from './demoBanner.js';
export { PortInUseError, ServerStartError } from './errors.js';
export {
  jsonOperation,
  type MountedOperation,
  type MountOptions,
  type OperationHandler,
  type OperationRequest,
} from './apiOperation.js';
export {
  DEFAULT_HEARTBEAT_MS,
  eventStreamOperation,
  sseMessage,
  type EventSource,
  type EventStreamOptions,
} from './eventStream.js';
export { mountLocalApi, type LocalApiOptions, type MountContext } from './localApi.js';
export {
  bearerAuth,
  bearerToken,
  clientOf,
  type ApiClientIdentity,
  type ApiTokenVerifier,
} from './bearerAuth.js';
export { anyTokenVerifier } from './tokenVerifiers.js';
export { originCheck, ownOrigins, type OriginCheckOptions } from './originCheck.js';
export { jsonBody, jsonBodyOf } from './jsonBody.js';
export {
  DEFAULT_MAX_BODY_BYTES,
  hasBody,
  isJsonContentType,
  readBody,
  type BodyRead,
} from './requestBody.js';
export { checkAgainst, queryObject, type Checked } from './requestValidation.js';
