/** Percentile by linear interpolation between closest ranks; `NaN` for an empty sample. */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const position = (sorted.length - 1) * fraction;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const weight = position - lower;
  return sorted[lower]! * (1 - weight) + sorted[upper]! * weight;
}

/** The median. */
export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** Median, p90 and p99 of a sample, with its size. */
export interface Summary {
  /** Median. */
  p50: number;
  /** 90th percentile. */
  p90: number;
  /** 99th percentile. */
  p99: number;
  /** Number of values summarized. */
  count: number;
}

/** Summarizes a sample. */
export function summarize(values: readonly number[]): Summary {
  return { p50: median(values), p90: percentile(values, 0.9), p99: percentile(values, 0.99), count: values.length };
}
