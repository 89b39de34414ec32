/**
 * Node-only helpers: serve a fetch handler (the dev platform, or your own) on a local port.
 *
 * @module
 */
export { serve, type RunningServer, type ServeOptions } from './serve.js';
export type { AcceptedSocket, WebSocketHandshake } from './upgrade.js';
