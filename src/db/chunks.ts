/**
 * `items` in slices of at most `size`, in order: one statement per slice keeps a multi-row insert or an
 * `in (…)` list below SQLite's and PostgreSQL's parameter limits.
 */
export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
