// What the desktop shell (src/main) reuses of the transport layer, which it may not import
// directly (layer rule): the inactivity timer of one exchange.
export { IdleTimer } from '../transport/IdleTimer.js';
