import { recordEvent } from '../../audit/index.js';
import { type Deps, inTransaction } from '../../deps.js';
import { queueMail } from '../../mail/outbox.js';
import { findAgentByEmail } from '../../people/index.js';
import { MINUTE_MS } from '../../platform/clock.js';
import { defineJob } from '../../platform/jobs/define-job.js';
import { hashSecret, newSecret } from '../../platform/secrets.js';
import { SYSTEM } from '../actor.js';
import { hasSingleSignOn } from '../single-sign-on/has-single-sign-on.js';
import { hasRecentPasswordResetLink, insertPasswordResetLink } from './password-reset-store.js';

// "Forgot password?": the request only enqueues a job with the address it was given, the same work
// whether or not an agent has it, so neither the answer (always 202) nor its timing tells who is an
// agent. The job looks the address up and mails an active agent a link: one use, an hour, only its
// hash stored.

export const PASSWORD_RESET_MINUTES = 60;
const JOB = 'auth.send-password-reset';

export async function requestPasswordReset(deps: Deps, input: { email: string; ip: string }): Promise<void> {
  await deps.enqueue(deps.db, JOB, { email: input.email.toLowerCase(), ip: input.ip });
}

/** Mails the link, if the address is an active agent's; at most one a minute (a retried job sends no second). */
export async function sendPasswordReset(deps: Deps, input: { email: string; ip: string }): Promise<void> {
  await inTransaction(deps, async (tx) => {
    // no password to reset where passwords are off, nor for someone who signs in with single sign-on:
    // the link would be a way in around the identity provider
    if (!tx.config.passwordSignIn) return;
    const agent = await findAgentByEmail(tx.db, input.email);
    if (!agent?.active) return;
    if (!agent.passwordHash && (await hasSingleSignOn(tx.db, agent.id))) return;
    const now = tx.clock.now();
    if (await hasRecentPasswordResetLink(tx.db, agent.id, new Date(now.getTime() - MINUTE_MS))) return;
    const secret = newSecret('pfr');
    const expiresAt = new Date(now.getTime() + PASSWORD_RESET_MINUTES * MINUTE_MS);
    await insertPasswordResetLink(tx.db, {
      tokenHash: hashSecret(secret),
      agentId: agent.id,
      createdAt: now,
      expiresAt,
    });
    await queueMail(tx, {
      purpose: 'password-reset',
      automatic: 'auto-generated',
      // asked for just now: a bounce, forged or not, must not keep the agent out
      askedFor: true,
      to: [agent.email],
      subject: 'Set a new Pipefitter password',
      text: [
        `Hello ${agent.name},`,
        '',
        `Open this link to set a new password. It works once, for ${PASSWORD_RESET_MINUTES} minutes:`,
        `${tx.config.publicUrl}/auth/reset?token=${secret}`,
        '',
        'Your password stays as it is until you do. If you did not ask for this, ignore this mail.',
      ].join('\n'),
    });
    await recordEvent(tx.db, {
      actor: SYSTEM,
      at: now,
      action: 'agent.password-reset-requested',
      entityType: 'agent',
      entityId: agent.id,
      data: { ip: input.ip },
    });
  });
}

export const sendPasswordResetJob = defineJob<{ email: string; ip: string }, Deps>({
  name: JOB,
  // a person waits for this mail
  priority: 2,
  async handle(deps, payload) {
    await sendPasswordReset(deps, payload);
  },
});
