/** What the hierarchy check needs to know about a workspace. */
export interface HierarchyNode {
	readonly parentId: string | null;
}

/** Finds a workspace by id; `undefined` plays the part of a missing row or a failed lookup. */
export type HierarchyLookup = (id: string) => HierarchyNode | undefined;

/** A safety ceiling, so a corrupt parent cycle cannot loop forever. */
export const maxAncestorWalk = 32;

/** True when `ancestorId` is on the parent chain above `childId`, looked at no more than 32 steps up. */
function isAncestorOf(ancestorId: string, childId: string, lookup: HierarchyLookup): boolean {
	let current = childId;
	for (let step = 0; step < maxAncestorWalk; step++) {
		const node = lookup(current);
		if (node === undefined || node.parentId === null) return false;
		if (node.parentId === ancestorId) return true;
		current = node.parentId;
	}
	return false;
}

/**
 * The platform's `CanCommunicate`, rule for rule and in its order (contract §4): self; both rows
 * must exist; siblings under one parent; parent and child; then any ancestor or descendant.
 * Two roots are not siblings: each root starts its own tree. Status is not considered, so
 * removed and offline workspaces pass.
 */
export function canCommunicate(callerId: string, targetId: string, lookup: HierarchyLookup): boolean {
	if (callerId === targetId) return true;
	const caller = lookup(callerId);
	const target = lookup(targetId);
	if (caller === undefined || target === undefined) return false;
	if (caller.parentId !== null && caller.parentId === target.parentId) return true;
	if (target.parentId === callerId || caller.parentId === targetId) return true;
	if (target.parentId !== null && isAncestorOf(callerId, target.parentId, lookup)) return true;
	return caller.parentId !== null && isAncestorOf(targetId, caller.parentId, lookup);
}
