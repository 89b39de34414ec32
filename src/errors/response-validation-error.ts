import { A2AClientError, guardFor, type A2AClientErrorOptions } from './a2a-client-error.js';

/** One problem found while validating a response. */
export interface ValidationIssue {
	/** Dot path of the offending value, such as `result.parts.0.text`; `''` for the whole body. */
	readonly path: string;
	/** What is wrong there, e.g. `Invalid type: Expected string but received 5`. */
	readonly message: string;
}

/**
 * One line naming every issue, `; `-separated: `path: message`, or the message alone when the path is empty.
 *
 * @example
 * describeIssues([{ path: 'result.parts.0.text', message: 'Invalid type: Expected string but received 5' }]);
 * // 'result.parts.0.text: Invalid type: Expected string but received 5'
 */
export function describeIssues(issues: readonly ValidationIssue[]): string {
	return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
}

/** A JSON response did not match its schema, e.g. a JSON-RPC `result` that is a number. The message summarises every issue. */
export class ResponseValidationError extends A2AClientError {
	/** Always `'ResponseValidationError'`: what `isResponseValidationError` checks. */
	override name = 'ResponseValidationError' as const;
	/** Every problem found, in order. */
	readonly issues: readonly ValidationIssue[];

	/**
	 * Builds the error summarising every issue in its message.
	 *
	 * @param issues Every problem found, at least one.
	 * @param options The `target` and the common facts.
	 */
	constructor(issues: readonly ValidationIssue[], options?: A2AClientErrorOptions) {
		super(`invalid response: ${describeIssues(issues)}`, options);
		this.issues = issues;
	}
}

/**
 * True for a `ResponseValidationError`, from any realm or copy of the package.
 *
 * @example
 * if (outcome.status === 'failed' && isResponseValidationError(outcome.error)) for (const issue of outcome.error.issues) console.error(issue.path, issue.message);
 */
export const isResponseValidationError = guardFor<ResponseValidationError>('ResponseValidationError');
