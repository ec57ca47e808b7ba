// Bearer tokens of the local HTTP API (migration 0040). See docs/local-api.md.
export {
  ApiTokenRepository,
  type ApiClient,
  type ApiTokenInfo,
  type ApiTokenRepositoryOptions,
  type CreatedApiToken,
} from './ApiTokenRepository.js';
export { ApiTokenError, type ApiTokenErrorCode } from './apiTokenErrors.js';
export { PREFIX_LENGTH, TOKEN_LENGTH, TOKEN_MARK, looksLikeToken } from './apiTokenFormat.js';
