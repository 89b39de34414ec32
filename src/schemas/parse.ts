import * as v from 'valibot';
import { describeIssues, type ValidationIssue } from '../errors/response-validation-error.js';

export type Parsed<T> = { success: true; output: T } | { success: false; issues: ValidationIssue[]; summary: string };

/** Validates untrusted JSON against a schema without throwing; issues come back as readable path + message pairs. */
export function parse<TSchema extends v.GenericSchema>(schema: TSchema, value: unknown): Parsed<v.InferOutput<TSchema>> {
	const result = v.safeParse(schema, value);
	if (result.success) return { success: true, output: result.output };
	const issues = result.issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message }));
	return { success: false, issues, summary: describeIssues(issues) };
}
