import { A2AClientError, guardFor, type A2AClientErrorOptions } from '../../errors/a2a-client-error.js';

/**
 * `notifyUser` (or a reply to a person) was refused: the workspace may not talk to its user (HTTP 403
 * `talk_to_user_disabled`, contract §15.1). An admin turns it back on.
 *
 * @example
 * await agent.notifyUser('done').catch((error) => { if (!isTalkToUserDisabledError(error)) throw error; });
 */
export class TalkToUserDisabledError extends A2AClientError {
	/** Always `'TalkToUserDisabledError'`: what `isTalkToUserDisabledError` checks. */
	override name = 'TalkToUserDisabledError' as const;
	/** The platform's hint, e.g. how an admin turns it back on. */
	readonly hint: string | undefined;

	/** `hint` is the 403's `hint`; `options.cause` the `HttpError` it came as. */
	constructor(hint: string | undefined, options?: A2AClientErrorOptions) {
		super(`talking to the user is disabled for this workspace${hint ? ` (${hint})` : ''}`, options);
		this.hint = hint;
	}
}

/**
 * True for a `TalkToUserDisabledError`, even one from another copy of the package.
 *
 * @example
 * if (isTalkToUserDisabledError(error)) console.log('this workspace may not talk to its user');
 */
export const isTalkToUserDisabledError = guardFor<TalkToUserDisabledError>('TalkToUserDisabledError');
