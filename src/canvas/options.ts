import { checkMembers, refuseUnknown } from '../arguments.js';
import {
	configChecks,
	defaultMaxConcurrentLookups,
	defaultPeerCache,
	defaultPlatformUrl,
	injectedSettings,
	type InjectedOptions,
	policy,
	resolvePlatformUrl,
	type Settings,
} from '../config.js';
import { ConfigError } from '../errors/config-error.js';
import { kindOf } from '../internal/describe.js';
import { isRecord } from '../internal/json.js';
import { createRedaction } from '../redaction.js';
import { headerValue, tokenAccess, type TokenOption } from '../token.js';
import type { WebSocketConstructor } from '../events/websocket.js';

/**
 * How the canvas proves who it is: the browser's session cookie, or a bearer token.
 * - `{ session: true }`: requests carry the browser's cookies (`credentials: 'include'`) and no
 *   `Authorization`; the platform verifies the session with its control plane (addendum §2.1).
 * - `{ token }`: an ADMIN token or an organisation API token, sent as `Authorization: Bearer …`; a
 *   string, a provider function, or `{ get, refresh }` as the core's `token` option takes it.
 *
 * @example
 * createCanvasClient({ platformUrl, auth: { session: true } }); // in the canvas web app
 * createCanvasClient({ platformUrl, auth: { token: env.MOLECULE_ORG_TOKEN } }); // a script or a test
 */
export type CanvasAuth = { session: true } | { token: TokenOption };

/**
 * Time limits of the canvas's requests, in milliseconds; each covers a request until its whole answer is read.
 *
 * @example
 * createCanvasClient({ platformUrl, auth, timeouts: { sendMs: 60_000 } });
 */
export interface CanvasTimeouts {
	/**
	 * Milliseconds for reads and small writes (workspaces, history, traffic, peers, card), and for an
	 * event stream to answer its opening request.
	 *
	 * @default 15000
	 */
	requestMs: number;
	/**
	 * Milliseconds for one `send` attempt: the canvas's chat timeout. The platform cuts a canvas turn at
	 * 90 s and answers it as queued (push-async), so this leaves room for that answer.
	 *
	 * @default 120000
	 */
	sendMs: number;
	/**
	 * Milliseconds for one `uploadFiles` request (up to 100 MB).
	 *
	 * @default 300000
	 */
	uploadMs: number;
}

/**
 * The options of `createCanvasClient`. Only `auth` is required. A member that is not what it should
 * be, or is not an option at all, throws a `ConfigError` naming it before anything is sent.
 *
 * @example
 * const options: CanvasClientOptions = { platformUrl: 'https://acme.moleculesai.app', auth: { session: true }, orgId };
 */
export interface CanvasClientOptions extends InjectedOptions {
	/**
	 * The platform's base URL: http(s), without query, fragment or credentials; one trailing `/` is dropped.
	 *
	 * @default 'http://localhost:8080'
	 */
	platformUrl?: string | undefined;
	/** The session cookie or a bearer token; see `CanvasAuth`. Required. */
	auth: CanvasAuth;
	/** Sent as `X-Molecule-Org-Id`, which a platform serving one organisation requires. None by default. */
	orgId?: string | undefined;
	/**
	 * Time limits in milliseconds; members left out keep their defaults.
	 *
	 * @default { requestMs: 15000, sendMs: 120000, uploadMs: 300000 }
	 */
	timeouts?: Partial<CanvasTimeouts> | undefined;
	/**
	 * The WebSocket constructor `events()` opens `/ws` with.
	 *
	 * @default globalThis.WebSocket
	 */
	WebSocket?: WebSocketConstructor | undefined;
}

export type { WebSocketConstructor };

/** What the canvas modules read: the core's settings plus the canvas's own. */
export interface CanvasSettings {
	core: Settings;
	timeouts: CanvasTimeouts;
	WebSocket: WebSocketConstructor | undefined;
}

export const defaultCanvasTimeouts: Readonly<CanvasTimeouts> = { requestMs: 15_000, sendMs: 120_000, uploadMs: 300_000 };

const members = ['platformUrl', 'auth', 'orgId', 'fetch', 'clock', 'random', 'uuid', 'logger', 'retry', 'timeouts', 'WebSocket'] satisfies (keyof CanvasClientOptions)[];

/** `auth` checked: a session, or a token option. */
function authOf(auth: unknown): { session: boolean; token: TokenOption | undefined } {
	if (!isRecord(auth)) throw new ConfigError('auth', `is required: { session: true } or { token }, got ${kindOf(auth)}`);
	refuseUnknown(auth, ['session', 'token'], 'auth');
	const hasToken = auth['token'] !== undefined && auth['token'] !== null;
	if (auth['session'] === true && !hasToken) return { session: true, token: undefined };
	if (auth['session'] !== undefined && auth['session'] !== true) throw new ConfigError('auth.session', `must be true, got ${kindOf(auth['session'])}`);
	if (auth['session'] === true) throw new ConfigError('auth', 'must be { session: true } or { token }, not both');
	if (!hasToken) throw new ConfigError('auth.token', 'is required when auth is not { session: true }');
	if (typeof auth['token'] === 'string' && auth['token'].trim() === '') throw new ConfigError('auth.token', 'is empty: give the ADMIN or org API token, or use { session: true }');
	return { session: false, token: auth['token'] as TokenOption };
}

/**
 * Applies defaults and validates `options`; throws `ConfigError` naming the first bad member. The
 * core's settings are built for a canvas-class caller: requests never carry `X-Workspace-ID`, so the
 * core's `workspaceId` stays empty and is never sent.
 */
export function resolveCanvasOptions(options: CanvasClientOptions): CanvasSettings {
	if (!isRecord(options)) throw new ConfigError('options', `must be an object, got ${kindOf(options)}`);
	refuseUnknown(options, members, '');
	checkMembers(options, configChecks, '', (value) => value === undefined || value === null);
	const WebSocket = options.WebSocket ?? undefined;
	if (WebSocket !== undefined && typeof WebSocket !== 'function') throw new ConfigError('WebSocket', `must be a constructor, got ${kindOf(WebSocket)}`);
	const { session, token } = authOf(options.auth);
	const redaction = createRedaction();
	const timeouts = policy('timeouts', defaultCanvasTimeouts, options.timeouts);
	const core: Settings = {
		workspaceId: '',
		platformUrl: options.platformUrl == null ? defaultPlatformUrl : resolvePlatformUrl(options.platformUrl),
		tokens: tokenAccess(token, redaction),
		origin: undefined,
		orgId: headerValue('orgId', options.orgId),
		...injectedSettings(options, redaction),
		timeouts: { requestMs: timeouts.requestMs, metadataMs: timeouts.requestMs, sendMs: timeouts.sendMs },
		peerCache: { ...defaultPeerCache },
		maxConcurrentLookups: defaultMaxConcurrentLookups,
		redaction,
		...(session ? { credentials: 'include' as const } : {}),
	};
	return { core, timeouts, WebSocket };
}
