// The organisation as a tree (listWorkspaces), each workspace with its status kept live from events.
import { byId, element } from './dom.js';

/** The status a WORKSPACE_* event moves a workspace to (contract §15.2). */
const statusOfEvent = {
	WORKSPACE_ONLINE: 'online',
	WORKSPACE_OFFLINE: 'offline',
	WORKSPACE_DEGRADED: 'degraded',
	WORKSPACE_HIBERNATED: 'hibernated',
	WORKSPACE_PAUSED: 'paused',
	WORKSPACE_PROVISIONING: 'provisioning',
	WORKSPACE_PROVISION_FAILED: 'failed',
	WORKSPACE_AWAITING_AGENT: 'awaiting_agent',
	WORKSPACE_REMOVED: 'removed',
};

export function createTree({ onSelect }) {
	let tree;
	const buttons = new Map();

	function node(workspace) {
		const button = element('button', { attributes: { type: 'button', 'data-status': workspace.status ?? 'unknown', 'aria-current': 'false' } });
		button.append(element('span', { className: 'dot' }), element('span', { className: 'name', text: workspace.name ?? workspace.id }), element('span', { className: 'status', text: workspace.status ?? '' }));
		button.title = [workspace.role, workspace.current_task].filter(Boolean).join(' · ');
		button.addEventListener('click', () => onSelect(workspace.id));
		buttons.set(workspace.id, button);
		const item = element('li', { attributes: { 'data-workspace-id': workspace.id } });
		item.append(button);
		const children = tree.childrenOf(workspace.id);
		if (children.length > 0) {
			const list = element('ul');
			list.append(...children.map(node));
			item.append(list);
		}
		return item;
	}

	return {
		/** Replaces the drawing with `next`, a `WorkspaceTree`. */
		render(next) {
			tree = next;
			buttons.clear();
			byId('tree').replaceChildren(...tree.roots().map(node));
			byId('tree-status').textContent = `${tree.workspaces.length} workspaces`;
		},
		nameOf: (id) => (id && tree?.get(id)?.name) ?? id ?? 'someone',
		ids: () => tree?.workspaces.map((workspace) => workspace.id) ?? [],
		workspaces: () => tree?.workspaces ?? [],
		markSelected(id) {
			for (const [workspaceId, button] of buttons) button.setAttribute('aria-current', String(workspaceId === id));
		},
		/** Applies a platform event: a status change, or the task the agent reported. */
		apply(event) {
			const button = buttons.get(event.workspaceId);
			if (!button) return;
			const status = statusOfEvent[event.type];
			if (status) {
				button.dataset.status = status;
				button.querySelector('.status').textContent = status;
			} else if (event.type === 'TASK_UPDATED') {
				button.title = String(event.payload.current_task ?? '');
			}
		},
	};
}
