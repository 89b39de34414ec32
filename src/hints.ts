/**
 * What a person should do about a failure. `hintForError` reads an `[A2A_ERROR]` string with the
 * canvas's hint table (`inferA2AErrorHint`), word for word, so every UI says the same thing;
 * `hintForFailure` first reads the causes only this client can see (a refused token, the hierarchy
 * rule, a platform that does not answer), then falls back to that table.
 * A separate entry point (`@molecule-ai/a2a-client/hints`) so agents that never show hints
 * do not carry the text.
 *
 * @module
 */
import { formatA2AError } from './errors/format.js';
import { isConfigError } from './errors/config-error.js';
import { isHttpError } from './errors/http-error.js';
import { isInvalidMessageError } from './errors/invalid-message-error.js';
import { isInvalidPeerIdError } from './errors/invalid-peer-id-error.js';
import { isTransportError } from './errors/transport-error.js';

interface HintRule {
	/** Lower-case substrings; any one of them selects the rule. */
	readonly needles: readonly string[];
	readonly hint: string;
}

const rules: readonly HintRule[] = [
	{
		needles: ['control request timeout'],
		hint: "The remote agent's Claude Code SDK is wedged on initialization (often after a long idle period or OAuth refresh). A workspace restart usually clears it.",
	},
	{
		needles: ['readtimeout', 'connecttimeout', 'deadline exceeded', 'timeout'],
		hint: "The remote agent didn't respond within the proxy timeout. It may be busy with a long task, or the runtime is stuck — restart the workspace if this repeats.",
	},
	{
		needles: ['connectionreset', 'remoteprotocolerror', 'connection reset', 'no message'],
		hint: 'The connection to the remote agent dropped before a reply arrived. Usually a transient network blip — retry once. If it repeats, the remote container may have crashed mid-request; check its logs.',
	},
	{
		needles: ['agent error', 'exception'],
		hint: "The remote agent's runtime threw an exception. Check the workspace's container logs for the traceback. Restart usually clears transient runtime crashes.",
	},
	{
		needles: ['not found', 'not accessible', 'offline'],
		hint: "The remote workspace can't be reached — it may be stopped, removed, or outside the access control list. Verify the peer is online before retrying.",
	},
];

const emptyDetailHint =
	'The remote agent returned no error detail (the underlying httpx exception had an empty message — typically a connection-reset or silent timeout). A workspace restart is the safe first move.';

const fallbackHint = 'The remote agent reported a delivery failure. Check the workspace logs or try restarting.';

/** The canvas's sentinel has no trailing space; it strips it and trims what is left. */
const errorSentinel = '[A2A_ERROR]';

/**
 * The detail the canvas matches hints on: the error string without its `[A2A_ERROR]` sentinel, trimmed.
 *
 * @example
 * errorDetail('[A2A_ERROR] ReadTimeout: timed out after 300000 ms'); // 'ReadTimeout: timed out after 300000 ms'
 */
export function errorDetail(errorString: string): string {
	const text = errorString.trim();
	return (text.startsWith(errorSentinel) ? text.slice(errorSentinel.length) : text).trim();
}

/**
 * The canvas hint for an error detail (the text after `[A2A_ERROR]`): the first rule whose words the
 * detail contains, ignoring case, wins; an empty detail and an unmatched one each have their own hint.
 *
 * @example
 * a2aErrorHint('ConnectionReset'); // 'The connection to the remote agent dropped before a reply arrived. …'
 */
export function a2aErrorHint(detail: string): string {
	const text = detail.toLowerCase();
	const rule = rules.find(({ needles }) => needles.some((needle) => text.includes(needle)));
	if (rule) return rule.hint;
	return detail.trim() === '' ? emptyDetailHint : fallbackHint;
}

/**
 * The canvas hint for a whole `[A2A_ERROR] …` string, such as `sendText` or `formatA2AError` gives:
 * what a person should do about it.
 *
 * @example
 * const text = await client.sendText(peerId, 'status?');
 * if (text.startsWith(A2A_ERROR_PREFIX)) console.log(hintForError(text)); // e.g. "The remote agent didn't respond within the proxy timeout. …"
 */
export function hintForError(errorString: string): string {
	return a2aErrorHint(errorDetail(errorString));
}

/**
 * The hints for causes the canvas table cannot tell apart: the platform, not the remote agent, said
 * no. The token and URL hints name the setting by its environment variable, as `configFromEnv` reads it.
 *
 * @example
 * if (listing.diagnostic?.includes('HTTP 401')) showHint(platformHints.token);
 */
export const platformHints = {
	/** The platform refused this workspace's bearer token (HTTP 401). */
	token:
		"The platform refused this workspace's token: it is missing, mistyped, revoked, or belongs to another workspace. Check MOLECULE_WORKSPACE_TOKEN (or the token file /configs/.auth_token) against WORKSPACE_ID; restarting the workspace re-mints its token.",
	/** The platform's hierarchy rule (`CanCommunicate`) refused the pair of workspaces (HTTP 403). */
	access:
		"The platform's hierarchy rule refused it: a workspace may reach only its parent, its children, its siblings and its other ancestors and descendants, and a peer id that does not exist is refused the same way. Check the id against the peers this workspace may message.",
	/** Refused before anything was sent: an id, message or option this client cannot send. */
	request: 'Nothing was sent: this client refused the request itself (an invalid id, message or option). The error names the field to fix.',
	/** HTTP 403 for another reason than the hierarchy rule: this credential may not do this here. */
	forbidden:
		"The platform refused this caller here: the credential may not act on this workspace (another organisation's, or a feature the workspace has turned off). The error's own words say which.",
	/** HTTP 400, 413 or 422: the platform would not take the request as it is, for this workspace as it is set up. */
	refused: "The platform would not take this request as it is (or for this workspace as it is set up); nothing reached the agent. The error's own words say what to change.",
	/** No connection to the platform could be made (refused, unknown host, connect timeout). */
	platformUrl:
		'Nothing answered at the platform URL: check PLATFORM_URL (scheme, host and port) and that the platform is running and reachable from here.',
} as const;

/**
 * The hint for a failure of this client, matched to its cause: a request refused before sending → the
 * field to fix, HTTP 401 → the token, HTTP 403 from the hierarchy rule → the access rule, another 403 →
 * the credential, HTTP 400/413/422 → the request as the platform took it, a connection that could not
 * be made → the platform URL;
 * anything else gets the canvas hint of its `[A2A_ERROR]` string (`hintForError`).
 *
 * @param error - typically `outcome.error` of a failed `sendMessage`; any value is accepted
 * @returns one sentence or two for a person, never empty
 * @example
 * const outcome = await client.sendMessage(peerId, 'hello');
 * if (outcome.status === 'failed') showError(formatA2AError(outcome.error), hintForFailure(outcome.error));
 */
export function hintForFailure(error: unknown): string {
	if (isConfigError(error) || isInvalidPeerIdError(error) || isInvalidMessageError(error)) return platformHints.request;
	if (isHttpError(error)) {
		if (error.status === 401) return platformHints.token;
		if (error.status === 403) return /hierarchy/i.test(error.platformError ?? '') ? platformHints.access : platformHints.forbidden;
		if (error.status === 400 || error.status === 413 || error.status === 422) return platformHints.refused;
	}
	if (isTransportError(error) && (error.kind === 'ConnectError' || error.kind === 'ConnectTimeout')) return platformHints.platformUrl;
	return hintForError(formatA2AError(error));
}
