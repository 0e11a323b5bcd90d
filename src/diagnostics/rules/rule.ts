import type { BundleResults, Finding, Severity } from '../analyse/results.js';

// A check as code: one file per rule, listed in index.ts. A rule reads one part of a bundle's results, compares
// it with its threshold and says what it found in one sentence with the numbers, plus where to read more.
// `weight` orders findings of one severity: how far past the threshold (1 = just at it), so the summary's top
// five are the ones that matter most.

export interface Rule<T extends number | string = number> {
  /** the file's name: src/diagnostics/rules/<id>.ts */
  id: string;
  title: string;
  /** which part of BundleResults it reads, e.g. `system.diskUsedPercent` */
  input: string;
  /** the usual severity; a rule may raise or lower it with the numbers */
  severity: Severity;
  /** the default threshold (runRules can override it per rule) */
  threshold: T;
  /** what the threshold is in, for the README and the page: `%`, `MB`, `s`, `version`… */
  unit: string;
  /** GitLab or PostgreSQL documentation for the engineer */
  docs: string;
  check(results: BundleResults, threshold: T): RuleFinding | null;
}

export interface RuleFinding extends Finding {
  /** how far past the threshold, for the order among findings of one severity */
  weight: number;
}

export type AnyRule = Rule<number> | Rule<string>;

export function finding<T extends number | string>(
  rule: Rule<T>,
  message: string,
  options: { severity?: Severity; weight: number; evidence?: Record<string, number | string> },
): RuleFinding {
  return {
    rule: rule.id,
    severity: options.severity ?? rule.severity,
    message,
    docs: rule.docs,
    weight: options.weight,
    ...(options.evidence ? { evidence: options.evidence } : {}),
  };
}

/** 1 at the threshold, +1 each time the value doubles past it: comparable across rules of different units */
export function pastThreshold(value: number, threshold: number): number {
  if (!(value > 0) || !(threshold > 0)) return 1;
  return 1 + Math.max(0, Math.log2(value / threshold));
}

/** a number for a message: 1234.5 → "1,235", 0.123 → "0.12" */
export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** seconds in words: 45 → "45 s", 600 → "10 min", 7200 → "2 h" */
export function duration(seconds: number): string {
  if (seconds < 120) return `${fmt(seconds, seconds < 10 ? 1 : 0)} s`;
  if (seconds < 7_200) return `${fmt(seconds / 60, 0)} min`;
  return `${fmt(seconds / 3_600, 1)} h`;
}

/** a system field of a given shape, or undefined (results.system is open-ended) */
export function systemNumber(results: BundleResults, key: string): number | undefined {
  const v = results.system[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function systemObject<T>(results: BundleResults, key: string): T | undefined {
  const v = results.system[key];
  return v !== null && typeof v === 'object' ? (v as T) : undefined;
}

/** the first `n` of a list as "a, b and 3 more" */
export function listOf(items: string[], n = 3): string {
  const shown = items.slice(0, n);
  const more = items.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}
