import * as v from 'valibot';
import { absent } from '../../schemas/absent.js';
import { compact, optionalText, optionalTexts, unset } from './common.js';

// Agent cards of both formats (notes §2.5): a v1.0 card lists `supportedInterfaces`; a v0.3 card has
// `url` and `preferredTransport`. A hybrid (a2a-js answers one when no A2A-Version is sent) is read
// as v1.0. Fields a client does not need to talk are lenient: a missing list reads as empty.

/** `0.3.0`, `0.3`, `1.0` → major.minor. */
export const majorMinor = (version: string): string => /^(\d+)\.(\d+)/.exec(version.trim())?.slice(1, 3).join('.') ?? version.trim();

const texts = v.optional(v.pipe(v.nullable(v.array(v.string())), v.transform((list) => list ?? [])), []);

const SkillSchema = v.pipe(
	v.looseObject({ id: v.string(), name: v.string(), description: absent(v.string()), tags: texts, examples: optionalTexts, inputModes: optionalTexts, outputModes: optionalTexts }),
	v.transform(
		(skill) =>
			compact({
				id: skill.id,
				name: skill.name,
				description: skill.description ?? '',
				tags: skill.tags,
				examples: skill.examples?.length ? skill.examples : undefined,
				inputModes: skill.inputModes?.length ? skill.inputModes : undefined,
				outputModes: skill.outputModes?.length ? skill.outputModes : undefined,
			}),
	),
);

const CapabilitiesSchema = v.looseObject({ streaming: absent(v.boolean()), pushNotifications: absent(v.boolean()), extendedAgentCard: absent(v.boolean()) });

const common = {
	name: v.string(),
	description: absent(v.string()),
	version: absent(v.string()),
	capabilities: absent(CapabilitiesSchema),
	skills: absent(v.array(SkillSchema)),
	defaultInputModes: texts,
	defaultOutputModes: texts,
	provider: absent(v.looseObject({ organization: v.string(), url: v.string() })),
	documentationUrl: optionalText,
	iconUrl: optionalText,
};

const InterfaceV1Schema = v.pipe(
	v.looseObject({ url: v.string(), protocolBinding: v.string(), protocolVersion: v.string(), tenant: optionalText }),
	v.transform((item) => compact({ url: item.url, binding: item.protocolBinding, protocolVersion: majorMinor(item.protocolVersion), tenant: item.tenant || undefined })),
);

type Common = v.InferOutput<v.ObjectSchema<typeof common, undefined>>;

/** The interfaces as both formats read them: what the card test ties to `AgentInterface`. */
type Interfaces = v.InferOutput<typeof InterfaceV1Schema>[];

// Inferred, not annotated with `AgentCard`: test/types/a2a-shapes.fixture.ts compares the two.
function normalised(card: Common, json: Record<string, unknown>, cardVersion: '1.0' | '0.3', interfaces: Interfaces, extendedAgentCard: boolean) {
	const capabilities = { streaming: card.capabilities?.streaming ?? false, pushNotifications: card.capabilities?.pushNotifications ?? false, extendedAgentCard };
	return compact({
		cardVersion,
		name: card.name,
		description: card.description ?? '',
		version: card.version ?? '',
		interfaces,
		capabilities,
		skills: card.skills ?? [],
		defaultInputModes: card.defaultInputModes,
		defaultOutputModes: card.defaultOutputModes,
		provider: card.provider && { organization: card.provider.organization, url: card.provider.url },
		documentationUrl: card.documentationUrl,
		iconUrl: card.iconUrl,
		json,
	});
}

/** A v1.0 card. */
export const CardV1Schema = v.pipe(
	v.looseObject({ ...common, supportedInterfaces: v.pipe(v.array(InterfaceV1Schema), v.minLength(1, 'Invalid length: Expected at least one interface')) }),
	v.transform((card) => normalised(card, card, '1.0', card.supportedInterfaces, card.capabilities?.extendedAgentCard ?? false)),
);

/** A v0.3 card: `url` speaks `preferredTransport` (JSONRPC when not said), `additionalInterfaces` the rest. */
export const CardV03Schema = v.pipe(
	v.looseObject({
		...common,
		url: v.string(),
		preferredTransport: optionalText,
		protocolVersion: optionalText,
		additionalInterfaces: absent(v.array(v.looseObject({ url: v.string(), transport: v.string() }))),
		supportsAuthenticatedExtendedCard: absent(v.boolean()),
	}),
	v.transform((card) => {
		const protocolVersion = majorMinor(card.protocolVersion ?? '0.3');
		const main = { url: card.url, binding: card.preferredTransport ?? 'JSONRPC', protocolVersion, tenant: unset<string>() };
		const others = (card.additionalInterfaces ?? []).map((item) => ({ url: item.url, binding: item.transport, protocolVersion, tenant: unset<string>() }));
		const interfaces = [main, ...others.filter((item) => item.url !== main.url || item.binding !== main.binding)];
		return normalised(card, card, '0.3', interfaces, card.supportsAuthenticatedExtendedCard ?? false);
	}),
);

/** The schema for a card's JSON: v1.0 when it has `supportedInterfaces`, else v0.3, so a bad card gets the issues of its own format. */
export const cardSchemaFor = (json: unknown): typeof CardV1Schema | typeof CardV03Schema =>
	typeof json === 'object' && json !== null && 'supportedInterfaces' in json ? CardV1Schema : CardV03Schema;
