// The side panels: the selected workspace's agent traffic (agentComms) and the organisation's
// delegation topology (delegationTopology) drawn as SVG.
import { byId, element, svgElement, timeOf } from './dom.js';

export function renderComms(entries, nameOf) {
	byId('comms').replaceChildren(
		...entries.map((entry) => {
			const item = element('li', { attributes: { 'data-kind': entry.kind, 'data-status': entry.status } });
			const arrow = entry.direction === 'out' ? '→' : '←';
			const peer = entry.peerId ? nameOf(entry.peerId) : 'the platform';
			item.append(
				element('span', { className: 'arrow', text: `${arrow} ${peer}` }),
				element('span', { className: 'meta', text: ` ${entry.kind} · ${entry.status} · ${timeOf(entry.at)}` }),
				element('div', { className: entry.isError ? 'error' : '', text: entry.text }),
			);
			return item;
		}),
	);
	byId('comms-status').textContent = entries.length === 0 ? 'No agent traffic yet.' : `${entries.length} lines, oldest first`;
}

const width = 360;
const height = 260;
const radius = 9;

/** Draws the workspaces on a ring and an arrow per edge, its count on it; hot edges stand out. */
export function renderTopology(edges, workspaces, selectedId) {
	const svg = byId('topology');
	const defs = svgElement('defs');
	const marker = svgElement('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' });
	marker.append(svgElement('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#5b6475' }));
	defs.append(marker);

	const centre = { x: width / 2, y: height / 2 };
	const ring = Math.min(width, height) / 2 - radius - 22;
	const places = new Map(
		workspaces.map((workspace, index) => {
			const angle = (2 * Math.PI * index) / workspaces.length - Math.PI / 2;
			const [ux, uy] = [Math.cos(angle), Math.sin(angle)];
			return [workspace.id, { x: centre.x + ring * ux, y: centre.y + ring * uy, ux, uy }];
		}),
	);
	const lines = edges
		.filter((edge) => places.has(edge.source) && places.has(edge.target))
		.map((edge) => {
			const from = places.get(edge.source);
			const to = places.get(edge.target);
			const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
			const [dx, dy] = [((to.x - from.x) / length) * radius, ((to.y - from.y) / length) * radius];
			const group = svgElement('g', { class: `edge${edge.hot ? ' hot' : ''}`, 'data-source': edge.source, 'data-target': edge.target, 'data-count': edge.count });
			group.append(
				svgElement('line', { x1: from.x + dx, y1: from.y + dy, x2: to.x - dx, y2: to.y - dy, 'marker-end': 'url(#arrow)' }),
				// The count sits beside the middle of the arrow, off to its left, so it never covers a node or the line.
				svgElement('text', { x: (from.x + to.x) / 2 + (dy / radius) * 9, y: (from.y + to.y) / 2 - (dx / radius) * 9 + 3, 'text-anchor': 'middle' }, `${edge.count}×`),
				svgElement('title', {}, `${edge.count} delegation${edge.count === 1 ? '' : 's'}, latest ${timeOf(edge.latest)}${edge.hot ? ' (hot)' : ''}`),
			);
			return group;
		});

	const nodes = workspaces.map((workspace) => {
		const place = places.get(workspace.id);
		const group = svgElement('g', { class: `node${workspace.id === selectedId ? ' selected' : ''}`, 'data-workspace-id': workspace.id });
		// The name sits outside the ring, away from the arrows, which run inwards.
		const label = { x: place.x + place.ux * (radius + 5), y: place.y + place.uy * (radius + 5) + 3 + Math.max(0, place.uy) * 5 };
		const anchor = place.ux > 0.3 ? 'start' : place.ux < -0.3 ? 'end' : 'middle';
		group.append(svgElement('circle', { cx: place.x, cy: place.y, r: radius }), svgElement('text', { ...label, 'text-anchor': anchor }, workspace.name ?? workspace.id.slice(0, 8)));
		return group;
	});
	svg.replaceChildren(defs, ...lines, ...nodes);
	byId('topology-status').textContent = edges.length === 0 ? 'No delegations in the last hour.' : `${edges.length} edges; orange: within 5 minutes`;
}
