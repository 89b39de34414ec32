import * as v from 'valibot';
import { absent } from './absent.js';

const count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** `GET /uploads/limits` (addendum §9.4). */
export const UploadLimitsSchema = v.looseObject({ per_file_bytes: count, per_request_bytes: count, max_attachments_per_message: count });

/** One uploaded file as the platform lists it (`platform-pending:` URI for a poll-mode workspace). */
export const UploadedFileSchema = v.looseObject({ uri: v.string(), name: v.string(), mimeType: absent(v.string()), size: absent(v.number()) });

/** `POST /workspaces/:id/chat/uploads` 200. */
export const UploadResponseSchema = v.looseObject({ files: v.array(UploadedFileSchema) });
