// MTOM/XOP for SOAP 1.2: streaming writer and reader of multipart/related messages.
export { MtomError } from './MtomError.js';
export { cidHref, contentIdFromHref, newContentId, stripAngles } from './cid.js';
export { formatContentType, parseContentType, quoteParam, type ParsedContentType } from './contentType.js';
export {
  mtomContentType,
  newBoundary,
  writeMtom,
  type MtomAttachmentInput,
  type MtomOutgoing,
  type MtomSource,
  type MtomWriteInput,
} from './writer.js';
export {
  collectBytes,
  parseMtomContentType,
  readMtom,
  readMtomParts,
  readMtomStream,
  type MtomAttachment,
  type MtomContentType,
  type MtomMessage,
  type MtomPart,
  type MtomReadOptions,
  type MtomRoot,
} from './reader.js';
export { findXopIncludes, resolveXopIncludes, xopIncludeXml, type AttachmentLike, type XopReference } from './xop.js';
