import { ConfigError } from '../errors/config-error.js';
import { isHttpError } from '../errors/http-error.js';
import { kindOf } from '../internal/describe.js';
import { isRecord } from '../internal/json.js';
import type { AgentContext } from './context.js';
import { TalkToUserDisabledError } from './errors/talk-to-user-disabled-error.js';
import { StatusResponseSchema } from './schemas.js';
import type { Attachment } from './types.js';

/** Each attachment as the platform wants it (`uri` and `name` required), or a `ConfigError` naming the one at fault. */
function checkAttachments(attachments: unknown): Attachment[] {
	if (!Array.isArray(attachments)) throw new ConfigError('options.attachments', `must be an array, got ${kindOf(attachments)}`);
	return attachments.map((attachment: unknown, index) => {
		const field = `options.attachments.${index}`;
		if (!isRecord(attachment)) throw new ConfigError(field, `must be an object, got ${kindOf(attachment)}`);
		const { uri, name, mimeType, size } = attachment;
		if (typeof uri !== 'string' || uri === '') throw new ConfigError(`${field}.uri`, 'must be a non-empty string');
		if (typeof name !== 'string' || name === '') throw new ConfigError(`${field}.name`, 'must be a non-empty string');
		return { uri, name, ...(typeof mimeType === 'string' ? { mimeType } : {}), ...(typeof size === 'number' ? { size } : {}) };
	});
}

/**
 * `POST /workspaces/:id/notify` (addendum §9.3): a message to the workspace's people. A 403
 * `talk_to_user_disabled` becomes `TalkToUserDisabledError`; other failures are `HttpError`s.
 */
export async function notifyUser(context: AgentContext, message: string, options: { attachments?: Attachment[] | undefined; signal?: AbortSignal | undefined } | undefined): Promise<void> {
	if (typeof message !== 'string' || message.trim() === '') throw new ConfigError('message', `must be a non-empty string, got ${typeof message === 'string' ? 'blank text' : kindOf(message)}`);
	const attachments = options?.attachments === undefined ? [] : checkAttachments(options.attachments);
	try {
		await context.call({
			method: 'POST',
			path: `/workspaces/${context.settings.workspaceId}/notify`,
			body: { message, ...(attachments.length > 0 ? { attachments } : {}) },
			schema: StatusResponseSchema,
			signal: options?.signal,
		});
	} catch (error) {
		if (isHttpError(error) && error.status === 403 && error.platformError === 'talk_to_user_disabled') {
			const hint = isRecord(error.body) && typeof error.body['hint'] === 'string' ? error.body['hint'] : undefined;
			throw new TalkToUserDisabledError(hint, { target: error.target, cause: error });
		}
		throw error;
	}
}
