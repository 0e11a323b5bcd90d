import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { ADAPTERS } from './adapters.js';
import type { ForgeConfig, ForgeKind } from './forge.js';
import { forgeFailure } from './forge-failure.js';
import {
  deleteForgeRow,
  type ForgeRow,
  findForgeRow,
  insertForge,
  listForgeRows,
  updateForgeRow,
} from './forge-store.js';

export interface ForgeInput {
  kind: ForgeKind;
  name?: string;
  baseUrl: string;
  token: string;
  webhookSecret: string;
  writeBack?: boolean;
  /** the projects whose issues suggestions search (group/project, owner/repo) */
  searchProjects?: string[];
}

export type ForgeChanges = Partial<Pick<ForgeInput, 'name' | 'writeBack' | 'searchProjects'>>;

/** Each search rides on the forge's rate limit: a handful of projects is what suggestions need. */
const MAX_SEARCH_PROJECTS = 20;

export function forgeConfig(deps: Deps, row: ForgeRow): ForgeConfig {
  return {
    id: row.id,
    kind: row.kind,
    baseUrl: row.baseUrl,
    token: deps.secret.decrypt(row.tokenEncrypted),
    webhookSecret: deps.secret.decrypt(row.webhookSecretEncrypted),
  };
}

export function presentForge(deps: Deps, row: ForgeRow) {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    baseUrl: row.baseUrl,
    writeBack: row.writeBack,
    searchProjects: row.searchProjects,
    // where to point the forge's webhook; the secret itself is never shown again
    webhookUrl: `${deps.config.publicUrl}/hooks/${row.kind}`,
    createdAt: row.createdAt.toISOString(),
  };
}

function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('VALIDATION_FAILED', `"${raw}" is not a URL (e.g. https://gitlab.com).`);
  }
  if (!/^https?:$/.test(url.protocol))
    throw new AppError('VALIDATION_FAILED', 'A forge is reached over http or https.');
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** The projects as the forge's adapter spells them, each once; any other text is refused. */
function parseSearchProjects(kind: ForgeKind, raw: string[]): string[] {
  const projects = [...new Set(raw.map((p) => p.trim().replace(/^\/+|\/+$/g, '')).filter(Boolean))];
  if (projects.length > MAX_SEARCH_PROJECTS) {
    throw new AppError('VALIDATION_FAILED', `At most ${MAX_SEARCH_PROJECTS} projects are searched for suggestions.`);
  }
  for (const project of projects) {
    if (!ADAPTERS[kind].parseProject(project)) {
      const example = kind === 'gitlab' ? 'group/project' : 'owner/repository';
      throw new AppError(
        'VALIDATION_FAILED',
        `"${project.slice(0, 100)}" is not a ${kind === 'gitlab' ? 'GitLab project' : 'GitHub repository'} (${example}).`,
      );
    }
  }
  return projects;
}

/**
 * Suggestions search only where anyone may look: the issues of a private or internal project would be
 * put before agents as a ticket's match, and a link to one is refused anyway (ISSUE_NOT_PUBLIC).
 */
async function requirePublicProjects(deps: Deps, forge: ForgeConfig, projects: string[]) {
  const adapter = ADAPTERS[forge.kind];
  for (const project of projects) {
    let visibility: Awaited<ReturnType<typeof adapter.projectVisibility>>;
    try {
      visibility = await adapter.projectVisibility(forge, project);
    } catch (err) {
      throw forgeFailure(deps, forge, err);
    }
    if (visibility === undefined) {
      throw new AppError(
        'VALIDATION_FAILED',
        `${new URL(forge.baseUrl).host} has no project ${project} the desk can see.`,
      );
    }
    if (visibility !== 'public') {
      throw new AppError(
        'PROJECT_NOT_PUBLIC',
        `${project} is ${visibility}: suggestions search public projects only, whose issues customers may see.`,
      );
    }
  }
}

/** Connects a forge (GitLab or GitHub, hosted or self-managed); token and secret are stored encrypted. */
export async function addForge(deps: Deps, actor: Actor, input: ForgeInput) {
  requireAgent(actor, 'admin');
  const baseUrl = normalizeBaseUrl(input.baseUrl);
  const searchProjects = parseSearchProjects(input.kind, input.searchProjects ?? []);
  await requirePublicProjects(
    deps,
    { id: '', kind: input.kind, baseUrl, token: input.token, webhookSecret: input.webhookSecret },
    searchProjects,
  );
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const row = await insertForge(tx.db, {
      kind: input.kind,
      name: input.name?.trim() || new URL(baseUrl).host,
      baseUrl,
      tokenEncrypted: tx.secret.encrypt(input.token),
      webhookSecretEncrypted: tx.secret.encrypt(input.webhookSecret),
      writeBack: input.writeBack ?? false,
      searchProjects,
      createdAt: now,
    });
    if (!row) throw new AppError('ALREADY_EXISTS', `A ${input.kind} forge at ${baseUrl} is connected already.`);
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'forge.added',
      entityType: 'forge',
      entityId: row.id,
      data: { kind: row.kind, baseUrl },
    });
    return presentForge(tx, row);
  });
}

/** Renames a forge, turns write-back on or off, or sets the projects suggestions search (admin). */
export async function changeForge(deps: Deps, actor: Actor, id: string, input: ForgeChanges) {
  requireAgent(actor, 'admin');
  // kind and base URL never change, so one read serves the checks; the forge is asked about new search
  // projects before any transaction opens
  const current = await findForgeRow(deps.db, id);
  if (!current) throw new AppError('NOT_FOUND', `No forge ${id}.`);
  const searchProjects =
    input.searchProjects !== undefined ? parseSearchProjects(current.kind, input.searchProjects) : undefined;
  if (searchProjects) {
    const added = searchProjects.filter((project) => !current.searchProjects.includes(project));
    await requirePublicProjects(deps, forgeConfig(deps, current), added);
  }
  const values = {
    ...(input.name !== undefined ? { name: input.name.trim() || new URL(current.baseUrl).host } : {}),
    ...(input.writeBack !== undefined ? { writeBack: input.writeBack } : {}),
    ...(searchProjects ? { searchProjects } : {}),
  };
  if (Object.keys(values).length === 0) return presentForge(deps, current);
  return inTransaction(deps, async (tx) => {
    const row = await updateForgeRow(tx.db, id, values);
    // removed by another admin meanwhile
    if (!row) throw new AppError('NOT_FOUND', `No forge ${id}.`);
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'forge.changed',
      entityType: 'forge',
      entityId: id,
      data: { changed: Object.keys(values), ...values },
    });
    return presentForge(tx, row);
  });
}

export async function listForges(deps: Deps, actor: Actor) {
  requireAgent(actor);
  return (await listForgeRows(deps.db)).map((row) => presentForge(deps, row));
}

export async function removeForge(deps: Deps, actor: Actor, id: string) {
  requireAgent(actor, 'admin');
  await inTransaction(deps, async (tx) => {
    const row = await findForgeRow(tx.db, id);
    if (!row || !(await deleteForgeRow(tx.db, id))) throw new AppError('NOT_FOUND', `No forge ${id}.`);
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'forge.removed',
      entityType: 'forge',
      entityId: id,
      data: { baseUrl: row.baseUrl },
    });
  });
}
