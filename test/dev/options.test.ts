// Issue 9, item 7: a bad dev platform option is a ConfigError naming the field, before anything is built.
import { describe, expect, test } from 'vitest';
import { agents, createDevPlatform, type DevPlatformOptions, type DevWorkspace } from '../../src/dev/index.js';
import { configError } from '../helpers/config-error.js';
import { id } from './helpers.js';

const echo: DevWorkspace = { id: id(1), name: 'Echo', agent: agents.echo() };

const create = (options: unknown) => () => createDevPlatform(options as DevPlatformOptions);

describe('createDevPlatform with a bad option', () => {
	test.each([
		['no options', 'options', undefined],
		['options without workspaces', 'workspaces', {}],
		['workspaces that are not an array', 'workspaces', { workspaces: echo }],
		['a workspace that is null', 'workspaces.0', { workspaces: [null] }],
		['a workspace without an id', 'workspaces.1.id', { workspaces: [echo, { name: 'Nameless' }] }],
		['a workspace without a name', 'workspaces.0.name', { workspaces: [{ id: id(2) }] }],
		['a tier that is a string', 'workspaces.0.tier', { workspaces: [{ ...echo, tier: '1' }] }],
		['tokens that are a string', 'workspaces.0.tokens', { workspaces: [{ ...echo, tokens: 'dev-token' }] }],
		['a deliveryMode that is neither push nor poll', 'workspaces.0.deliveryMode', { workspaces: [{ ...echo, deliveryMode: 'pull' }] }],
		['an agent that is neither a URL nor a handler', 'workspaces.0.agent', { workspaces: [{ ...echo, agent: 'echo' }] }],
		['a clock without sleep', 'clock', { workspaces: [echo], clock: { now: () => 0 } }],
		['a fetch that is not a function', 'fetch', { workspaces: [echo], fetch: 'http://agent' }],
		['corsOrigins that are one string', 'corsOrigins', { workspaces: [echo], corsOrigins: 'http://localhost:3000' }],
		['a negative rateLimit', 'rateLimit', { workspaces: [echo], rateLimit: -1 }],
		['a fractional rateLimit', 'rateLimit', { workspaces: [echo], rateLimit: 1.5 }],
		['an idleTimeoutMs of 0', 'idleTimeoutMs', { workspaces: [echo], idleTimeoutMs: 0 }],
		['a talkToUserEnabled that is a string', 'workspaces.0.talkToUserEnabled', { workspaces: [{ ...echo, talkToUserEnabled: 'no' }] }],
		['a negative generation', 'workspaces.0.generation', { workspaces: [{ ...echo, generation: -1 }] }],
		['a fractional generation', 'workspaces.0.generation', { workspaces: [{ ...echo, generation: 1.5 }] }],
		['uploadLimits that are a number', 'uploadLimits', { workspaces: [echo], uploadLimits: 100 }],
		['a perFileBytes of 0', 'uploadLimits.perFileBytes', { workspaces: [echo], uploadLimits: { perFileBytes: 0 } }],
		['a fractional maxAttachmentsPerMessage', 'uploadLimits.maxAttachmentsPerMessage', { workspaces: [echo], uploadLimits: { maxAttachmentsPerMessage: 2.5 } }],
		['a memoryPlugin that is a string', 'memoryPlugin', { workspaces: [echo], memoryPlugin: 'yes' }],
	])('%s is a ConfigError naming %s', (_name, field, options) => {
		expect(configError(create(options)).field).toBe(field);
	});

	test('the message names the field, what it must be and what it got', () => {
		expect(configError(create({ workspaces: [{ ...echo, tier: '1' }] })).message).toBe('workspaces.0.tier must be a finite number, got a string');
	});

	test('a repeated id is a ConfigError naming the second one', () => {
		const error = configError(create({ workspaces: [echo, { id: id(1).toUpperCase(), name: 'Twin' }] }));
		expect(error).toMatchObject({ field: 'workspaces.1.id', message: 'workspaces.1.id is a duplicate of workspaces.0.id' });
	});

	test('an agent URL, a null role and a rateLimit of 0 (none) are accepted', () => {
		expect(() => createDevPlatform({ workspaces: [{ ...echo, agent: 'http://127.0.0.1:9/a2a', role: null }], rateLimit: 0 })).not.toThrow();
	});
});

describe('the dev platform methods with a bad argument', () => {
	test('update with a wrongly typed field is a ConfigError naming patch.<field>, and changes nothing', () => {
		const platform = createDevPlatform({ workspaces: [echo] });
		expect(configError(() => platform.update(id(1), { tier: 'two' } as never)).field).toBe('patch.tier');
		expect(platform.workspace(id(1))?.tier).toBeUndefined();
	});

	test('update with a talkToUserEnabled that is not a boolean is a ConfigError naming patch.talkToUserEnabled', () => {
		const platform = createDevPlatform({ workspaces: [echo] });
		expect(configError(() => platform.update(id(1), { talkToUserEnabled: 'off' } as never)).field).toBe('patch.talkToUserEnabled');
	});

	test('update with no patch is a ConfigError naming patch', () => {
		const platform = createDevPlatform({ workspaces: [echo] });
		expect(configError(() => platform.update(id(1), undefined as never)).field).toBe('patch');
	});

	test('setAgent with an agent that is neither a URL, a handler nor null is a ConfigError naming agent', () => {
		const platform = createDevPlatform({ workspaces: [echo] });
		expect(configError(() => platform.setAgent(id(1), 'echo')).field).toBe('agent');
	});

	test('an unknown workspace id is a ConfigError naming id', () => {
		const platform = createDevPlatform({ workspaces: [echo] });
		expect(configError(() => platform.setAgent(id(9), null)).field).toBe('id');
	});

	test.each([-1, 1.5, '2'])('dropConnections(%j) is a ConfigError naming count', (count) => {
		const platform = createDevPlatform({ workspaces: [echo] });
		expect(configError(() => platform.dropConnections(count as number)).field).toBe('count');
	});
});
