import { readFile } from 'node:fs/promises';
import { demoAdminToken, demoOrg, type DevWorkspace } from '../dev/index.js';
import { validatePeerId } from '../index.js';
import { readAgentBehaviour, SeedFieldError } from './agent-spec.js';
import { UsageError } from './args.js';

/** The organisation `dev` serves, the workspace `dev -- <command>` runs its command as, and the admin token. */
export interface Seed {
	workspaces: DevWorkspace[];
	caller: DevWorkspace;
	/** The platform's admin token: the credential of canvas-class calls. */
	adminToken: string;
}

type Field = (value: unknown, path: string) => unknown;

const optionalText: Field = (value, path) => {
	if (typeof value !== 'string') throw new SeedFieldError(path, 'must be a string');
	return value;
};
const nullableText: Field = (value, path) => (value === null ? null : optionalText(value, path));
const number: Field = (value, path) => {
	if (typeof value !== 'number' || !Number.isFinite(value)) throw new SeedFieldError(path, 'must be a number');
	return value;
};
const nullableNumber: Field = (value, path) => (value === null ? null : number(value, path));
const tokenList: Field = (value, path) => {
	if (!Array.isArray(value)) throw new SeedFieldError(path, 'must be an array of strings');
	value.forEach((token, index) => {
		if (typeof token !== 'string' || token.trim() === '') throw new SeedFieldError(`${path}[${index}]`, 'must be a non-empty string');
	});
	return value;
};
const flags: Field = (value, path) => {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SeedFieldError(path, 'must be an object of booleans');
	for (const [key, flag] of Object.entries(value)) if (typeof flag !== 'boolean') throw new SeedFieldError(`${path}.${key}`, 'must be a boolean');
	return value;
};
const deliveryMode: Field = (value, path) => {
	if (value !== 'push' && value !== 'poll') throw new SeedFieldError(path, 'must be "push" or "poll"');
	return value;
};

/** Every `DevWorkspace` field a JSON file can hold, except `id`, `name` and `agent`, which are read apart. */
const fields: Record<string, Field> = {
	role: nullableText,
	parentId: nullableText,
	status: optionalText,
	runtime: optionalText,
	tier: number,
	url: nullableText,
	tokens: tokenList,
	budgetLimit: nullableNumber,
	monthlySpend: number,
	maxConcurrentTasks: number,
	activeTasks: number,
	capabilities: flags,
	deliveryMode,
	removedAt: nullableText,
	agentCard: (value) => value,
	description: optionalText,
};

function readWorkspace(value: unknown, path: string): DevWorkspace {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SeedFieldError(path, 'must be an object');
	const raw = value as Record<string, unknown>;
	const id = validatePeerId(raw['id']);
	if (id === null) throw new SeedFieldError(`${path}.id`, 'must be a UUID');
	if (typeof raw['name'] !== 'string' || raw['name'].trim() === '') throw new SeedFieldError(`${path}.name`, 'must be a non-empty string');
	const workspace: Record<string, unknown> = { id, name: raw['name'] };
	for (const [key, field] of Object.entries(raw)) {
		if (key === 'id' || key === 'name' || key === 'agent') continue;
		const read = fields[key];
		if (!read) throw new SeedFieldError(`${path}.${key}`, 'is not a workspace field');
		workspace[key] = read(field, `${path}.${key}`);
	}
	if (raw['agent'] !== undefined) {
		const behaviour = readAgentBehaviour(raw['agent'], `${path}.agent`);
		workspace['agent'] = behaviour.agent;
		workspace['description'] ??= behaviour.description;
	}
	return workspace as unknown as DevWorkspace;
}

/** The workspaces of a seed file, validated; the first one is the caller. */
export function readSeed(json: unknown): Seed {
	if (!Array.isArray(json) || json.length === 0) throw new SeedFieldError('(top level)', 'must be a non-empty array of workspaces');
	const workspaces = json.map((item, index) => readWorkspace(item, `[${index}]`));
	const ids = new Set<string>();
	workspaces.forEach((workspace, index) => {
		if (ids.has(workspace.id)) throw new SeedFieldError(`[${index}].id`, `repeats ${workspace.id}`);
		ids.add(workspace.id);
	});
	workspaces.forEach((workspace, index) => {
		const parent = typeof workspace.parentId === 'string' ? validatePeerId(workspace.parentId) : null;
		if (typeof workspace.parentId === 'string' && (parent === null || !ids.has(parent))) {
			throw new SeedFieldError(`[${index}].parentId`, 'must be the id of another workspace in the file');
		}
	});
	const [caller] = workspaces;
	if (!caller) throw new SeedFieldError('(top level)', 'must be a non-empty array of workspaces');
	return { workspaces, caller, adminToken: demoAdminToken };
}

/** `demo` (the demo organisation) or a JSON file; any problem is a one-line usage error naming the field. */
export async function loadSeed(seed: string): Promise<Seed> {
	if (seed === 'demo') {
		const org = demoOrg();
		const caller = org.workspaces.find((workspace) => workspace.id === org.caller);
		if (!caller) throw new Error('the demo organisation has no caller');
		return { workspaces: org.workspaces, caller, adminToken: org.adminToken };
	}
	let text: string;
	try {
		text = await readFile(seed, 'utf8');
	} catch (error) {
		throw new UsageError(`cannot read the seed file ${seed}: ${(error as { code?: string }).code ?? String(error)}`);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new UsageError(`seed file ${seed} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
	}
	try {
		return readSeed(json);
	} catch (error) {
		if (error instanceof SeedFieldError) throw new UsageError(`seed file ${seed}: ${error.message}`);
		throw error;
	}
}
