// Issue 10, "Public types that teach": the docs users read in their editor are the ones in the built
// declarations, so these tests read dist/*.d.ts as a consumer's TypeScript does.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';
import { requireBuild, root } from './helpers.js';

beforeAll(requireBuild);

const dist = join(root, 'dist');
const entries = ['index', 'dev', 'agent', 'a2a', 'canvas', 'node', 'hints'] as const;

/** Interfaces the caller implements rather than calls: one example on the interface shows how. */
const implementedByCallers = new Set(['Clock', 'Logger', 'TokenSource', 'AgentStore']);

/** The options whose members each have a default, named by an `@default` tag. */
const optionsWithDefaults: Readonly<Record<string, readonly string[]>> = {
	A2AClientConfig: ['platformUrl', 'fetch', 'clock', 'random', 'uuid', 'logger', 'retry', 'timeouts', 'peerCache', 'maxConcurrentLookups'],
	RetryPolicy: ['maxAttempts', 'baseDelayMs', 'maxDelayMs', 'jitter', 'budgetMs'],
	Timeouts: ['requestMs', 'metadataMs', 'sendMs'],
	PeerCacheOptions: ['ttlMs', 'maxEntries'],
	SendOptions: ['timeoutMs'],
	ServeOptions: ['host', 'port'],
	DevPlatformOptions: ['clock', 'uuid', 'mintToken', 'mintSecret', 'wallClock', 'fetch', 'canvasSyncBudgetMs', 'corsOrigins', 'rateLimit', 'idleTimeoutMs'],
	AgentOptions: ['deliveryMode', 'card', 'store'],
	HeartbeatOptions: ['intervalMs'],
	InboxOptions: ['intervalMs', 'jitter', 'backfillSeconds', 'batchSize'],
	ConnectOptions: ['fetch', 'clock', 'random', 'uuid', 'logger', 'retry', 'timeouts', 'headers', 'protocol', 'binding', 'signal'],
	A2ATimeouts: ['requestMs', 'sendMs'],
	CallOptions: ['timeoutMs'],
	CanvasClientOptions: ['platformUrl', 'fetch', 'clock', 'random', 'uuid', 'logger', 'retry', 'timeouts', 'WebSocket'],
	CanvasTimeouts: ['requestMs', 'sendMs', 'uploadMs'],
	TopologyOptions: ['windowMs', 'hotMs', 'now'],
	ChatHistoryOptions: ['limit'],
	AgentCommsOptions: ['limit'],
};

interface Described {
	/** `entry:Owner.member`. */
	readonly name: string;
	readonly doc: string;
	readonly tags: ReadonlyMap<string, string>;
	/** A method (called on the object), as opposed to a property or a whole declaration. */
	readonly method: boolean;
	readonly owner: string | undefined;
	readonly member: string | undefined;
}

function readDeclarations(): Described[] {
	const files = entries.map((entry) => join(dist, `${entry}.d.ts`));
	const program = ts.createProgram(files, {
		noEmit: true,
		skipLibCheck: true,
		target: ts.ScriptTarget.ES2022,
		module: ts.ModuleKind.ESNext,
		moduleResolution: ts.ModuleResolutionKind.Bundler,
		lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
		types: [],
	});
	const checker = program.getTypeChecker();
	const ours = (symbol: ts.Symbol): boolean => (symbol.declarations ?? []).some((declaration) => files.includes(declaration.getSourceFile().fileName));
	const describe = (name: string, docs: ts.SymbolDisplayPart[], tags: ts.JSDocTagInfo[], extra: Partial<Described> = {}): Described => ({
		name,
		doc: ts.displayPartsToString(docs).trim(),
		tags: new Map(tags.map((tag) => [tag.name, ts.displayPartsToString(tag.text).trim()])),
		method: false,
		owner: undefined,
		member: undefined,
		...extra,
	});
	const found: Described[] = [];
	for (const [index, entry] of entries.entries()) {
		const source = program.getSourceFile(files[index] ?? '');
		const module = source && checker.getSymbolAtLocation(source);
		if (!module) throw new Error(`dist/${entry}.d.ts has no module symbol`);
		for (const exported of checker.getExportsOfModule(module)) {
			const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
			const owner = exported.name;
			// A guard built by a helper is a const, but called like any function.
			const callable = (symbol.flags & ts.SymbolFlags.Function) !== 0 || ((symbol.flags & ts.SymbolFlags.Variable) !== 0 && checker.getTypeOfSymbol(symbol).getCallSignatures().length > 0);
			found.push(describe(`${entry}:${owner}`, symbol.getDocumentationComment(checker), symbol.getJsDocTags(checker), { method: callable }));
			const shape = symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class | ts.SymbolFlags.TypeAlias) ? checker.getDeclaredTypeOfSymbol(symbol) : checker.getTypeOfSymbol(symbol);
			if (symbol.flags & ts.SymbolFlags.Class) {
				for (const signature of checker.getTypeOfSymbol(symbol).getConstructSignatures()) {
					found.push(describe(`${entry}:${owner} constructor`, signature.getDocumentationComment(checker), signature.getJsDocTags(), { owner, member: 'constructor' }));
				}
			}
			// Unions are described by their members' own declarations; primitives have no members of ours.
			if (shape.isUnion() || !(shape.flags & ts.TypeFlags.Object)) continue;
			for (const property of checker.getPropertiesOfType(shape)) {
				if (!ours(property)) continue;
				const method = (property.declarations ?? []).some((declaration) => ts.isMethodSignature(declaration) || ts.isMethodDeclaration(declaration));
				found.push(
					describe(`${entry}:${owner}.${property.name}`, property.getDocumentationComment(checker), property.getJsDocTags(checker), { method, owner, member: property.name }),
				);
			}
		}
	}
	return found;
}

