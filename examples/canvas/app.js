// The canvas example: the organisation as a live tree, a chat with any workspace, its agents' traffic
// and the delegation topology, all through @molecule-ai/a2a-client/canvas. The person is signed in by
// a session cookie (`auth: { session: true }`): the page holds no token. ?platformUrl=… names the
// platform (`npm run example:canvas` prints the whole URL).
import { createCanvasClient } from '@molecule-ai/a2a-client/canvas';
import { createChat } from './chat.js';
import { byId, showFailure } from './dom.js';
import { renderComms, renderTopology } from './panels.js';
import { createTree } from './tree.js';

const params = new URLSearchParams(location.search);
const canvas = createCanvasClient({
	platformUrl: params.get('platformUrl') ?? 'http://127.0.0.1:8080',
	auth: { session: true },
	// A dropped event connection is retried within a second or two, not the core's 1 s to 16 s.
	retry: { baseDelayMs: 500, maxDelayMs: 4000 },
	logger: console,
});
byId('platform').textContent = canvas.platformUrl;

let selected;
const tree = createTree({ onSelect: (id) => select(id) });
const chat = createChat(canvas, { nameOf: (id) => tree.nameOf(id) });

async function select(id) {
	selected = id.trim().toLowerCase();
	tree.markSelected(selected);
	const name = tree.nameOf(selected);
	await Promise.all([chat.open(selected, name === selected ? `Workspace ${selected}` : name), refreshComms(), refreshTopology()]);
}

async function refreshComms() {
	const id = selected;
	if (!id) return;
	try {
		const entries = await canvas.agentComms(id, { limit: 100 });
		if (id === selected) renderComms(entries, tree.nameOf);
	} catch (error) {
		if (id !== selected) return;
		byId('comms').replaceChildren();
		byId('comms-status').textContent = `Traffic unavailable: ${error.message}`;
	}
}

async function refreshTopology() {
	const edges = await canvas.delegationTopology(tree.ids());
	renderTopology(edges, tree.workspaces(), selected);
}

/** Runs `work` once, a moment after the last of a burst of calls (events come in bursts). */
function debounced(work, ms = 150) {
	let timer;
	return () => {
		clearTimeout(timer);
		timer = setTimeout(() => void work().catch(console.error), ms);
	};
}
const commsSoon = debounced(refreshComms);
const topologySoon = debounced(refreshTopology);

function setConnection(state, text) {
	byId('connection').dataset.state = state;
	byId('connection').textContent = text;
}

/** Every event of the organisation over /ws: statuses for the tree, replies for the chat, refreshes for the panels. */
async function followEvents(signal) {
	setConnection('live', 'Live');
	try {
		for await (const event of canvas.events({ signal })) {
			if (event.type === 'reconnecting') {
				setConnection('reconnecting', `Reconnecting… (attempt ${event.attempt}, next try in ${(event.delayMs / 1000).toFixed(1)} s)`);
			} else if (event.type === 'reconnected') {
				setConnection('live', 'Live (reconnected)');
				// Events sent while the connection was down are lost: read again what the page shows.
				await Promise.all([loadTree(), chat.reload(), refreshComms(), refreshTopology()]);
			} else {
				tree.apply(event);
				chat.apply(event);
				if (event.workspaceId === selected && event.type === 'ACTIVITY_LOGGED') commsSoon();
				if (event.type.startsWith('DELEGATION_')) topologySoon();
			}
		}
	} catch (error) {
		setConnection('offline', `Offline: ${error.message}`);
	}
}

async function loadTree() {
	tree.render(await canvas.listWorkspaces());
	tree.markSelected(selected);
}

byId('open-by-id').addEventListener('submit', (event) => {
	event.preventDefault();
	void select(byId('workspace-id').value);
});

const stop = new AbortController();
addEventListener('pagehide', () => stop.abort());
try {
	await loadTree();
	void followEvents(stop.signal);
	await refreshTopology();
} catch (error) {
	byId('tree-status').textContent = '';
	showFailure(error);
}
