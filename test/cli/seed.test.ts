import { describe, expect, test } from 'vitest';
import { readSeed } from '../../src/cli/seed.js';

const lead = { id: '5eed0000-0000-4000-8000-000000000001', name: 'Lead' };

const problem = (json: unknown): string => {
	try {
		readSeed(json);
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('expected the seed to be refused');
};

describe('seed files', () => {
	test('the first workspace is the caller; ids are stored lower-case', () => {
		const seed = readSeed([{ ...lead, id: lead.id.toUpperCase(), tokens: ['t'] }]);
		expect(seed.caller).toMatchObject({ id: lead.id, name: 'Lead', tokens: ['t'] });
	});

	test('a declarative agent becomes a behaviour with a description', async () => {
		const [workspace] = readSeed([{ ...lead, agent: { reply: 'done' } }]).workspaces;
		expect(workspace?.description).toBe('replies "done"');
		expect(typeof workspace?.agent).toBe('function');
	});

	test('an explicit description wins over the derived one', () => {
		expect(readSeed([{ ...lead, description: 'mine', agent: { busy: true } }]).caller.description).toBe('mine');
	});

	test('an agent URL is kept as the URL to proxy to', () => {
		expect(readSeed([{ ...lead, agent: { url: 'http://127.0.0.1:9999/' } }]).caller.agent).toBe('http://127.0.0.1:9999/');
	});

	test.each([
		[{}, '(top level) must be a non-empty array of workspaces'],
		[[], '(top level) must be a non-empty array of workspaces'],
		[[{ name: 'x' }], '[0].id must be a UUID'],
		[[{ id: lead.id }], '[0].name must be a non-empty string'],
		[[{ ...lead, colour: 'red' }], '[0].colour is not a workspace field'],
		[[{ ...lead, tokens: ['ok', ''] }], '[0].tokens[1] must be a non-empty string'],
		[[{ ...lead, deliveryMode: 'pull' }], '[0].deliveryMode must be "push" or "poll"'],
		[[{ ...lead, agent: 'echo' }], '[0].agent must be an object with one of'],
		[[{ ...lead, agent: { echo: true, busy: true } }], '[0].agent must have exactly one of'],
		[[{ ...lead, agent: { jsonRpcError: [-32603] } }], '[0].agent.jsonRpcError must be [code, "message"]'],
		[[{ ...lead, agent: { jsonRpcError: ['x', 'y'] } }], '[0].agent.jsonRpcError[0] must be an integer'],
		[[{ ...lead, agent: { url: 'ftp://x' } }], '[0].agent.url must be an http(s) URL'],
		[[{ ...lead, agent: { busy: 'yes' } }], '[0].agent.busy must be true'],
		[[lead, lead], '[1].id repeats'],
		[[{ ...lead, parentId: '5eed0000-0000-4000-8000-0000000000ff' }], '[0].parentId must be the id of another workspace in the file'],
	])('%j is refused: %s', (json, message) => {
		expect(problem(json)).toContain(message);
	});
});
