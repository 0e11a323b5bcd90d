import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { findCallType, insertCallType, listCallTypeRows, updateCallTypeRow } from './call-store.js';
import type { CallTypeRow } from './tables.js';

// Call types: what a call is (length, buffers, notice, horizon), who hosts it and which room it uses.
// Admins define them; agents offer them; customers book the ones their plan allows.

export interface CallTypeInput {
  name: string;
  durationMinutes: number;
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  minNoticeMinutes?: number;
  horizonDays?: number;
  maxPerAgentPerDay?: number | null;
  hosts: 'assignee' | 'round-robin';
  distribution?: 'available' | 'equal';
  team?: string | null;
  region?: string | null;
  skill?: string | null;
  plans?: string[];
  video?: 'template' | 'personal' | 'none';
  videoUrlTemplate?: string | null;
  active?: boolean;
}

export function presentCallType(row: CallTypeRow) {
  return {
    id: row.id,
    name: row.name,
    durationMinutes: row.durationMinutes,
    bufferBeforeMinutes: row.bufferBeforeMinutes,
    bufferAfterMinutes: row.bufferAfterMinutes,
    minNoticeMinutes: row.minNoticeMinutes,
    horizonDays: row.horizonDays,
    maxPerAgentPerDay: row.maxPerAgentPerDay,
    hosts: row.hosts,
    distribution: row.distribution,
    team: row.teamId,
    region: row.region,
    skill: row.skill,
    plans: row.plans,
    video: row.video,
    videoUrlTemplate: row.videoUrlTemplate,
    active: row.active,
  };
}

/** A room template is an http(s) URL with {room} where each call's own room name goes. */
function checkVideo(video: CallTypeRow['video'], template: string | null | undefined) {
  if (video !== 'template') return;
  if (!template?.includes('{room}')) {
    throw new AppError(
      'VALIDATION_FAILED',
      'videoUrlTemplate needs {room}, e.g. https://meet.example.com/support-{room}.',
    );
  }
  let url: URL;
  try {
    url = new URL(template.replace('{room}', 'room'));
  } catch {
    throw new AppError('VALIDATION_FAILED', 'videoUrlTemplate must be a URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('VALIDATION_FAILED', 'videoUrlTemplate must be an http(s) URL.');
  }
}

function valuesOf(input: Partial<CallTypeInput>) {
  return {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.durationMinutes !== undefined ? { durationMinutes: input.durationMinutes } : {}),
    ...(input.bufferBeforeMinutes !== undefined ? { bufferBeforeMinutes: input.bufferBeforeMinutes } : {}),
    ...(input.bufferAfterMinutes !== undefined ? { bufferAfterMinutes: input.bufferAfterMinutes } : {}),
    ...(input.minNoticeMinutes !== undefined ? { minNoticeMinutes: input.minNoticeMinutes } : {}),
    ...(input.horizonDays !== undefined ? { horizonDays: input.horizonDays } : {}),
    ...(input.maxPerAgentPerDay !== undefined ? { maxPerAgentPerDay: input.maxPerAgentPerDay } : {}),
    ...(input.hosts !== undefined ? { hosts: input.hosts } : {}),
    ...(input.distribution !== undefined ? { distribution: input.distribution } : {}),
    ...(input.team !== undefined ? { teamId: input.team } : {}),
    ...(input.region !== undefined ? { region: input.region } : {}),
    ...(input.skill !== undefined ? { skill: input.skill?.toLowerCase() ?? null } : {}),
    ...(input.plans !== undefined ? { plans: input.plans } : {}),
    ...(input.video !== undefined ? { video: input.video } : {}),
    ...(input.videoUrlTemplate !== undefined ? { videoUrlTemplate: input.videoUrlTemplate } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
  };
}

export async function createCallType(deps: Deps, actor: Actor, input: CallTypeInput) {
  requireAgent(actor, 'admin');
  const video = input.video ?? (input.videoUrlTemplate ? 'template' : 'personal');
  checkVideo(video, input.videoUrlTemplate);
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const row = await insertCallType(tx.db, { ...valuesOf(input), video, createdAt: now, updatedAt: now } as never);
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'call-type.created',
      entityType: 'call-type',
      entityId: row.id,
      data: { name: row.name },
    });
    return presentCallType(row);
  });
}

export async function updateCallType(deps: Deps, actor: Actor, id: string, input: Partial<CallTypeInput>) {
  requireAgent(actor, 'admin');
  return inTransaction(deps, async (tx) => {
    const before = await findCallType(tx.db, id);
    if (!before) throw new AppError('CALL_TYPE_NOT_FOUND', 'No such call type.');
    checkVideo(input.video ?? before.video, input.videoUrlTemplate ?? before.videoUrlTemplate);
    const now = tx.clock.now();
    const row = (await updateCallTypeRow(tx.db, id, { ...valuesOf(input), updatedAt: now })) as CallTypeRow;
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'call-type.updated',
      entityType: 'call-type',
      entityId: id,
      data: { changed: Object.keys(input) },
    });
    return presentCallType(row);
  });
}

/** Admins and leads see every type; agents the active ones (to offer them). */
export async function listCallTypes(deps: Deps, actor: Actor) {
  const agent = requireAgent(actor);
  const rows = await listCallTypeRows(deps.db, { activeOnly: agent.role === 'agent' });
  return { items: rows.map(presentCallType) };
}

export async function activeCallType(deps: Deps, id: string): Promise<CallTypeRow> {
  const row = await findCallType(deps.db, id);
  if (!row?.active) throw new AppError('CALL_TYPE_NOT_FOUND', 'No such call type.');
  return row;
}