const declarations = readDeclarations();
const named = (name: string): Described | undefined => declarations.find((item) => item.name === name);

describe('the built declarations', () => {
	test('no .d.ts or .d.cts mentions valibot: the public types are hand-written, the schemas internal', () => {
		const files = readdirSync(dist).filter((file) => /\.d\.c?ts$/.test(file));
		expect(files.length).toBeGreaterThanOrEqual(10);
		expect(files.filter((file) => readFileSync(join(dist, file), 'utf8').includes('valibot'))).toEqual([]);
	});

	test('no entry exports a schema, in its declarations or at run time: the …Schema names stay internal', async () => {
		const declared = declarations.filter((item) => item.owner === undefined && /Schema$/.test(item.name)).map((item) => item.name);
		const exported: string[] = [];
		for (const entry of entries) exported.push(...Object.keys(await import(join(dist, `${entry}.js`))).map((name) => `${entry}:${name}`));
		expect(exported.length).toBeGreaterThan(30);
		expect([...declared, ...exported.filter((name) => /Schema$/.test(name))]).toEqual([]);
	});

	test('dist/index.d.ts documents sendMessage: what it does, its outcomes, the contract section and an example', () => {
		const sendMessage = named('index:A2AClient.sendMessage');
		expect(sendMessage?.doc).toMatch(/message\/send/);
		for (const status of ['replied', 'queued', 'failed']) expect(sendMessage?.doc).toContain(`'${status}'`);
		expect(sendMessage?.doc).toContain('docs/platform-contract.md §7');
		expect(sendMessage?.tags.get('returns')).toMatch(/SendOutcome/);
		expect(sendMessage?.tags.get('example')).toMatch(/client\.sendMessage\(/);
	});

	test('options name their defaults with @default, e.g. RetryPolicy.maxAttempts is 5', () => {
		expect(named('index:RetryPolicy.maxAttempts')?.tags.get('default')).toBe('5');
		const missing = Object.entries(optionsWithDefaults).flatMap(([owner, members]) =>
			members.filter((member) => !declarations.some((item) => item.owner === owner && item.member === member && item.tags.has('default'))).map((member) => `${owner}.${member}`),
		);
		expect(missing).toEqual([]);
	});

	test('no doc states a default in prose instead of an @default tag', () => {
		expect(declarations.filter((item) => /(^|[.;:]\s+)Default\b/.test(item.doc)).map((item) => item.name)).toEqual([]);
	});

	test('every exported declaration, member and constructor has a doc', () => {
		expect(declarations.filter((item) => item.doc === '').map((item) => item.name)).toEqual([]);
	});

	test('every exported function and every method has an @example (an interface the caller implements has one of its own)', () => {
		const lacking = declarations.filter((item) => item.method && !item.tags.has('example') && !implementedByCallers.has(item.owner ?? ''));
		expect(lacking.map((item) => item.name)).toEqual([]);
		expect([...implementedByCallers].filter((owner) => !declarations.some((item) => item.owner === undefined && item.name.endsWith(`:${owner}`) && item.tags.has('example')))).toEqual([]);
	});

	test('every member measured in milliseconds says so', () => {
		const unitless = declarations.filter((item) => /Ms$/.test(item.member ?? '') && !/millisecond/i.test(item.doc + [...item.tags.values()].join(' ')));
		expect(unitless.map((item) => item.name)).toEqual([]);
	});
});
