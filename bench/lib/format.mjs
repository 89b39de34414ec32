// Number formatting for the Markdown report: one style for every table.

const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/** Three significant digits or so, without exponent notation. */
export function num(value) {
	if (!Number.isFinite(value)) return 'n/a';
	const size = Math.abs(value);
	return fixed(value, size >= 100 ? 0 : size >= 10 ? 1 : size >= 1 ? 2 : 3);
}

export const ns = (value) => `${num(value)} ns`;
export const ms = (value) => `${num(value)} ms`;
export const ratio = (value) => `${fixed(value, 2)}×`;
export const mb = (bytes) => `${fixed(bytes / 2 ** 20, 2)} MiB`;
export const bytes = (value) => `${Math.round(value).toLocaleString('en-US')} B`;
export const perSecond = (value) => `${Math.round(value).toLocaleString('en-US')}/s`;

/** `median (min–max)` of a summary, each part formatted by `unit`. */
export const spread = (summary, unit = num) => `${unit(summary.median)} (${unit(summary.min)}–${unit(summary.max)})`;

/** A Markdown table; cells are strings already. */
export function table(headers, rows) {
	return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}
