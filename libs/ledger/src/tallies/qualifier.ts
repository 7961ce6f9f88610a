/** A count as printed: exact, or a lower bound ("2100余", "100余"), which every sum it enters inherits. */
export const QUALIFIERS = ['EXACT', 'AT_LEAST'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];
