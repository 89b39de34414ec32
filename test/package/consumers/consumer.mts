// An ESM TypeScript consumer: every public entry must type-check under node16, nodenext and bundler.
import { createA2AClient, formatA2AError, isHttpError, type A2AClient, type SendOutcome } from '@molecule-ai/a2a-client';
import { agents, createDevPlatform, type DevPlatform } from '@molecule-ai/a2a-client/dev';
import { serve } from '@molecule-ai/a2a-client/node';
import { createAgent, isTokenRejectedError, type Agent } from '@molecule-ai/a2a-client/agent';
import { createCanvasClient, type CanvasClient, type CanvasEvent } from '@molecule-ai/a2a-client/canvas';

const platform: DevPlatform = createDevPlatform({ workspaces: [{ id: '11111111-1111-4111-8111-111111111111', name: 'Echo', agent: agents.echo() }] });
const client: A2AClient = createA2AClient({ workspaceId: '11111111-1111-4111-8111-111111111111', fetch: platform.fetch });
const outcome: Promise<SendOutcome> = client.sendMessage('11111111-1111-4111-8111-111111111111', 'hi');
export const text: Promise<string> = outcome.then((result) => (result.status === 'failed' ? formatA2AError(result.error) : result.status));
export const guard: boolean = isHttpError(new Error('x'));
export const started: ReturnType<typeof serve> = serve(platform.fetch, { port: 0 });
export const agent: Agent = createAgent({ workspaceId: '11111111-1111-4111-8111-111111111111', fetch: platform.fetch, onMessage: (message) => `echo: ${message.text}` });
export const refused: boolean = isTokenRejectedError(new Error('x'));
export const canvas: CanvasClient = createCanvasClient({ auth: { token: 'org-token' }, fetch: platform.fetch });
export const firstEvent: Promise<IteratorResult<CanvasEvent>> = canvas.events({ workspaceId: '11111111-1111-4111-8111-111111111111' })[Symbol.asyncIterator]().next();
