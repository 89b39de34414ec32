// fast-check generators for VALID answers to message/send, each optional field marked, so a property can set
// any of them to null or leave it out: v0.3 Messages and Tasks, v1.0 wrappers, JSON-RPC errors, platform bodies.
import fc from 'fast-check';
import { FIRST_REQUEST_ID } from '../helpers/ids.js';

const optional = Symbol('optional');

/** An optional field of a template: present with `value`, or absent when `value` is `undefined`. */
interface Optional {
	readonly [optional]: true;
	readonly value: unknown;
}

/** A body as the platform sends it, its JSON still a template holding `Optional` fields. */
export interface Template {
	status: number;
	body: unknown;
}

const isOptional = (value: unknown): value is Optional => typeof value === 'object' && value !== null && optional in value;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An optional field, present or absent. */
const opt = (value: fc.Arbitrary<unknown>): fc.Arbitrary<Optional> => fc.option(value, { nil: undefined }).map((given) => ({ [optional]: true, value: given }));
/** An optional field that is absent here (the other member of a oneof): it can only be left out or null. */
const unset: fc.Arbitrary<Optional> = fc.constant({ [optional]: true, value: undefined });

const word = fc.string({ maxLength: 12 });
const text = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('done', 'Found 2 products', 'Agent error: boom', ''));
const metadata = opt(fc.dictionary(word, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }));
const data = fc.dictionary(word, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
const base64 = fc.base64String({ maxLength: 12 });
const uri = fc.constantFrom('workspace:/out/report.pdf', 'https://files.example/a.png', 'file:///tmp/x');

const fileRef = fc.oneof(
	fc.record({ uri, bytes: unset, name: opt(word), mimeType: opt(word), size: opt(fc.nat()) }),
	fc.record({ bytes: base64, uri: unset, name: opt(word), mimeType: opt(word), size: opt(fc.nat()) }),
);

/** v0.3 parts (`kind`, or the v0 `type`). */
const part = fc.oneof(
	fc.record({ kind: fc.constant('text'), text, metadata }),
	fc.record({ type: fc.constant('text'), text, metadata }),
	fc.record({ kind: fc.constant('file'), file: fileRef, metadata }),
	fc.record({ kind: fc.constant('data'), data, metadata }),
);

/** v1.0 ProtoJSON parts: one content member set, the others unset. */
const v1Part = fc.oneof(
	fc.record({ text, raw: unset, url: unset, data: unset, metadata, filename: opt(word), mediaType: opt(word) }),
	fc.record({ url: uri, text: unset, raw: unset, data: unset, metadata, filename: opt(word), mediaType: opt(word) }),
	fc.record({ raw: base64, text: unset, url: unset, data: unset, metadata, filename: opt(word), mediaType: opt(word) }),
	fc.record({ data, text: unset, url: unset, raw: unset, metadata }),
);

const parts = (item: fc.Arbitrary<unknown>) => fc.array(item, { maxLength: 3 });

const message = (role: fc.Arbitrary<string>, item: fc.Arbitrary<unknown>) =>
	fc.record({
		kind: fc.constant('message'),
		messageId: word,
		role,
		parts: parts(item),
		contextId: opt(word),
		taskId: opt(word),
		metadata,
		extensions: opt(fc.array(word, { maxLength: 2 })),
		referenceTaskIds: opt(fc.array(word, { maxLength: 2 })),
	});

const task = (states: readonly string[], role: (name: 'agent' | 'user') => string, item: fc.Arbitrary<unknown>) => {
	const anyRole = fc.constantFrom(role('agent'), role('user'));
	const artifact = fc.record({ artifactId: word, parts: parts(item), name: opt(word), description: opt(word), metadata, extensions: opt(fc.array(word, { maxLength: 2 })) });
	return fc.record({
		kind: fc.constant('task'),
		id: word,
		contextId: word,
		status: fc.record({ state: fc.constantFrom(...states), message: opt(message(fc.constant(role('agent')), item)), timestamp: opt(word) }),
		artifacts: opt(fc.array(artifact, { maxLength: 2 })),
		history: opt(fc.array(message(anyRole, item), { maxLength: 3 })),
		metadata,
	});
};

const v03States = ['completed', 'working', 'input-required', 'auth-required', 'failed', 'rejected', 'canceled'];
const v1States = v03States.map((state) => `TASK_STATE_${state.toUpperCase().replaceAll('-', '_')}`);

/** What `result` holds: a v0.3 Message or Task, or a v1.0 `{message}` / `{task}` wrapper with the other member unset. */
const result = fc.oneof(
	message(fc.constant('agent'), part),
	task(v03States, (name) => name, part),
	fc.record({ message: message(fc.constant('ROLE_AGENT'), v1Part), task: unset }),
	fc.record({ task: task(v1States, (name) => `ROLE_${name.toUpperCase()}`, v1Part), message: unset }),
);

const rpc = { jsonrpc: fc.constant('2.0'), id: fc.constant(FIRST_REQUEST_ID) };

/** Every valid answer to message/send the client reads, with its HTTP status. */
export const validAnswer: fc.Arbitrary<Template> = fc.oneof(
	fc.record({ status: fc.constant(200), body: fc.record({ ...rpc, result, error: unset }) }),
	fc.record({
		status: fc.constant(200),
		body: fc.record({ ...rpc, error: fc.record({ code: fc.integer({ min: -32768, max: 0 }), message: text, data: opt(fc.jsonValue({ maxDepth: 2 })) }), result: unset }),
	}),
	fc.record({ status: fc.constant(202), body: fc.record({ queued: fc.constant(true), queue_id: opt(word), queue_depth: opt(fc.nat()), message: opt(word) }) }),
	fc.record({ status: fc.constant(200), body: fc.record({ status: fc.constant('queued'), delivery_mode: opt(word), method: opt(word) }) }),
	fc.record({
		status: fc.constantFrom(400, 401, 403, 404, 429, 500, 502, 503),
		body: fc.record({ error: text, retry_after: opt(fc.integer({ min: 0, max: 30 })), busy: opt(fc.boolean()) }),
	}),
);

/** The paths (`/result/parts/0/metadata`) of every optional field of a template, present or absent. */
export function optionalPaths(template: unknown, path = ''): string[] {
	if (Array.isArray(template)) return template.flatMap((item, index) => optionalPaths(item, `${path}/${index}`));
	if (!isObject(template)) return [];
	return Object.entries(template).flatMap(([key, child]) =>
		isOptional(child) ? [`${path}/${key}`, ...optionalPaths(child.value, `${path}/${key}`)] : optionalPaths(child, `${path}/${key}`),
	);
}

/** The JSON of a template, with the optional fields at `chosen` written as `null`, or left out. */
export function render(template: unknown, chosen: ReadonlySet<string>, as: 'null' | 'absent', path = ''): unknown {
	if (Array.isArray(template)) return template.map((item, index) => render(item, chosen, as, `${path}/${index}`));
	if (!isObject(template)) return template;
	return Object.fromEntries(
		Object.entries(template).flatMap(([key, child]): [string, unknown][] => {
			const at = `${path}/${key}`;
			if (!isOptional(child)) return [[key, render(child, chosen, as, at)]];
			if (chosen.has(at)) return as === 'null' ? [[key, null]] : [];
			return child.value === undefined ? [] : [[key, render(child.value, chosen, as, at)]];
		}),
	);
}
