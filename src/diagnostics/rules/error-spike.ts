import { duration, finding, fmt, pastThreshold, type Rule } from './rule.js';

// An error signature that bursts: one timeline bucket holds many times its usual count. A burst dates an
// incident (a deploy, a failover, a full disk) better than any total does.
const MIN_BURST = 20;

export const errorSpike: Rule = {
  id: 'error-spike',
  title: 'Error spike',
  input: 'errors[].spikes, timeline[].at, bucketS',
  severity: 'warning',
  threshold: 10,
  unit: '× the usual rate per bucket',
  docs: 'https://docs.gitlab.com/administration/logs/',
  check(results, threshold) {
    let best: { signature: string; peak: number; usual: number; index: number; ratio: number } | undefined;
    for (const e of results.errors) {
      const spikes = e.spikes;
      if (!spikes || spikes.length < 3) continue;
      let index = 0;
      for (let i = 1; i < spikes.length; i++) if ((spikes[i] ?? 0) > (spikes[index] ?? 0)) index = i;
      const peak = spikes[index] ?? 0;
      if (peak < MIN_BURST) continue;
      // the usual rate: the mean of the other buckets, at least 1
      const usual = Math.max(1, (spikes.reduce((s, n) => s + n, 0) - peak) / (spikes.length - 1));
      const ratio = peak / usual;
      if (ratio >= threshold && (!best || ratio * peak > best.ratio * best.peak)) {
        best = { signature: e.signature, peak, usual, index, ratio };
      }
    }
    if (!best) return null;
    const at = results.timeline[best.index]?.at;
    const width = results.bucketS ? ` ${duration(results.bucketS)}` : '';
    const signature = best.signature.length > 120 ? `${best.signature.slice(0, 120)}…` : best.signature;
    return finding(
      errorSpike,
      `Error spike: ${fmt(best.peak)} × "${signature}" in one${width} bucket${at ? ` at ${at}` : ''} (usually ${fmt(best.usual, 1)}).`,
      {
        severity: best.ratio >= threshold * 5 ? 'critical' : 'warning',
        weight: pastThreshold(best.ratio, threshold),
        evidence: { signature: best.signature, peak: best.peak, ...(at ? { at } : {}) },
      },
    );
  },
};
