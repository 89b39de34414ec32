import type { BudgetPeriod, DevWorkspace, PeriodBudget } from './types.js';

/** The periods in the order a 402 lists them. */
export const budgetPeriods: readonly BudgetPeriod[] = ['hourly', 'daily', 'weekly', 'monthly'];

/** A period's budget; `monthly` falls back to `budgetLimit` and `monthlySpend`. */
function budgetOf(workspace: DevWorkspace, period: BudgetPeriod): PeriodBudget | undefined {
	const budget = workspace.budgets?.[period];
	if (budget) return budget;
	if (period !== 'monthly' || typeof workspace.budgetLimit !== 'number') return undefined;
	return { limit: workspace.budgetLimit, spent: workspace.monthlySpend ?? 0 };
}

/** The periods whose spend reached the limit (contract §7.3 row 8), in the 402's order; empty when none. */
export function exceededPeriods(workspace: DevWorkspace): BudgetPeriod[] {
	return budgetPeriods.filter((period) => {
		const budget = budgetOf(workspace, period);
		return budget !== undefined && budget.spent >= budget.limit;
	});
}

/** A heartbeat's `monthly_spend`: the monthly spend, and the monthly period budget when one is set. */
export function recordMonthlySpend(workspace: DevWorkspace, spent: number): void {
	workspace.monthlySpend = spent;
	const monthly = workspace.budgets?.monthly;
	if (monthly) workspace.budgets = { ...workspace.budgets, monthly: { ...monthly, spent } };
}
