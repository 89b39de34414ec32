import { A2AClientError, guardFor, type A2AClientErrorOptions } from './a2a-client-error.js';

/** One problem found while validating a response; `path` is a dot path such as `result.parts.0.text`. */
export interface ValidationIssue {
	readonly path: string;
	readonly message: string;
}

/** One line naming every issue: `result.parts.0.text: Invalid type: Expected string but received 5; …`. */
export function describeIssues(issues: readonly ValidationIssue[]): string {
	return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
}

/** A JSON response did not match its schema. The message summarises every issue. */
export class ResponseValidationError extends A2AClientError {
	override name = 'ResponseValidationError' as const;
	readonly issues: readonly ValidationIssue[];

	constructor(issues: readonly ValidationIssue[], options?: A2AClientErrorOptions) {
		super(`invalid response: ${describeIssues(issues)}`, options);
		this.issues = issues;
	}
}

export const isResponseValidationError = guardFor<ResponseValidationError>('ResponseValidationError');
