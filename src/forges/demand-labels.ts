import type { Demand } from './forge.js';

// The demand is written as labels on the issue. A forge keeps every label it is given (GitLab's scoped
// labels replace one another only on paid tiers), so the earlier counts are taken off by name.

const COUNTS = ['support-tickets', 'support-organizations'];

/** The labels to add and the desk's earlier counts to take off, given the labels now. */
export function demandLabels(demand: Demand, current: string[], separator: string) {
  const wanted = ['support-demand', `support-tickets${separator}${demand.tickets}`];
  if (demand.organizations > 0) wanted.push(`support-organizations${separator}${demand.organizations}`);
  return {
    add: wanted.filter((label) => !current.includes(label)),
    remove: current.filter(
      (label) => COUNTS.some((count) => label.startsWith(`${count}${separator}`)) && !wanted.includes(label),
    ),
  };
}
