import { A2AClientError, guardFor, type A2AClientErrorOptions } from '../../errors/a2a-client-error.js';

/** `notifyUser` (or a reply to a person) was refused: the workspace may not talk to its user (HTTP 403 `talk_to_user_disabled`). */
export class TalkToUserDisabledError extends A2AClientError {
	override name = 'TalkToUserDisabledError' as const;
	/** The platform's hint, e.g. how an admin turns it back on. */
	readonly hint: string | undefined;

	constructor(hint: string | undefined, options?: A2AClientErrorOptions) {
		super(`talking to the user is disabled for this workspace${hint ? ` (${hint})` : ''}`, options);
		this.hint = hint;
	}
}

/**
 * @example
 * await agent.notifyUser('done').catch((error) => { if (!isTalkToUserDisabledError(error)) throw error; });
 */
export const isTalkToUserDisabledError = guardFor<TalkToUserDisabledError>('TalkToUserDisabledError');
