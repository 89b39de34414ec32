import { systemClock, type Clock } from '../clock.js';
import type { EventLog } from './events.js';
import type { MemoryStore } from './memories.js';
import { randomUuid, runtime } from '../internal/runtime.js';
import { workspaceKey, type DevModel } from './model.js';
import type { QueueStore } from './queue.js';
import type { SessionStore } from './sessions.js';
import type { LiveStreams } from './streams.js';
import type { DevPlatformOptions, UploadLimits } from './types.js';
import type { PendingUploadStore } from './uploads.js';

/** The options with every default filled in. */
export interface DevSettings {
	clock: Clock;
	uuid: () => string;
	mintToken: () => string;
	mintSecret: () => string;
	wallClock: () => Date;
	fetch: (request: Request) => Promise<Response>;
	idleTimeoutMs: number;
	/** `ADMIN_TOKEN`; `undefined` when unset (an empty string counts as unset). */
	adminToken: string | undefined;
	/** Org API tokens by token value: the root id it is anchored to, or `null` for organisation-wide. */
	orgTokens: ReadonlyMap<string, string | null>;
	/** `MOLECULE_ORG_ID`: TenantGuard is on when set. */
	orgId: string | undefined;
	/** The push-async cut-off for canvas-class callers, `null` when off. */
	canvasSyncBudgetMs: number | null;
	uploadLimits: UploadLimits;
	/** A memory plugin is configured: the memory endpoints work (else 503). */
	memoryPlugin: boolean;
}

/** What every route works with. */
export interface DevContext {
	settings: DevSettings;
	model: DevModel;
	queue: QueueStore;
	/** What the broadcaster sent (contract §15.2). */
	events: EventLog;
	/** Chat files staged for poll-mode workspaces (contract §16.3). */
	uploads: PendingUploadStore;
	/** Legacy agent memories (contract §17). */
	memories: MemoryStore;
	/** The dev stand-in for verified control-plane sessions (contract §2.7). */
	sessions: SessionStore;
	/** Open SSE streams and `/ws` sockets (contract §15.3–15.5). */
	streams: LiveStreams;
	/** Runs work after the answer was sent (like a goroutine), so `settled()` can wait for it. */
	background(work: () => Promise<void>): void;
	/**
	 * Aborts when the platform is closed: every dispatch and every wait on the clock listens to it, so
	 * no agent's delay or retry timer outlives the platform's interest (`close()`).
	 */
	readonly closed: AbortSignal;
}

const base64urlAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Base64url without padding, by hand: no `Buffer` outside Node. */
export function base64url(bytes: Uint8Array): string {
	let text = '';
	for (let index = 0; index < bytes.length; index += 3) {
		const chunk = ((bytes[index] ?? 0) << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
		const characters = Math.min(4, Math.ceil(((bytes.length - index) * 8) / 6));
		for (let position = 0; position < characters; position++) {
			text += base64urlAlphabet[(chunk >> (18 - 6 * position)) & 63];
		}
	}
	return text;
}

/** A workspace token as the platform mints them: 32 random bytes, 43 base64url characters. `field` names the option to blame in a runtime without `crypto`. */
export function randomToken(field: string): string {
	return base64url(runtime('crypto', field).getRandomValues(new Uint8Array(32)));
}

function orgTokenMap(tokens: DevPlatformOptions['orgTokens']): Map<string, string | null> {
	const map = new Map<string, string | null>();
	for (const entry of tokens ?? []) {
		const { token, org } = typeof entry === 'string' ? { token: entry, org: undefined } : entry;
		if (token !== '') map.set(token, org === undefined ? null : workspaceKey(org));
	}
	return map;
}

/** The platform's own limits (addendum §9.4): 100 MiB per file and per request, 10 attachments. */
export const defaultUploadLimits: UploadLimits = { perFileBytes: 104_857_600, perRequestBytes: 104_857_600, maxAttachmentsPerMessage: 10 };

export function resolveSettings(options: DevPlatformOptions): DevSettings {
	return {
		clock: options.clock ?? systemClock,
		uuid: options.uuid ?? randomUuid,
		mintToken: options.mintToken ?? (() => randomToken('mintToken')),
		mintSecret: options.mintSecret ?? (() => randomToken('mintSecret')),
		wallClock: options.wallClock ?? (() => new Date()),
		fetch: options.fetch ?? (async (request) => runtime('fetch', 'fetch')(request)),
		idleTimeoutMs: options.idleTimeoutMs ?? 30 * 60_000,
		adminToken: options.adminToken ? options.adminToken : undefined,
		orgTokens: orgTokenMap(options.orgTokens),
		orgId: options.orgId ? options.orgId : undefined,
		canvasSyncBudgetMs: options.canvasSyncBudgetMs === undefined ? 90_000 : options.canvasSyncBudgetMs,
		uploadLimits: { ...defaultUploadLimits, ...options.uploadLimits },
		memoryPlugin: options.memoryPlugin ?? true,
	};
}
