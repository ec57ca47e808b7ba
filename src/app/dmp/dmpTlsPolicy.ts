// The DMP's TLS policy (PDT-INF-579v4, src/protocol/tls) in the shape the Node transports take.
import {
  DMP_LPS_CIPHERS_OPENSSL,
  DMP_TLS_MAX_VERSION,
  DMP_TLS_MIN_VERSION,
  DMP_TLS_SIGALGS,
} from '../../protocol/tls/dmpTlsPolicy.js';
import type { NodeTlsPolicy } from '../../transport/index.js';

export const DMP_NODE_TLS_POLICY: NodeTlsPolicy = Object.freeze({
  minVersion: DMP_TLS_MIN_VERSION,
  maxVersion: DMP_TLS_MAX_VERSION,
  ciphers: DMP_LPS_CIPHERS_OPENSSL,
  sigalgs: DMP_TLS_SIGALGS,
});
