import { answerOf } from '../answer.js';
import { checkOptions, isAbortSignal, type OptionChecks } from '../arguments.js';
import type { ConfigError } from '../errors/config-error.js';
import { InvalidMessageError } from '../errors/invalid-message-error.js';
import { InvalidPeerIdError } from '../errors/invalid-peer-id-error.js';
import { isTransportError } from '../errors/transport-error.js';
import type { HttpError } from '../errors/http-error.js';
import { isRecord } from '../internal/json.js';
import type { MessageInput, SendOutcome } from '../messaging.js';
import { checkMessage, maxRequestBytes, messageSendBody } from '../outgoing.js';
import { validatePeerId } from '../peer-id.js';
import { asClientError } from '../redaction.js';
import { retry, type RetryEvent } from '../retry.js';
import type { CanvasContext } from './http.js';

/**
 * A turn of the conversation so far, as `send` passes it to the agent: a `ChatMessage` fits. `system`
 * turns and failed turns are left out, as the canvas leaves them out.
 *
 * @example
 * const history: HistoryTurn[] = [{ role: 'user', text: 'hello' }, { role: 'agent', text: 'hi, how can I help?' }];
 */
export type HistoryTurn = {
	/** Who said it. */
	role: 'user' | 'agent' | 'system';
	/** What was said. */
	text: string;
	/** A failed turn is not sent as history. */
	isError?: boolean | undefined;
};

/**
 * Options of `send`. A member that is not what it should be makes a `'failed'` outcome with a
 * `ConfigError` naming it, before anything is sent.
 *
 * @example
 * await canvas.send(workspaceId, 'and now?', { history: messages, signal: controller.signal });
 */
export interface CanvasSendOptions {
	/** The conversation so far, oldest first; its last 20 turns go in `params.metadata.history`. None by default. */
	history?: readonly HistoryTurn[] | undefined;
	/** Aborting rejects the call at once with the signal's reason. The message may still have reached the agent. */
	signal?: AbortSignal | undefined;
}

/** The canvas sends the last 20 turns (spec §8.2). */
export const historyTurns = 20;

const isHistory = (value: unknown): boolean =>
	Array.isArray(value) && value.every((turn) => isRecord(turn) && ['user', 'agent', 'system'].includes(turn['role'] as string) && typeof turn['text'] === 'string');

const sendChecks: OptionChecks = {
	history: [isHistory, "an array of { role: 'user' | 'agent' | 'system', text: string }"],
	signal: [isAbortSignal, 'an AbortSignal'],
};

/** The canvas's `metadata.history`: the last 20 user and agent turns, as text parts. */
function historyOf(turns: readonly HistoryTurn[]): { role: 'user' | 'agent'; parts: { kind: 'text'; text: string }[] }[] {
	return turns
		.filter((turn): turn is HistoryTurn & { role: 'user' | 'agent' } => turn.role !== 'system' && turn.isError !== true && turn.text.trim() !== '')
		.slice(-historyTurns)
		.map(({ role, text }) => ({ role, parts: [{ kind: 'text', text }] }));
}

/** The envelope with `params.metadata.history`, written once and measured against the proxy's limit. */
function canvasBody(context: CanvasContext, message: MessageInput, history: readonly HistoryTurn[], messageId: string, requestId: string): { json: object; jsonText: string } {
	const { redact } = context.answers;
	const plain = messageSendBody(checkMessage(message, redact), messageId, requestId, redact);
	const turns = historyOf(history);
	if (turns.length === 0) return plain;
	const envelope = plain.json as { params: Record<string, unknown> };
	const json = { ...envelope, params: { ...envelope.params, metadata: { history: turns } } };
	const jsonText = JSON.stringify(json);
	const bytes = jsonText.length * 3 > maxRequestBytes ? new TextEncoder().encode(jsonText).byteLength : jsonText.length;
	if (bytes > maxRequestBytes) throw new InvalidMessageError('options.history', `makes the message ${bytes} bytes as JSON; the platform proxy accepts at most ${maxRequestBytes}`);
	return { json, jsonText };
}

/**
 * `POST /workspaces/:id/a2a` as a canvas-class caller (no `X-Workspace-ID`, addendum §4.2), retried as
 * the core retries, read by the core's `answerOf`.
 */
export async function send(context: CanvasContext, workspaceId: string, message: MessageInput, options: CanvasSendOptions | undefined): Promise<SendOutcome> {
	const { core, timeouts } = context.settings;
	let checked: Partial<CanvasSendOptions>;
	try {
		checked = checkOptions(options, sendChecks);
	} catch (error) {
		return { status: 'failed', error: error as ConfigError, attempts: 0, messageId: undefined };
	}
	const signal = checked.signal ?? undefined;
	if (signal?.aborted) throw signal.reason;
	const target = validatePeerId(workspaceId);
	if (!target) return { status: 'failed', error: new InvalidPeerIdError(workspaceId), attempts: 0, messageId: undefined };
	const messageId = core.uuid();
	let attempts = 0;
	const onRetry = ({ attempt, maxAttempts, error, delayMs }: RetryEvent): void => {
		const cause = isTransportError(error) ? error.kind : error.name === 'HttpError' ? `HTTP ${(error as HttpError).status}` : error.name;
		core.logger.warn(`send: transient ${cause} on attempt ${attempt}/${maxAttempts}, retrying in ${(delayMs / 1000).toFixed(1)}s (target=${error.target ?? target})`);
	};
	try {
		const requestId = core.uuid();
		const body = canvasBody(context, message, checked.history ?? [], messageId, requestId);
		const answer = await retry(
			async (attempt, timeLeftMs) => {
				attempts = attempt;
				const response = await context.transport({
					method: 'POST',
					path: `/workspaces/${target}/a2a`,
					...body,
					identify: false,
					timeoutMs: Math.min(timeouts.sendMs, timeLeftMs),
					signal,
				});
				return answerOf(response, requestId, context.answers);
			},
			{ policy: core.retry, clock: core.clock, random: core.random, signal, onRetry },
		);
		return { ...answer, attempts, messageId };
	} catch (error) {
		if (signal?.aborted) throw signal.reason;
		return { status: 'failed', error: asClientError(core.redaction, error), attempts, messageId };
	}
}
