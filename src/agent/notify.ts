import { checkMembers, checkOptions, refuseUnknown, signalOnly, type OptionChecks } from '../arguments.js';
import { ConfigError } from '../errors/config-error.js';
import { isHttpError } from '../errors/http-error.js';
import { kindOf } from '../internal/describe.js';
import { isRecord } from '../internal/json.js';
import type { AgentContext } from './context.js';
import { TalkToUserDisabledError } from './errors/talk-to-user-disabled-error.js';
import { StatusResponseSchema } from './schemas.js';
import type { Attachment } from './types.js';

const nonEmpty = (value: unknown): boolean => typeof value === 'string' && value !== '';

/** An attachment's members, as `uploadChatFiles` returns them: these two required, */
const requiredChecks: OptionChecks = {
	uri: [nonEmpty, 'a non-empty string'],
	name: [nonEmpty, 'a non-empty string'],
};
/** these optional. */
const optionalChecks: OptionChecks = {
	mimeType: [(value) => typeof value === 'string', 'a string'],
	size: [(value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0, 'a whole number of bytes from 0'],
};

/** Each attachment as the platform wants it (`uri` and `name` required), or a `ConfigError` naming the one at fault. */
function checkAttachments(attachments: unknown): Attachment[] {
	if (!Array.isArray(attachments)) throw new ConfigError('options.attachments', `must be an array, got ${kindOf(attachments)}`);
	return attachments.map((attachment: unknown, index) => {
		const field = `options.attachments.${index}`;
		if (!isRecord(attachment)) throw new ConfigError(field, `must be an object, got ${kindOf(attachment)}`);
		refuseUnknown(attachment, [...Object.keys(requiredChecks), ...Object.keys(optionalChecks)], field);
		checkMembers(attachment, requiredChecks, field, () => false);
		checkMembers(attachment, optionalChecks, field);
		const { uri, name, mimeType, size } = attachment as unknown as Attachment;
		return { uri, name, ...(mimeType === undefined ? {} : { mimeType }), ...(size === undefined ? {} : { size }) };
	});
}

/**
 * `POST /workspaces/:id/notify` (addendum §9.3): a message to the workspace's people. A 403
 * `talk_to_user_disabled` becomes `TalkToUserDisabledError`; other failures are `HttpError`s.
 */
export async function notifyUser(context: AgentContext, message: string, options: { attachments?: Attachment[] | undefined; signal?: AbortSignal | undefined } | undefined): Promise<void> {
	if (typeof message !== 'string' || message.trim() === '') throw new ConfigError('message', `must be a non-empty string, got ${typeof message === 'string' ? 'blank text' : kindOf(message)}`);
	const checked = checkOptions(options, { ...signalOnly, attachments: [() => true, 'an array'] });
	const attachments = checked.attachments == null ? [] : checkAttachments(checked.attachments);
	try {
		await context.call({
			method: 'POST',
			path: `/workspaces/${context.settings.workspaceId}/notify`,
			body: { message, ...(attachments.length > 0 ? { attachments } : {}) },
			names: { attachments: 'options.attachments' },
			schema: StatusResponseSchema,
			signal: checked.signal ?? undefined,
		});
	} catch (error) {
		if (isHttpError(error) && error.status === 403 && error.platformError === 'talk_to_user_disabled') {
			const hint = isRecord(error.body) && typeof error.body['hint'] === 'string' ? error.body['hint'] : undefined;
			throw new TalkToUserDisabledError(hint, { target: error.target, cause: error });
		}
		throw error;
	}
}
