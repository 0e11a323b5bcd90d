import type { AgentActor, ContactActor } from '../auth/actor.js';
import { SYSTEM } from '../auth/actor.js';
import { hashPassword } from '../auth/passwords.js';
import type { Deps } from '../deps.js';
import { createAgent } from '../people/agents.js';
import {
  type AgentRole,
  type AgentRow,
  createContact,
  createOrganization,
  createTeam,
  findAgentByEmail,
  findContactByEmail,
} from '../people/index.js';
import { findOrganizationByName } from '../people/people-store.js';
import { DAY_MS, FakeClock, HOUR_MS, MINUTE_MS } from '../platform/clock.js';
import { addMessage } from '../tickets/add-message.js';
import { openTicket } from '../tickets/open-ticket.js';
import type { TicketPriority, TicketStatus } from '../tickets/status-rules.js';
import { updateTicket } from '../tickets/update-ticket.js';

// A desk that looks like a real support-engineering team's: twelve engineers who cover the week
// from three regions, customers who run self-managed installs, tickets about slow SQL and stuck queues.

export const DEMO_PASSWORD = 'pipefitter-demo';

const AGENTS: { name: string; email: string; timeZone: string; region: string; role: AgentRole }[] = [
  { name: 'Mei Tanaka', email: 'mei@desk.example', timeZone: 'Asia/Tokyo', region: 'APAC', role: 'lead' },
  { name: 'Arjun Mehta', email: 'arjun@desk.example', timeZone: 'Asia/Kolkata', region: 'APAC', role: 'agent' },
  { name: 'Chloe Nguyen', email: 'chloe@desk.example', timeZone: 'Australia/Sydney', region: 'APAC', role: 'agent' },
  { name: 'Wei Lin', email: 'wei@desk.example', timeZone: 'Asia/Singapore', region: 'APAC', role: 'agent' },
  { name: 'Ana Sousa', email: 'ana@desk.example', timeZone: 'Europe/Lisbon', region: 'EMEA', role: 'admin' },
  { name: 'Jonas Weber', email: 'jonas@desk.example', timeZone: 'Europe/Berlin', region: 'EMEA', role: 'lead' },
  { name: 'Amara Okafor', email: 'amara@desk.example', timeZone: 'Africa/Lagos', region: 'EMEA', role: 'agent' },
  { name: 'Freya Lindqvist', email: 'freya@desk.example', timeZone: 'Europe/Stockholm', region: 'EMEA', role: 'agent' },
  { name: 'Sarah Cohen', email: 'sarah@desk.example', timeZone: 'America/New_York', region: 'AMER', role: 'lead' },
  { name: 'Marcus Hill', email: 'marcus@desk.example', timeZone: 'America/Chicago', region: 'AMER', role: 'agent' },
  {
    name: 'Diego Ramírez',
    email: 'diego@desk.example',
    timeZone: 'America/Mexico_City',
    region: 'AMER',
    role: 'agent',
  },
  {
    name: 'Priya Natarajan',
    email: 'priya@desk.example',
    timeZone: 'America/Los_Angeles',
    region: 'AMER',
    role: 'agent',
  },
];

const TEAMS: { name: string; members: string[] }[] = [
  { name: 'Database', members: ['mei', 'jonas', 'sarah', 'freya'] },
  { name: 'CI/CD', members: ['arjun', 'amara', 'marcus', 'chloe'] },
  { name: 'Platform', members: ['wei', 'ana', 'diego', 'priya'] },
];

