// The local HTTP server (loopback only) and the web UI in headless mode.
export { createHttpFrontEnd, type HttpFrontEndOptions } from './createHttpFrontEnd.js';
export { LocalServer, LOOPBACK_HOST, type LocalServerOptions, type ServerLog } from './LocalServer.js';
export { Router, type Guard, type Handler, type Method, type RequestContext } from './router.js';
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './securityHeaders.js';
export { allowedHosts, isAllowedHost } from './hostCheck.js';
export { resolveStaticPath, staticFiles, type StaticFilesOptions } from './staticFiles.js';
export { BANNER_MARKER, DEMO_BANNER_HTML, withDemoBanner } from './demoBanner.js';
export { PortInUseError, ServerStartError } from './errors.js';
