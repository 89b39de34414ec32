import { shownValue } from '../internal/describe.js';
import type { AgentCard, AgentInterface } from './card-types.js';
import { VersionNotSupportedError } from './errors/version-not-supported-error.js';
import type { Binding, ProtocolVersion } from './operation.js';

/** The interface picked to talk to the agent, with its version and binding as this entry names them. */
export interface InterfaceChoice {
	interface: AgentInterface;
	version: ProtocolVersion;
	binding: Binding;
}

/** What this entry speaks: v1.0 over both bindings, v0.3 over JSON-RPC (its HTTP+JSON wants proto bodies of its own). */
const spoken = (item: AgentInterface): item is AgentInterface & { protocolVersion: ProtocolVersion; binding: Binding } =>
	(item.protocolVersion === '1.0' && (item.binding === 'JSONRPC' || item.binding === 'HTTP+JSON')) || (item.protocolVersion === '0.3' && item.binding === 'JSONRPC');

/**
 * The interface to use: among those this entry speaks (and of `protocol` unless `'auto'`), the
 * preferred binding's first, then v1.0 before v0.3, else in the card's order (the agent's
 * preference). Relative URLs are read against the card's. A `VersionNotSupportedError` naming what
 * the card offers when none fits.
 */
export function chooseInterface(card: AgentCard, cardUrl: string | undefined, protocol: 'auto' | ProtocolVersion, binding: Binding | undefined): InterfaceChoice {
	const candidates = card.interfaces
		.map((item) => ({ ...item, url: cardUrl && URL.canParse(item.url, cardUrl) ? new URL(item.url, cardUrl).href : item.url }))
		.filter(spoken)
		.filter((item) => /^https?:\/\//.test(item.url) && (protocol === 'auto' || item.protocolVersion === protocol));
	const rank = (item: AgentInterface): number => (item.binding === binding ? 0 : 2) + (item.protocolVersion === '1.0' ? 0 : 1);
	const [best] = candidates.map((item, index) => ({ item, index })).sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index);
	if (!best) {
		// An interface this client speaks but at a URL it cannot call says so, not "unsupported version".
		const unreachable = card.interfaces.find((item) => spoken(item) && (protocol === 'auto' || item.protocolVersion === protocol));
		if (unreachable) throw new VersionNotSupportedError(`the agent card's ${unreachable.binding} ${unreachable.protocolVersion} interface has a URL that is not http(s): ${shownValue(unreachable.url)}`, {});
		const offered = card.interfaces.map((item) => `${item.binding} ${item.protocolVersion}`).join(', ') || 'no interface';
		const wanted = protocol === 'auto' ? 'JSONRPC or HTTP+JSON 1.0, or JSONRPC 0.3' : protocol === '1.0' ? 'JSONRPC or HTTP+JSON 1.0' : 'JSONRPC 0.3';
		throw new VersionNotSupportedError(`the agent card offers ${offered}; this client speaks ${wanted}`, {});
	}
	const { item } = best;
	return { interface: item, version: item.protocolVersion, binding: item.binding };
}
