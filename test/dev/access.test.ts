import { describe, expect, test } from 'vitest';
import { canCommunicate, maxAncestorWalk, type HierarchyLookup } from '../../src/dev/access.js';

/** A hierarchy from `child → parent` pairs; `null` marks a root. */
function tree(parents: Record<string, string | null>): HierarchyLookup {
	return (id) => (id in parents ? { parentId: parents[id] ?? null } : undefined);
}

// The 13 cases of workspace-server/internal/registry/access_test.go.
describe('CanCommunicate', () => {
	test('same workspace is allowed, even when the row does not exist', () => {
		expect(canCommunicate('ghost', 'ghost', tree({}))).toBe(true);
	});

	test('siblings under one parent are allowed', () => {
		expect(canCommunicate('a', 'b', tree({ root: null, a: 'root', b: 'root' }))).toBe(true);
	});

	// Updated for addendum §1 #5 (e69d6383): the "both parents NULL" rule was dropped.
	test('two roots are denied: each starts its own organisation', () => {
		expect(canCommunicate('a', 'b', tree({ a: null, b: null }))).toBe(false);
	});

	test('parent to child is allowed', () => {
		expect(canCommunicate('parent', 'child', tree({ parent: null, child: 'parent' }))).toBe(true);
	});

	test('child to parent is allowed', () => {
		expect(canCommunicate('child', 'parent', tree({ parent: null, child: 'parent' }))).toBe(true);
	});

	test('workspaces under different parents are denied', () => {
		expect(canCommunicate('a', 'b', tree({ p1: 'root', p2: 'root', root: null, a: 'p1', b: 'p2' }))).toBe(false);
	});

	test('a nested cousin and an unrelated root are denied', () => {
		expect(canCommunicate('cousin', 'other-root', tree({ root: null, 'other-root': null, mid: 'root', cousin: 'mid' }))).toBe(false);
	});

	test('an unknown caller is denied', () => {
		expect(canCommunicate('missing', 'b', tree({ b: null }))).toBe(false);
	});

	test('an unknown target is denied', () => {
		expect(canCommunicate('a', 'missing', tree({ a: null }))).toBe(false);
	});

	test('grandparent to grandchild is allowed', () => {
		expect(canCommunicate('gp', 'gc', tree({ gp: null, p: 'gp', gc: 'p' }))).toBe(true);
	});

	test('grandchild to grandparent is allowed', () => {
		expect(canCommunicate('gc', 'gp', tree({ gp: null, p: 'gp', gc: 'p' }))).toBe(true);
	});

	test('a deep ancestor is allowed both ways', () => {
		const chain = tree({ l0: null, l1: 'l0', l2: 'l1', l3: 'l2', l4: 'l3', l5: 'l4' });
		expect(canCommunicate('l0', 'l5', chain)).toBe(true);
		expect(canCommunicate('l5', 'l0', chain)).toBe(true);
	});

	test('workspaces in unrelated subtrees are denied', () => {
		const forest = tree({ r1: null, r2: null, a1: 'r1', a2: 'a1', b1: 'r2', b2: 'b1' });
		expect(canCommunicate('a2', 'b2', forest)).toBe(false);
		expect(canCommunicate('r1', 'b2', forest)).toBe(false);
	});
});

describe('CanCommunicate walk limit', () => {
	function chain(length: number): HierarchyLookup {
		const parents: Record<string, string | null> = { n0: null };
		for (let depth = 1; depth <= length; depth++) parents[`n${depth}`] = `n${depth - 1}`;
		return tree(parents);
	}

	test(`finds an ancestor ${maxAncestorWalk + 1} levels up, the deepest the walk reaches`, () => {
		const depth = maxAncestorWalk + 1;
		expect(canCommunicate(`n${depth}`, 'n0', chain(depth))).toBe(true);
	});

	test('gives up beyond the walk limit', () => {
		const depth = maxAncestorWalk + 2;
		expect(canCommunicate(`n${depth}`, 'n0', chain(depth))).toBe(false);
		expect(canCommunicate('n0', `n${depth}`, chain(depth))).toBe(false);
	});

	test('a parent cycle ends in a denial instead of a loop', () => {
		expect(canCommunicate('x', 'stranger', tree({ x: 'y', y: 'z', z: 'y', stranger: 'w', w: null }))).toBe(false);
	});
});
