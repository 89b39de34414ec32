import * as v from 'valibot';
import { describeIssues, type ValidationIssue } from '../errors/response-validation-error.js';
import type { Part } from '../types/a2a.js';
import { partSchemas } from './a2a.js';

export type Parsed<T> = { success: true; output: T } | { success: false; issues: ValidationIssue[]; summary: string };

const failure = (issues: ValidationIssue[]): Parsed<never> => ({ success: false, issues, summary: describeIssues(issues) });

/** Validates untrusted JSON against a schema without throwing; issues come back as dot paths with messages. */
export function parse<TSchema extends v.GenericSchema>(schema: TSchema, value: unknown, path = ''): Parsed<v.InferOutput<TSchema>> {
	const result = v.safeParse(schema, value);
	if (result.success) return { success: true, output: result.output };
	return failure(
		result.issues.map((issue) => ({
			path: [path, ...(issue.path ?? []).map((item) => String(item.key))].filter(Boolean).join('.'),
			message: issue.message,
		})),
	);
}

/** Validates one message part against the schema of its `kind`. */
export function parsePart(value: unknown, path: string): Parsed<Part> {
	const kind = (value as { kind?: unknown } | null)?.kind;
	const schema = typeof kind === 'string' && Object.hasOwn(partSchemas, kind) ? partSchemas[kind] : undefined;
	if (schema) return parse(schema, value, path);
	return failure([{ path: `${path}.kind`, message: `Invalid kind: Expected "text", "file" or "data" but received ${JSON.stringify(kind) ?? 'undefined'}` }]);
}