const ORGANIZATIONS: { name: string; plan: string; shareTickets: boolean; domain: string; people: string[] }[] = [
  {
    name: 'Acme Robotics',
    plan: 'premium',
    shareTickets: true,
    domain: 'acme-robotics.example',
    people: ['Lena Fischer', 'Tom Baker', 'Yuki Sato'],
  },
  {
    name: 'Globex Logistics',
    plan: 'standard',
    shareTickets: false,
    domain: 'globex.example',
    people: ['Hank Scorpio', 'Maria Lopez'],
  },
  {
    name: 'Initech',
    plan: 'enterprise',
    shareTickets: true,
    domain: 'initech.example',
    people: ['Peter Gibbons', 'Samir Nagheenanajar', 'Joanna Smith', 'Bill Lumbergh'],
  },
  {
    name: 'Umbrella Health',
    plan: 'premium',
    shareTickets: false,
    domain: 'umbrella-health.example',
    people: ['Alice Abernathy', 'Carlos Oliveira'],
  },
  {
    name: 'Hooli Cloud',
    plan: 'enterprise',
    shareTickets: true,
    domain: 'hooli.example',
    people: ['Gavin Belson', 'Denpok Singh', 'Patrice Dupont'],
  },
  {
    name: 'Stark Analytics',
    plan: 'standard',
    shareTickets: false,
    domain: 'stark-analytics.example',
    people: ['Pepper Potts', 'Happy Hogan'],
  },
  {
    name: 'Wayne Freight',
    plan: 'standard',
    shareTickets: true,
    domain: 'wayne-freight.example',
    people: ['Lucius Fox', 'Barbara Gordon'],
  },
  {
    name: 'Tyrell Genomics',
    plan: 'premium',
    shareTickets: false,
    domain: 'tyrell.example',
    people: ['Rachael Tyrell', 'J.F. Sebastian'],
  },
  {
    name: 'Soylent Foods',
    plan: 'standard',
    shareTickets: false,
    domain: 'soylent.example',
    people: ['Sol Roth', 'Shirl Maynard'],
  },
  {
    name: 'Cyberdyne Systems',
    plan: 'enterprise',
    shareTickets: true,
    domain: 'cyberdyne.example',
    people: ['Miles Dyson', 'Sarah Connor', 'Kyle Reese'],
  },
];

interface Story {
  subject: string;
  team: string;
  tags: string[];
  opening: string;
  ask: string;
  answer: string;
  note: string;
  fix: string;
}

