// The chat with one workspace: its history (chatHistory), sending with files (uploadFiles, send), the
// reply live through events, the queued state while waiting, and cancel through an AbortController.
import { hintForError } from '@molecule-ai/a2a-client/hints';
import { byId, clearFailure, element, showFailure, timeOf } from './dom.js';

/** An agent's turn that failed, as chatHistory's `isError` reads it. */
const isErrorText = (text) => /^(Agent error|\[A2A_ERROR\])/.test(text);

/** What the person is told while a queued turn waits for its reply, by why it was queued. */
function queuedText(outcome, name) {
	const later = 'its reply will appear here when it comes.';
	if (outcome.deliveryMode === 'poll') return `Queued: ${name} reads its inbox itself; ${later}`;
	if (outcome.deliveryMode === 'push-async') return `Still working after 90 s: ${later}`;
	const depth = outcome.queueDepth === undefined ? '' : ` (queue depth ${outcome.queueDepth})`;
	return `Queued${depth}: ${name} is busy; ${later}`;
}

export function createChat(canvas, { nameOf }) {
	let workspaceId;
	/** The turns shown, as `send` takes them for `history`. */
	let turns = [];
	/** The turn in flight: `{ workspaceId, controller, text, messageId, phase }`, phase `sending` or `queued`. */
	let pending;
	/** messageIds whose reply is on screen: a reply comes by the HTTP answer, by an event, or both. */
	const answered = new Set();
	/** Counts history loads, so only the latest one is drawn. */
	let loads = 0;
	/** Waiters for a pushed reply, by messageId. */
	const waiters = new Map();

	function bubble({ role, text, files = [], at, isError = false, messageId }) {
		// The platform's history gives a failed agent turn as a `system` message: shown as the error it is.
		const failed = isError || (role !== 'user' && isErrorText(text));
		const item = element('li', { className: `message ${failed ? 'error' : role}`, text });
		if (messageId) item.dataset.messageId = messageId;
		for (const file of files) item.append(element('span', { className: 'file', text: `📎 ${file.name}`, attributes: file.uri ? { 'data-uri': file.uri } : {} }));
		if (failed) item.append(element('span', { className: 'hint', text: hintForError(text) }));
		item.append(element('time', { text: timeOf(at ?? new Date().toISOString()) }));
		byId('messages').append(item);
		item.scrollIntoView({ block: 'nearest' });
		turns.push({ role, text, isError: failed });
	}

	function setPending(state, text) {
		byId('pending').dataset.state = state;
		byId('pending-text').textContent = text;
		byId('pending').hidden = state === '';
	}

	function showReply(messageId, text, files) {
		if (messageId) {
			if (answered.has(messageId)) return;
			answered.add(messageId);
		}
		bubble({ role: 'agent', text: text || '(no text)', files, messageId });
		waiters.get(messageId)?.();
	}

	/** Resolves when the reply to `messageId` is on screen; rejects when `signal` aborts. */
	function replyArrived(messageId, signal) {
		if (answered.has(messageId)) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const done = () => {
				waiters.delete(messageId);
				signal.removeEventListener('abort', stop);
				resolve();
			};
			const stop = () => {
				waiters.delete(messageId);
				reject(signal.reason);
			};
			waiters.set(messageId, done);
			signal.addEventListener('abort', stop, { once: true });
		});
	}

	async function submit(event) {
		event.preventDefault();
		const text = byId('message').value.trim();
		const file = byId('file').files[0];
		if (!workspaceId || pending || (!text && !file)) return;
		const id = workspaceId;
		const controller = new AbortController();
		const { signal } = controller;
		pending = { workspaceId: id, controller, text, messageId: undefined, phase: 'sending' };
		clearFailure();
		const history = [...turns];
		bubble({ role: 'user', text, files: file ? [{ name: file.name }] : [] });
		byId('message').value = '';
		byId('file').value = '';
		try {
			let message = text;
			if (file) {
				setPending('sending', `Uploading ${file.name}…`);
				const files = await canvas.uploadFiles(id, [file], { signal });
				message = { parts: [...(text ? [{ kind: 'text', text }] : []), ...files] };
			}
			setPending('sending', `Waiting for ${nameOf(id)}…`);
			const outcome = await canvas.send(id, message, { history, signal });
			pending.messageId ??= outcome.messageId;
			if (id !== workspaceId) return;
			if (outcome.status === 'replied') showReply(outcome.messageId, outcome.text, outcome.files);
			else if (outcome.status === 'failed') {
				if (outcome.messageId) answered.add(outcome.messageId);
				showFailure(outcome.error);
			} else {
				pending.phase = 'queued';
				setPending('queued', queuedText(outcome, nameOf(id)));
				await replyArrived(outcome.messageId, signal);
			}
		} catch (error) {
			if (!signal.aborted) showFailure(error);
			else if (id === workspaceId) bubble({ role: 'system', text: 'Cancelled: no longer waiting (the message may still reach the agent).' });
		} finally {
			if (pending?.controller === controller) pending = undefined;
			setPending('', '');
		}
	}

	byId('compose').addEventListener('submit', submit);
	byId('cancel').addEventListener('click', () => pending?.controller.abort(new Error('cancelled by the person')));

	return {
		/** Opens the chat with `id`: stops waiting for the last one's reply, loads the history. */
		async open(id, title) {
			pending?.controller.abort(new Error('another workspace was opened'));
			workspaceId = id;
			byId('chat-title').textContent = title;
			// Sending waits for the history: it is the turn's context, and drawing it must not wipe the new turn.
			byId('send').disabled = true;
			await loadHistory(id);
			if (id === workspaceId) byId('send').disabled = false;
		},
		/** Reloads the history after a reconnect: events sent while the connection was down are lost. */
		reload: async () => workspaceId && loadHistory(workspaceId),
		/** Applies a platform event of the open workspace. */
		apply(event) {
			if (event.workspaceId !== workspaceId) return;
			if (event.type === 'USER_MESSAGE') {
				// Our own turn comes back first as USER_MESSAGE: it tells us its messageId before the HTTP answer does.
				if (pending && !pending.messageId && pending.workspaceId === event.workspaceId && event.text === pending.text) pending.messageId = event.messageId;
				else if (event.messageId !== pending?.messageId) bubble({ role: event.role, text: event.text, files: event.files, at: event.at });
			} else if (event.type === 'A2A_RESPONSE') {
				// While our own turn's HTTP answer is still coming, that answer shows the reply (or the failure and its hint).
				if (pending && event.messageId === pending.messageId && pending.phase === 'sending') return;
				showReply(event.messageId, event.text, event.files);
			} else if (event.type === 'AGENT_MESSAGE') bubble({ role: 'agent', text: event.text, files: event.files, at: event.at });
		},
	};

	/** Loads the history of `id`; a later load (another workspace, a reconnect) wins over an earlier one. */
	async function loadHistory(id) {
		const load = ++loads;
		turns = [];
		byId('messages').replaceChildren();
		clearFailure();
		try {
			const { messages, reachedEnd } = await canvas.chatHistory(id, { limit: 50 });
			if (load !== loads) return;
			turns = [];
			byId('messages').replaceChildren();
			if (!reachedEnd) bubble({ role: 'system', text: 'Older messages are not shown.' });
			for (const message of messages) bubble(message);
		} catch (error) {
			if (load === loads) showFailure(error);
		}
	}
}
