// The agent card as this entry gives it back, whatever card version the agent published: v1.0
// `supportedInterfaces` and v0.3 `url`/`preferredTransport`/`additionalInterfaces` both read into
// `interfaces`. `json` keeps the card as sent, for what is not modelled here (security schemes, signatures).

/**
 * One way to reach the agent: a URL, the protocol binding spoken there and the A2A version.
 *
 * @example
 * const jsonRpc = card.interfaces.find((item) => item.binding === 'JSONRPC' && item.protocolVersion === '1.0');
 */
export type AgentInterface = {
	/** Where to send requests. */
	url: string;
	/** The binding: `'JSONRPC'`, `'HTTP+JSON'`, `'GRPC'` or another the agent names. */
	binding: string;
	/** The A2A version as major.minor (`'1.0'`, `'0.3'`), read from the card's `0.3.0`-style versions too. */
	protocolVersion: string;
	/** The tenant to address there, when the agent serves several. */
	tenant?: string | undefined;
};

/**
 * What the agent says it can do beyond request and answer.
 *
 * @example
 * if (!card.capabilities.pushNotifications) console.log('poll getTask instead');
 */
export type AgentCapabilities = {
	/** It streams (`stream`, `subscribe`). */
	streaming: boolean;
	/** It sends push notifications (the push config methods). */
	pushNotifications: boolean;
	/** It has an extended card for authenticated clients. */
	extendedAgentCard: boolean;
};

/**
 * One thing the agent is good at.
 *
 * @example
 * const names = card.skills.map((skill) => `${skill.name}: ${skill.description}`);
 */
export type AgentSkill = {
	/** The skill's id. */
	id: string;
	/** A name for people. */
	name: string;
	/** What it does. */
	description: string;
	/** Keywords. */
	tags: string[];
	/** Example prompts. */
	examples?: string[] | undefined;
	/** The media types it accepts, when not the card's defaults. */
	inputModes?: string[] | undefined;
	/** The media types it answers with, when not the card's defaults. */
	outputModes?: string[] | undefined;
};

/**
 * An agent's self-description (`/.well-known/agent-card.json`), validated and normalised.
 *
 * @example
 * const agent = await connectAgent('https://agents.example.com/research');
 * console.log(agent.card.name, agent.card.skills.map((skill) => skill.name));
 */
export type AgentCard = {
	/** The card's own format: `'1.0'` (`supportedInterfaces`) or `'0.3'` (`url` and `preferredTransport`). */
	cardVersion: '1.0' | '0.3';
	/** The agent's name. */
	name: string;
	/** What it does. */
	description: string;
	/** The agent's own version. */
	version: string;
	/** The ways to reach it, the agent's preferred first. */
	interfaces: AgentInterface[];
	/** What it can do. */
	capabilities: AgentCapabilities;
	/** What it is good at. */
	skills: AgentSkill[];
	/** The media types it accepts. */
	defaultInputModes: string[];
	/** The media types it answers with. */
	defaultOutputModes: string[];
	/** Who provides it. */
	provider?: { organization: string; url: string } | undefined;
	/** Its documentation. */
	documentationUrl?: string | undefined;
	/** Its icon. */
	iconUrl?: string | undefined;
	/** The card as the agent sent it. */
	json: Record<string, unknown>;
};
