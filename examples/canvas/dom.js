// Small DOM helpers shared by the page's modules: elements are built with textContent only, so no
// text from the platform or an agent is ever parsed as HTML.
import { formatA2AError } from '@molecule-ai/a2a-client';
import { hintForFailure } from '@molecule-ai/a2a-client/hints';

export const byId = (id) => document.getElementById(id);

/** `<tag class=…>` with `text` (when given) and the `attributes` set. */
export function element(tag, { className, text, attributes = {} } = {}) {
	const node = document.createElement(tag);
	if (className) node.className = className;
	if (text !== undefined) node.textContent = text;
	for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
	return node;
}

export function svgElement(tag, attributes = {}, text) {
	const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
	for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
	if (text !== undefined) node.textContent = text;
	return node;
}

/** Shows `text` in the element `id`, or hides it when `text` is empty. */
export function show(id, text) {
	byId(id).textContent = text;
	byId(id).hidden = text === '';
}

/** The failure as the canvas shows it: its `[A2A_ERROR]` line and the hint of the ./hints table. */
export function showFailure(error) {
	show('error', formatA2AError(error));
	show('hint', hintForFailure(error));
}

export function clearFailure() {
	show('error', '');
	show('hint', '');
}

export const timeOf = (at) => (at ? new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }) : '');