const STORIES: Story[] = [
  {
    subject: 'Sidekiq queue latency above 10 minutes since the upgrade to 17.4',
    team: 'Platform',
    tags: ['sidekiq', 'performance', 'upgrade'],
    opening:
      'Since we upgraded to 17.4 last night the default queue backs up: latency is over 10 minutes and merge request pipelines start late. Sidekiq has 4 processes with 20 threads each. Nothing changed in our config.',
    ask: 'Thanks for the details. Could you attach the output of `sudo gitlab-ctl tail sidekiq` for about five minutes while the backlog grows, and the result of `Sidekiq::Queue.all.map { |q| [q.name, q.size, q.latency] }` from the Rails console?',
    answer:
      'Attached the logs. The biggest queue is `default` with 48,000 jobs; latency 740 s. Most jobs are `ProjectCacheWorker` and they take 2-3 s each.',
    note: 'ProjectCacheWorker is slow because of the statistics refresh on the big monorepo. Same pattern as the issue we linked last month. Suggest routing the worker to its own queue.',
    fix: 'Routing ProjectCacheWorker to a dedicated queue with `sidekiq["routing_rules"]` brings the default queue back under 5 s latency. Details are in the linked doc.',
  },
  {
    subject: 'Merge request page takes 30 s to load on the monorepo',
    team: 'Database',
    tags: ['postgresql', 'slow-sql', 'merge-requests'],
    opening:
      'Opening any merge request in our monorepo takes about 30 seconds and sometimes ends in a 502. Other projects are fine. We have 1.2 million merge requests in that project.',
    ask: 'Could you enable the performance bar and send us the SQL section for one slow page load? A `production_json.log` excerpt for the same request ID would help too.',
    answer:
      'Here is the slowest statement from the performance bar: SELECT "merge_request_diff_commits".* FROM "merge_request_diff_commits" WHERE merge_request_diff_id = 8812331 ORDER BY relative_order - it takes 24 s.',
    note: 'Missing index on merge_request_diff_commits (merge_request_diff_id, relative_order) on their instance — migration 20240611 probably failed during the upgrade. Check `gitlab-rake db:migrate:status`.',
    fix: 'Re-running the failed background migration rebuilt the index; the merge request page now loads in 1.4 s.',
  },
  {
    subject: 'Runner jobs stuck in pending for hours',
    team: 'CI/CD',
    tags: ['runners', 'ci'],
    opening:
      'Since Monday, jobs with the `docker` tag stay pending for hours even though 12 runners are online and idle. Jobs without tags run immediately.',
    ask: 'Please send the runner configuration (config.toml with tokens removed) and the output of `gitlab-runner --debug run` for one runner for a few minutes.',
    answer:
      'Attached. The debug log shows "checking for jobs... received" but nothing is picked up; config has `limit = 0`.',
    note: 'Runner is locked to the old project after the namespace transfer. `locked = true` on the runner — needs unlocking in admin area.',
    fix: 'Unlocking the runners from the transferred project let them pick up jobs again; the pending queue drained in 15 minutes.',
  },
  {
    subject: 'PostgreSQL replication lag on the Geo secondary keeps growing',
    team: 'Database',
    tags: ['geo', 'postgresql', 'replication'],
    opening:
      'Our Geo secondary in Singapore shows replication lag growing to several hours. The network link is fine (we measured 400 Mbit/s). The primary writes about 5,000 transactions per second at peak.',
    ask: 'Can you share `gitlab-rake geo:status` from both sites and `SELECT * FROM pg_stat_replication` from the primary?',
    answer:
      'pg_stat_replication shows replay_lag of 02:41:13 while write_lag is only 00:00:02, so WAL arrives but replay is slow. The secondary has slower disks than the primary.',
    note: 'Replay is single-threaded; slow disks on the secondary. Recovery prefetch may help (PG15 recovery_prefetch=on).',
    fix: 'With faster storage on the secondary and recovery_prefetch enabled, replay lag stays under 30 s at peak.',
  },
  {
    subject: 'Backup rake task fails with PG::UndefinedTable',
    team: 'Database',
    tags: ['backup', 'postgresql'],
    opening:
      'The nightly `gitlab-backup create` fails with: PG::UndefinedTable: ERROR: relation "ci_job_artifact_states" does not exist. Backups were fine until last week.',
    ask: 'Which version are you on, and could you run `gitlab-rake db:migrate:status | grep down` and send the output?',
    answer: 'We are on 17.2.1. Two migrations show as down, both from the 17.2 release.',
    note: 'Upgrade skipped a required stop. The two down migrations must run before backups work.',
    fix: 'After running the two pending migrations the backup completes again (47 minutes, 212 GB).',
  },
  {
    subject: 'Webhooks delayed by several hours',
    team: 'Platform',
    tags: ['webhooks', 'sidekiq'],
    opening:
      'Our deployment tool gets push webhooks hours after the push. In the webhook settings the recent events show "executed" with a timestamp long after the push.',
    ask: 'Could you check the `web_hook` Sidekiq queue size and latency, and whether any of your hooks are slow to respond (the recent events page shows the duration)?',
    answer:
      'The web_hook queue has 120,000 jobs. One hook to an old Jenkins server times out after 10 s on every call.',
    note: 'A single slow hook blocks the shared queue. The hook should be auto-disabled; check the failure count.',
    fix: 'Removing the dead Jenkins hook cleared the backlog; webhooks arrive within seconds again.',
  },
  {
    subject: 'Gitaly timeouts when cloning a large repository',
    team: 'Platform',
    tags: ['gitaly', 'performance'],
    opening:
      'Cloning our 14 GB repository fails after 10 minutes with "fatal: the remote end hung up unexpectedly". Gitaly logs show deadline exceeded.',
    ask: 'Please attach the Gitaly log lines for one failed clone (grep for the correlation ID) and tell us whether pack-objects cache is enabled.',
    answer: 'Pack-objects cache is off. The log shows `PackObjectsHookWithSidechannel` taking 612 s.',
    note: 'Enable pack-objects cache and consider a scheduled `git repack`. The repo has 2M loose objects.',
    fix: 'With the pack-objects cache on and a full repack, clones finish in under 2 minutes.',
  },
  {
    subject: 'Puma workers killed by the OOM killer every afternoon',
    team: 'Platform',
    tags: ['puma', 'memory'],
    opening:
      'Every afternoon around 15:00 UTC dmesg shows the OOM killer ending Puma workers, and users get 502 errors for a minute or two. The node has 32 GB of RAM.',
    ask: 'Could you send `sudo gitlab-ctl status`, the Puma section of gitlab.rb, and memory graphs for the node if you have them?',
    answer: 'We run 16 Puma workers with 4 threads. Memory climbs steadily from 09:00 until the OOM.',
    note: 'Too many workers for 32 GB with the memory killer disabled. Recommend 8 workers and enabling the Puma worker killer.',
    fix: 'With 8 workers and the memory limit set, memory stays flat and no OOM kills have happened for a week.',
  },
  {
    subject: 'Deadlock detected during merge request approvals',
    team: 'Database',
    tags: ['postgresql', 'deadlock', 'merge-requests'],
    opening:
      'Approving merge requests sometimes fails with a 500. The PostgreSQL log shows "ERROR: deadlock detected" between two UPDATE statements on approval_merge_request_rules.',
    ask: 'Please send the full deadlock report from the PostgreSQL log (it lists both processes and their statements) and the approval rules setup of the project.',
    answer:
      'Attached the log. Both statements update approval_merge_request_rules for the same merge request from different Sidekiq jobs.',
    note: 'Known race between the approval rules sync worker and the approval API. Linked to the public issue.',
    fix: 'The fix for the approval-rule race shipped in the patch release; after upgrading no more deadlocks appear.',
  },
  {
    subject: 'Container registry cleanup policy never runs',
    team: 'CI/CD',
    tags: ['registry', 'cleanup'],
    opening:
      'We set a cleanup policy to keep 10 tags per image, but the registry keeps growing (now 4 TB). The policy page says "next run" in the past.',
    ask: 'Could you check whether `ContainerExpirationPolicies::CleanupContainerRepositoryWorker` runs at all (Sidekiq logs) and send `Gitlab::CurrentSettings.container_registry_expiration_policies_worker_capacity`?',
    answer: 'The worker capacity is 0 — we must have set it during a migration last year.',
    note: 'Capacity 0 disables cleanup entirely. Set to 4 and watch the first runs.',
    fix: 'With capacity set to 4 the cleanup runs and freed 2.8 TB over the weekend.',
  },
];

