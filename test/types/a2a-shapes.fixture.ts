// Compiled by a2a-shapes.test.ts under `tsc --strict` (and with exactOptionalPropertyTypes), and by
// `npm run typecheck`. The ./a2a entry's public types are hand-written; each schema of both protocol
// versions validates and normalises into exactly one of them, so a type that drifts from what the
// schemas produce, or a schema that starts producing something else, fails to compile here.
import type * as v from 'valibot';
import { expectTypeOf } from 'vitest';
import type { AgentCard, AgentConnection, Message, Part, PushNotificationConfig, StreamEvent, Task, TaskPage, TaskState } from '../../src/a2a/index.js';
import type { CardV03Schema, CardV1Schema } from '../../src/a2a/schemas/card.js';
import type { MessageV03Schema, PartV03Schema, PushConfigListV03Schema, PushConfigV03Schema, SendResultV03Schema, StatusV03Schema, StreamEventV03Schema, TaskV03Schema } from '../../src/a2a/schemas/v03.js';
import type { MessageV1Schema, PartV1Schema, PushConfigListV1Schema, PushConfigV1Schema, SendResultV1Schema, StatusV1Schema, StreamEventV1Schema, TaskPageV1Schema, TaskV1Schema } from '../../src/a2a/schemas/v1.js';

/**
 * A shape to compare: members that may be `undefined` made optional, the others required, nested
 * (unions member by member). The schemas build their outputs as literals, with `x: T | undefined`
 * where the hand-written types say `x?: T | undefined`; both read alike through it, while a member
 * added, dropped or typed differently on either side still fails.
 */
type Shape<T> = T extends Uint8Array
	? T
	: T extends readonly (infer Item)[]
		? Shape<Item>[]
		: T extends object
			? Flat<{ [K in keyof T as undefined extends T[K] ? K : never]?: Shape<Exclude<T[K], undefined>> | undefined } & { [K in keyof T as undefined extends T[K] ? never : K]: Shape<T[K]> }>
			: T;
type Flat<T> = { [K in keyof T]: T[K] };
type Out<TSchema extends v.GenericSchema> = Shape<v.InferOutput<TSchema>>;

// One model whatever the version.
expectTypeOf<Out<typeof PartV1Schema>>().toEqualTypeOf<Shape<Part>>();
expectTypeOf<Out<typeof PartV03Schema>>().toEqualTypeOf<Shape<Part>>();
expectTypeOf<Out<typeof MessageV1Schema>>().toEqualTypeOf<Shape<Message>>();
expectTypeOf<Out<typeof MessageV03Schema>>().toEqualTypeOf<Shape<Message>>();
expectTypeOf<Out<typeof TaskV1Schema>>().toEqualTypeOf<Shape<Task>>();
expectTypeOf<Out<typeof TaskV03Schema>>().toEqualTypeOf<Shape<Task>>();
expectTypeOf<Out<typeof SendResultV1Schema>>().toEqualTypeOf<Shape<Message | Task>>();
expectTypeOf<Out<typeof SendResultV03Schema>>().toEqualTypeOf<Shape<Message | Task>>();
expectTypeOf<Out<typeof StreamEventV1Schema>>().toEqualTypeOf<Shape<StreamEvent>>();
expectTypeOf<Out<typeof StreamEventV03Schema>>().toEqualTypeOf<Shape<StreamEvent>>();
expectTypeOf<Out<typeof PushConfigV1Schema>>().toEqualTypeOf<Shape<PushNotificationConfig>>();
expectTypeOf<Out<typeof PushConfigV03Schema>>().toEqualTypeOf<Shape<PushNotificationConfig>>();
expectTypeOf<Out<typeof PushConfigListV1Schema>>().toEqualTypeOf<Shape<PushNotificationConfig[]>>();
expectTypeOf<Out<typeof PushConfigListV03Schema>>().toEqualTypeOf<Shape<PushNotificationConfig[]>>();
expectTypeOf<Out<typeof TaskPageV1Schema>>().toEqualTypeOf<Shape<TaskPage>>();
expectTypeOf<Out<typeof CardV1Schema>>().toEqualTypeOf<Shape<AgentCard>>();
expectTypeOf<Out<typeof CardV03Schema>>().toEqualTypeOf<Shape<AgentCard>>();
// States are plain strings, the same set from both versions: v0.3 checks exactly `TaskState`.
expectTypeOf<Out<typeof StatusV03Schema>['state']>().toEqualTypeOf<TaskState>();
expectTypeOf<Out<typeof StatusV1Schema>['state']>().toEqualTypeOf<TaskState>();

/** A misspelt member does not type-check. */
export function misspelt(task: Task, message: Message, card: AgentCard): unknown[] {
	return [
		// @ts-expect-error `stauts` is no member of a task
		task.stauts,
		// @ts-expect-error `parst` is no member of a message
		message.parst,
		// @ts-expect-error `capabilites` is no member of a card
		card.capabilites,
	];
}

/** `kind` narrows answers, events and parts. */
export async function narrowing(agent: AgentConnection): Promise<string> {
	const answer = await agent.send({ parts: [{ kind: 'file', file: { bytes: new Uint8Array([1]), name: 'a.bin' } }] });
	if (answer.kind === 'task') {
		expectTypeOf(answer.status.state).toEqualTypeOf<TaskState>();
		return answer.id;
	}
	expectTypeOf(answer).toEqualTypeOf<Message>();
	const [part] = answer.parts;
	if (part?.kind === 'file') expectTypeOf(part.file.bytes).toEqualTypeOf<Uint8Array | undefined>();
	return answer.messageId;
}

/** A state outside the set, and a v1.0 enum name, do not type-check. */
export async function states(agent: AgentConnection): Promise<void> {
	// @ts-expect-error states are the plain v0.3-style strings
	await agent.listTasks({ status: 'TASK_STATE_COMPLETED' });
	// @ts-expect-error `done` is no state
	await agent.listTasks({ status: 'done' });
	await agent.listTasks({ status: 'input-required' });
}

/** The shapes are plain JSON-like data: assignable to a record of unknown values. */
export function asRecords(task: Task, event: StreamEvent, config: PushNotificationConfig): Readonly<Record<string, unknown>>[] {
	return [task, event, config];
}
