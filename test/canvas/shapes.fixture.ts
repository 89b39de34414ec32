// Compiled by shapes.test.ts under `tsc --strict` (with and without exactOptionalPropertyTypes), and by
// `npm run typecheck`. Each `expectTypeOf` line and each `@ts-expect-error` is a compile-time assertion:
// a public canvas type that drifts from its schema, or lets a misspelt member through, fails to compile.
import type * as v from 'valibot';
import { expectTypeOf } from 'vitest';
import type { CanvasClient, CanvasEvent, ChatFile, ChatMessage, PlatformEvent, Workspace } from '../../src/canvas/index.js';
import type { ChatFileSchema, ChatRowSchema, WorkspaceSchema } from '../../src/canvas/schemas.js';

/** The members of a loose object, without the index signature through which unknown fields pass. */
type Known<T> = { [K in keyof T as string extends K ? never : K]: Checked<T[K]> };
/** What a schema checks: its output with every loose object reduced to its known members. */
type Checked<T> = T extends readonly (infer Item)[] ? Checked<Item>[] : T extends object ? ([keyof Known<T>] extends [never] ? { [K in keyof T]: T[K] } : Known<T>) : T;
type Output<TSchema extends v.GenericSchema> = Checked<v.InferOutput<TSchema>>;

// Each public shape has exactly the members its schema checks, with the same types and optionality.
// Flattened: the public type is written as the registry's record plus the canvas's members.
expectTypeOf<Output<typeof WorkspaceSchema>>().toEqualTypeOf<{ [K in keyof Workspace]: Workspace[K] }>();
expectTypeOf<Output<typeof ChatFileSchema>>().toEqualTypeOf<ChatFile>();
expectTypeOf<Output<typeof ChatRowSchema>['role']>().toEqualTypeOf<ChatMessage['role']>();

/** A misspelt member does not type-check on a workspace, a file or a message. */
export function misspelt(workspace: Workspace, file: ChatFile, message: ChatMessage): unknown[] {
	return [
		// @ts-expect-error `parentId` is no member of a workspace (the platform's `parent_id` is)
		workspace.parentId,
		// @ts-expect-error `url` is no member of a chat file (`uri` is)
		file.url,
		// @ts-expect-error `content` is no member of a chat message (`text` is)
		message.content,
	];
}

/** `type` narrows an event to its shape; the connection markers are part of the union. */
export async function narrow(canvas: CanvasClient): Promise<string[]> {
	const seen: string[] = [];
	for await (const event of canvas.events()) {
		if (event.type === 'A2A_RESPONSE') seen.push(event.text, event.messageId ?? '');
		else if (event.type === 'reconnecting') expectTypeOf(event.delayMs).toEqualTypeOf<number>();
		else if (event.type === 'DELEGATION_FAILED') seen.push(event.delegationId, event.error ?? '');
		else if (event.type === 'WORKSPACE_ONLINE') expectTypeOf(event.payload).toEqualTypeOf<Record<string, unknown>>();
		// @ts-expect-error `SOMETHING_ELSE` is no event type
		else if (event.type === 'SOMETHING_ELSE') seen.push('never');
	}
	expectTypeOf<Extract<CanvasEvent, { type: 'USER_MESSAGE' }>['role']>().toEqualTypeOf<'user' | 'system'>();
	expectTypeOf<Exclude<CanvasEvent, PlatformEvent>['type']>().toEqualTypeOf<'reconnecting' | 'reconnected'>();
	return seen;
}

/** A send's options refuse a misspelt member; a chat message fits as a history turn. */
export async function sends(canvas: CanvasClient, id: string, messages: ChatMessage[]): Promise<void> {
	await canvas.send(id, 'hello', { history: messages });
	// @ts-expect-error `histroy` is no option of send
	await canvas.send(id, 'hello', { histroy: messages });
}