const REPLIES = [
  'Thank you, that helped. We will try it during tonight’s maintenance window.',
  'Sorry for the delay, I was out. The problem is still there; logs attached.',
  'That did not change anything for us. Is there anything else we can collect?',
  'Confirmed, this works now. Thanks a lot for the quick help!',
];

function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUS_MIX: [TicketStatus, number][] = [
  ['new', 0.1],
  ['open', 0.2],
  ['pending', 0.15],
  // no "watching": that is a ticket waiting on a public issue, and the demo has no forge to link one
  ['on-hold', 0.15],
  ['solved', 0.2],
  ['closed', 0.2],
];
const PRIORITY_MIX: [TicketPriority, number][] = [
  ['low', 0.15],
  ['normal', 0.55],
  ['high', 0.22],
  ['urgent', 0.08],
];

function pick<T>(random: () => number, mix: [T, number][]): T {
  let r = random();
  for (const [value, weight] of mix) {
    r -= weight;
    if (r <= 0) return value;
  }
  return (mix.at(-1) as [T, number])[0];
}

export interface DemoSummary {
  agents: number;
  organizations: number;
  contacts: number;
  tickets: number;
  messages: number;
  password: string;
  sampleAgent: string;
}

/** Seeds the demo desk through the same actions the API uses, with back-dated times. */
export async function seedDemo(deps: Deps, options: { tickets: number }): Promise<DemoSummary> {
  const random = prng(20261127);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const agents: AgentRow[] = [];
  for (const a of AGENTS) {
    agents.push(
      (await findAgentByEmail(deps.db, a.email)) ?? (await createAgent(deps, SYSTEM, { ...a, passwordHash })),
    );
  }
  const byHandle = new Map(agents.map((a) => [a.email.split('@')[0] as string, a]));
  for (const team of TEAMS) {
    await createTeam(deps, SYSTEM, {
      name: team.name,
      memberIds: team.members.map((m) => (byHandle.get(m) as AgentRow).id),
    }).catch(() => undefined); // already there from an earlier run
  }

  const customers: ContactActor[] = [];
  for (const org of ORGANIZATIONS) {
    const organization =
      (await findOrganizationByName(deps.db, org.name)) ??
      (await createOrganization(deps, SYSTEM, { name: org.name, plan: org.plan, shareTickets: org.shareTickets }));
    for (const person of org.people) {
      const email = `${person
        .toLowerCase()
        .replace(/[^a-z]+/g, '.')
        .replace(/^\.|\.$/g, '')}@${org.domain}`;
      const contact =
        (await findContactByEmail(deps.db, email)) ??
        (await createContact(deps, SYSTEM, { email, name: person, organizationId: organization.id }));
      customers.push({
        kind: 'contact',
        contactId: contact.id,
        email: contact.email,
        name: person,
        organizationId: organization.id,
        shareTickets: org.shareTickets,
        tokenId: null,
      });
    }
  }

  const asAgent = (a: AgentRow): AgentActor => ({
    kind: 'agent',
    role: a.role,
    agentId: a.id,
    tokenId: null,
    name: a.name,
  });
  const now = deps.clock.now().getTime();
  let messages = 0;
  for (let i = 0; i < options.tickets; i++) {
    const story = STORIES[i % STORIES.length] as Story;
    const customer = customers[Math.floor(random() * customers.length)] as ContactActor;
    const agent = agents[Math.floor(random() * agents.length)] as AgentRow;
    const status = pick(random, STATUS_MIX);
    const priority = pick(random, PRIORITY_MIX);
    // older tickets are further along; a new one arrived in the last day; a solved one was solved
    // recently enough that the desk does not close it at once (SOLVED_CLOSE_DAYS)
    const ageDays =
      status === 'new'
        ? random()
        : status === 'closed'
          ? 20 + random() * 40
          : status === 'solved'
            ? 2 + random() * Math.max(1, deps.config.solvedCloseDays - 4)
            : 1 + random() * 19;
    const clock = new FakeClock(new Date(now - ageDays * DAY_MS));
    const at = { ...deps, clock };
    const step = () => clock.advance(MINUTE_MS * (20 + random() * 6 * 60));

    const ticket = await openTicket(at, customer, {
      subject: i < STORIES.length ? story.subject : `${story.subject} (${customer.name.split(' ')[0]})`,
      body: story.opening,
      // customers choose a severity; the default table maps it back to the priority wanted
      severity: { urgent: 1, high: 2, normal: 3, low: 4 }[priority],
    });
    messages++;
    if (status === 'new') continue;
    step();
    await updateTicket(at, asAgent(agent), ticket.number, { assignee: agent.id, team: story.team, tags: story.tags });
    await addMessage(at, asAgent(agent), ticket.number, {
      body: story.ask,
      format: 'markdown',
      status: 'pending',
      notify: false,
    });
    messages++;
    if (status === 'pending') continue;
    step();
    await addMessage(at, customer, ticket.number, { body: story.answer });
    step();
    await addMessage(at, asAgent(agent), ticket.number, { body: story.note, format: 'markdown', internal: true });
    messages += 2;
    if (status === 'open') continue;
    if (status === 'on-hold') {
      await updateTicket(at, asAgent(agent), ticket.number, { status });
      continue;
    }
    step();
    await addMessage(at, asAgent(agent), ticket.number, {
      body: story.fix,
      format: 'markdown',
      status: 'solved',
      notify: false,
    });
    messages++;
    if (random() < 0.5) {
      clock.advance(HOUR_MS * (1 + random() * 20));
      await addMessage(at, customer, ticket.number, { body: REPLIES[Math.floor(random() * REPLIES.length)] as string });
      await updateTicket(at, asAgent(agent), ticket.number, { status: 'solved' });
      messages++;
    }
    if (status === 'closed') {
      clock.advance(deps.config.solvedCloseDays * DAY_MS);
      await updateTicket({ ...at }, SYSTEM, ticket.number, { status: 'closed' });
    }
  }
  return {
    agents: agents.length,
    organizations: ORGANIZATIONS.length,
    contacts: customers.length,
    tickets: options.tickets,
    messages,
    password: DEMO_PASSWORD,
    sampleAgent: 'ana@desk.example',
  };
}
