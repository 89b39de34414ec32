import type { Part } from '../index.js';
import type { Agent } from './api.js';

/** What a reply carries: plain text, or A2A parts (text, file, data). */
export type ReplyContent = string | { parts: Part[] };

/** What `onMessage` is told besides the message. */
export interface MessageContext {
	/** Aborts when the agent stops (`run`'s signal). */
	signal: AbortSignal;
	/** The agent, for delegating, notifying or logging while handling the message. */
	agent: Agent;
}

/**
 * Handles one inbound message: returns the reply (a string or `{ parts }`), or nothing to stay silent.
 * A throw is answered to the sender as an agent error (`Agent error: <message>`); the agent keeps running.
 *
 * @example
 * const onMessage: MessageHandler = async (message, { agent }) => {
 *   if (message.from === 'user') return `Hello! You wrote ${message.text.length} characters.`;
 *   await agent.logActivity({ type: 'agent_log', summary: `peer ${message.from === 'unknown' ? '?' : message.from.id} asked` });
 * };
 */
export type MessageHandler = (message: InboundMessage, context: MessageContext) => ReplyContent | void | undefined | null | Promise<ReplyContent | void | undefined | null>;

/** Who sent a message: a peer workspace, a person (`'user'`), or, in push mode when the platform does not say, `'unknown'`. */
export type Sender = { id: string; name?: string; role?: string } | 'user' | 'unknown';

/** A file attached to an inbound message. */
export interface InboundFile {
	/** `platform-pending:<workspace>/<file id>` for a file staged for a poll-mode agent; else the sender's URI. */
	uri: string;
	/** The file name, when the sender gave one. */
	name?: string;
	/** Its MIME type, when the sender gave one. */
	mimeType?: string;
	/** Its size in bytes, when the sender said. */
	size?: number;
	/**
	 * The file's content. For a staged upload (`platform-pending:`) it is fetched from the platform and
	 * then acknowledged, after which the platform forgets it; any other URI rejects with a `ConfigError`.
	 *
	 * @example
	 * for (const file of message.files) if (file.uri.startsWith('platform-pending:')) await save(file.name, await file.download());
	 */
	download(options?: { signal?: AbortSignal }): Promise<Blob>;
}

/** One message to the agent, from a peer or a person. */
export interface InboundMessage {
	/** Poll mode: the activity row id (the inbox cursor); push mode: the message id. */
	id: string;
	/** Poll mode: the row's platform-wide sequence number (what the inbox acknowledges); push mode: `null`. */
	seq: number | null;
	/** Who sent it: `{ id, name?, role? }` for a peer workspace, `'user'` for a person, `'unknown'` for a push from a peer (the platform does not name it). */
	from: Sender;
	/** Every text part, joined with `\n`. */
	text: string;
	/** Every part of the message (text, file, data), normalised to the `kind` discriminator. */
	parts: Part[];
	/** The file parts that carry a URI, each with `download()`. */
	files: InboundFile[];
	/** The A2A `messageId` the sender gave. */
	messageId: string;
	/** When the platform received it (poll mode), or when the push arrived (push mode). */
	receivedAt: Date;
	/**
	 * Answers the message. Poll mode: a peer gets `message/send` through the platform with
	 * `metadata.in_reply_to` set to this `messageId`; a person gets a `notify`. Push mode: sets the answer
	 * to the platform's request (call it before `onMessage` returns; returning a reply does the same).
	 * Rejects with the failure (`HttpError`, `TalkToUserDisabledError`, …) when the reply is not delivered.
	 *
	 * @example
	 * await message.reply(`Got it: ${message.text.length} characters`);
	 */
	reply(content: ReplyContent): Promise<void>;
}
