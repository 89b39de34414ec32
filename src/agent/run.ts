import { checkOptions, isAbortSignal } from '../arguments.js';
import { ConfigError, isConfigError } from '../errors/config-error.js';
import { isHttpError } from '../errors/http-error.js';
import { isInvalidMessageError } from '../errors/invalid-message-error.js';
import { isTransportError } from '../errors/transport-error.js';
import { backoffDelayMs } from '../retry.js';
import type { AgentContext } from './context.js';
import { isTokenRejectedError } from './errors/token-rejected-error.js';
import { pause } from './inbox.js';
import { checkReply, wasReplied } from './message.js';
import type { Agent } from './api.js';
import type { InboundMessage } from './message-types.js';

/** Failures worth trying again: the network, the platform's 5xx, its rate limit. */
const isTransient = (error: unknown): boolean => isTransportError(error) || (isHttpError(error) && (error.status >= 500 || error.status === 429));

/** Backoff between registration attempts: 1 s doubling to 60 s, ±25 %. */
const registerBackoff = { baseDelayMs: 1000, maxDelayMs: 60_000, jitter: 0.25 };

/** Registers, trying transient failures again until it works or `signal` aborts; false when aborted. */
async function registerUntilDone(context: AgentContext, agent: Agent, signal: AbortSignal): Promise<boolean> {
	for (let attempt = 0; ; attempt++) {
		try {
			await agent.register({ signal });
			return true;
		} catch (error) {
			if (signal.aborted) return false;
			if (!isTransient(error)) throw error;
			const waitMs = backoffDelayMs(attempt, registerBackoff, context.settings.random);
			context.settings.logger.warn(`run: registration failed (${context.secrets.describe(error)}); trying again in ${Math.round(waitMs)} ms`);
			if (!(await pause(context, waitMs, signal))) return false;
		}
	}
}

/** A heartbeat every `heartbeat.intervalMs` until `signal` aborts; failures are logged, but a refused token ends it (by throwing). */
async function beat(context: AgentContext, agent: Agent, signal: AbortSignal): Promise<void> {
	while (await pause(context, context.agent.heartbeatMs, signal)) {
		try {
			await agent.heartbeat(undefined, { signal });
		} catch (error) {
			if (signal.aborted) return;
			if (isTokenRejectedError(error)) throw error;
			context.settings.logger.warn(`run: heartbeat failed: ${context.secrets.describe(error)}`);
		}
	}
}

/**
 * Calls `onMessage` and sends what it returns. A throw is answered as `Agent error: <message>` (the
 * sender's client reports an `AgentError`), as the platform's own runtime answers its exceptions; so
 * is a returned value that is no reply (`42`, `''`, `{ parts: 'x' }`), so the sender is not left
 * waiting. A message gets one answer: a value returned after `message.reply()` is not sent.
 * A reply that cannot be delivered is logged; the message still counts as handled.
 */
export async function handleMessage(context: AgentContext, agent: Agent, message: InboundMessage, signal: AbortSignal): Promise<void> {
	const { logger } = context.settings;
	const describe = context.secrets.describe;
	const handler = context.agent.onMessage;
	if (!handler) return;
	let reply;
	try {
		reply = await handler(message, { signal, agent });
	} catch (error) {
		if (signal.aborted) return;
		logger.error(`onMessage failed for message ${message.id}: ${describe(error)}`);
		// An answer sent before the throw stands: a message gets one.
		if (wasReplied(message)) return;
		reply = `Agent error: ${describe(error)}`;
	}
	if (reply === undefined || reply === null || signal.aborted) return;
	if (wasReplied(message)) {
		logger.warn(`onMessage returned a reply for message ${message.id} after message.reply() answered it; a message gets one answer, so it was not sent`);
		return;
	}
	try {
		checkReply(reply);
	} catch (error) {
		reply = unsendable(context, message, error);
	}
	try {
		await message.reply(reply);
	} catch (error) {
		if (signal.aborted) return;
		if (isTokenRejectedError(error)) throw error;
		// Refused before sending (over the platform's 16 MiB): the sender still gets an answer.
		if (isInvalidMessageError(error) || isConfigError(error)) {
			await message.reply(unsendable(context, message, error)).catch((again: unknown) => logger.warn(`reply to message ${message.id} failed: ${describe(again)}`));
			return;
		}
		logger.warn(`reply to message ${message.id} failed: ${describe(error)}`);
	}
}

/** The agent error that answers a reply which cannot be sent, logged. */
function unsendable(context: AgentContext, message: InboundMessage, error: unknown): string {
	const reason = context.secrets.describe(error);
	context.settings.logger.error(`onMessage returned a reply for message ${message.id} that cannot be sent: ${reason}`);
	return `Agent error: the agent's reply cannot be sent (${reason.length > 300 ? `${reason.slice(0, 300)}…` : reason})`;
}

/**
 * `agent.run`: registers, then beats and (poll mode) feeds the inbox to `onMessage` one message at a
 * time, until `signal` aborts (resolves) or a loop cannot go on (rejects, after stopping the other).
 */
export async function run(context: AgentContext, agent: Agent, options: { signal?: AbortSignal | undefined } | undefined): Promise<void> {
	const outer = checkOptions(options, { signal: [isAbortSignal, 'an AbortSignal'] }).signal ?? undefined;
	const poll = context.agent.deliveryMode === 'poll';
	if (poll && !context.agent.onMessage) throw new ConfigError('onMessage', 'is required to run a poll-mode agent: it handles the inbox');
	if (outer?.aborted) return;
	const stop = new AbortController();
	const onAbort = (): void => stop.abort(outer?.reason);
	outer?.addEventListener('abort', onAbort, { once: true });
	let failure: { error: unknown } | undefined;
	const guard = (loop: Promise<void>): Promise<void> =>
		loop.catch((error: unknown) => {
			failure ??= { error };
			stop.abort();
		});
	try {
		if (!(await registerUntilDone(context, agent, stop.signal))) return;
		const inbox = async (): Promise<void> => {
			for await (const message of agent.inbox({ signal: stop.signal })) {
				await handleMessage(context, agent, message, stop.signal);
				// Leaving instead of asking for the next one: a message cut short by the stop is not marked handled.
				if (stop.signal.aborted) break;
			}
		};
		await Promise.all([guard(beat(context, agent, stop.signal)), ...(poll ? [guard(inbox())] : [])]);
	} finally {
		outer?.removeEventListener('abort', onAbort);
	}
	if (failure) throw failure.error;
}
