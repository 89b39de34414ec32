// A canvas-style panel: the peers of a workspace, a message box, and the reply or the error with
// the hint the canvas would show. Configured from the query string (dev use only: a real page
// would never carry a token in its URL): ?platformUrl=…&workspaceId=…&token=…
import { createA2AClient, formatA2AError } from '@molecule-ai/a2a-client';
import { hintForError } from '@molecule-ai/a2a-client/hints';

const params = new URLSearchParams(location.search);
const client = createA2AClient({
	platformUrl: params.get('platformUrl') ?? 'http://127.0.0.1:8080',
	// The demo organisation's caller, the Orchestrator, as `molecule-a2a dev` serves it.
	workspaceId: params.get('workspaceId') ?? 'a2a00000-0000-4000-8000-000000000001',
	token: params.get('token') ?? 'dev-token-orchestrator',
});

const element = (id) => document.getElementById(id);
const show = (id, text) => {
	element(id).textContent = text;
	element(id).hidden = text === '';
};

element('identity').textContent = `Workspace ${client.workspaceId} on ${client.platformUrl}`;

function selectPeer(peer, button) {
	element('peer-id').value = peer.id;
	for (const other of element('peers').querySelectorAll('button')) other.setAttribute('aria-pressed', String(other === button));
	element('message').focus();
}

async function loadPeers() {
	const { peers, diagnostic } = await client.listPeers();
	element('status').textContent = diagnostic ?? `${peers.length} peers`;
	for (const peer of peers) {
		const button = document.createElement('button');
		button.type = 'button';
		button.setAttribute('aria-pressed', 'false');
		button.innerHTML = '<strong></strong> <span class="role"></span>';
		button.querySelector('strong').textContent = peer.name ?? peer.id;
		button.querySelector('.role').textContent = `${peer.role ?? ''} · ${peer.status ?? ''}`;
		button.querySelector('.role').classList.add(`status-${peer.status}`);
		button.addEventListener('click', () => selectPeer(peer, button));
		const item = document.createElement('li');
		item.dataset.peerId = peer.id;
		item.append(button);
		element('peers').append(item);
	}
}

async function send(event) {
	event.preventDefault();
	for (const id of ['reply', 'error', 'hint']) show(id, '');
	element('send').disabled = true;
	try {
		const outcome = await client.sendMessage(element('peer-id').value, element('message').value);
		if (outcome.status === 'replied') show('reply', outcome.text || '(no response)');
		else if (outcome.status === 'queued') show('reply', `Queued: the agent is busy and gets the message when it is free (queue depth ${outcome.queueDepth ?? '?'}).`);
		else {
			const error = formatA2AError(outcome.error);
			show('error', error);
			show('hint', hintForError(error));
		}
	} finally {
		element('send').disabled = false;
	}
}

element('compose').addEventListener('submit', send);
// A pasted id may name no listed peer (the Auditor is outside the hierarchy): no button stays pressed for it.
element('peer-id').addEventListener('input', () => {
	for (const item of element('peers').children) item.querySelector('button').setAttribute('aria-pressed', String(item.dataset.peerId === element('peer-id').value.trim()));
});
loadPeers().catch((error) => (element('status').textContent = String(error)));
