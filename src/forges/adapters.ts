import type { ForgeAdapter, ForgeKind } from './forge.js';
import { githubAdapter } from './github/github-adapter.js';
import { gitlabAdapter } from './gitlab/gitlab-adapter.js';

/** One map of providers; Gitea/Forgejo and Jira would register here. */
export const ADAPTERS: Record<ForgeKind, ForgeAdapter> = { gitlab: gitlabAdapter, github: githubAdapter };
