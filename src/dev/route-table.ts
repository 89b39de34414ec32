import { json } from './http.js';
import type { Route } from './router.js';
import { ackActivity, listActivity, reportActivity } from './routes/activity.js';
import { delegate } from './routes/delegate.js';
import { listDelegations, recordDelegation, updateDelegation } from './routes/delegations.js';
import { chatHistory } from './routes/chat-history.js';
import { devSession } from './routes/dev-session.js';
import { checkAccess, discover, peers } from './routes/discovery.js';
import { cutEventStreams, eventStream, webSocketHandshake } from './routes/events.js';
import { heartbeat } from './routes/heartbeat.js';
import { commitMemory, recallMemories } from './routes/memories.js';
import { notify } from './routes/notify.js';
import { ackPendingUpload, pendingUploadContent } from './routes/pending-uploads.js';
import { a2a, a2aInbound } from './routes/proxy.js';
import { queueStatus } from './routes/queue.js';
import { register, updateCard } from './routes/registry.js';
import { workspaceState } from './routes/state.js';
import { chatUploads, uploadLimits } from './routes/uploads.js';
import { listWorkspaces, workspaceInfo } from './routes/workspaces.js';

/**
 * Every route the dev platform serves, as the real router registers them. Discover comes before
 * peers so `/registry/discover/peers` resolves as Gin resolves it.
 */
export const routes: readonly Route[] = [
	{ method: 'GET', pattern: '/health', handle: () => json(200, { status: 'ok' }) },
	{ method: 'GET', pattern: '/uploads/limits', handle: uploadLimits },
	{ method: 'GET', pattern: '/ws', handle: webSocketHandshake },
	{ method: 'POST', pattern: '/dev/session', handle: devSession },
	{ method: 'POST', pattern: '/dev/event-streams/cut', handle: cutEventStreams },
	{ method: 'GET', pattern: '/registry/discover/:id', handle: discover },
	{ method: 'GET', pattern: '/registry/:id/peers', handle: peers },
	{ method: 'POST', pattern: '/registry/check-access', handle: checkAccess },
	{ method: 'POST', pattern: '/registry/register', handle: register },
	{ method: 'POST', pattern: '/registry/heartbeat', handle: heartbeat },
	{ method: 'POST', pattern: '/registry/update-card', handle: updateCard },
	{ method: 'GET', pattern: '/workspaces', handle: listWorkspaces },
	{ method: 'GET', pattern: '/workspaces/:id', handle: workspaceInfo },
	{ method: 'GET', pattern: '/workspaces/:id/state', handle: workspaceState },
	{ method: 'GET', pattern: '/workspaces/:id/activity', handle: listActivity },
	{ method: 'POST', pattern: '/workspaces/:id/activity', handle: reportActivity },
	{ method: 'POST', pattern: '/workspaces/:id/activity/ack', handle: ackActivity },
	{ method: 'POST', pattern: '/workspaces/:id/a2a', handle: a2a },
	{ method: 'POST', pattern: '/workspaces/:id/a2a/inbound', handle: a2aInbound },
	{ method: 'GET', pattern: '/workspaces/:id/a2a/queue/:queue_id', handle: queueStatus },
	{ method: 'POST', pattern: '/workspaces/:id/delegate', handle: delegate },
	{ method: 'GET', pattern: '/workspaces/:id/delegations', handle: listDelegations },
	{ method: 'POST', pattern: '/workspaces/:id/delegations/record', handle: recordDelegation },
	{ method: 'POST', pattern: '/workspaces/:id/delegations/:delegation_id/update', handle: updateDelegation },
	{ method: 'POST', pattern: '/workspaces/:id/notify', handle: notify },
	{ method: 'GET', pattern: '/workspaces/:id/chat-history', handle: chatHistory },
	{ method: 'GET', pattern: '/workspaces/:id/events/stream', handle: eventStream },
	{
		method: 'POST',
		pattern: '/workspaces/:id/chat/uploads',
		handle: chatUploads,
		maxBodyBytes: (settings) => settings.uploadLimits.perRequestBytes,
	},
	{ method: 'GET', pattern: '/workspaces/:id/pending-uploads/:file_id/content', handle: pendingUploadContent },
	{ method: 'POST', pattern: '/workspaces/:id/pending-uploads/:file_id/ack', handle: ackPendingUpload },
	{ method: 'POST', pattern: '/workspaces/:id/memories', handle: commitMemory },
	{ method: 'GET', pattern: '/workspaces/:id/memories', handle: recallMemories },
];
