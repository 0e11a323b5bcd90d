import QRCode from 'qrcode';
import type { Deps } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../actor.js';
import { changeWithProof, ownAgent, type Proof, passwordProves } from './own-agent.js';
import { newTotpSecret, totpUri } from './totp.js';
import { findTwoFactor, savePendingSecret } from './two-factor-store.js';

export interface TotpEnrolment {
  /** otpauth:// address for an authenticator app */
  uri: string;
  /** the same secret in base32, to type in by hand */
  secret: string;
  /** the address as a QR code, an SVG document */
  qrSvg: string;
}

/**
 * Starts enrolment: a new secret waits for its first code (confirmTotp). An agent who already has
 * an authenticator may move to a new one, proving it is them first; the old one works until the
 * new one is confirmed.
 */
export async function enrolTotp(deps: Deps, actor: Actor, proof: Proof = {}): Promise<TotpEnrolment> {
  const agent = await ownAgent(deps, actor);
  const current = await findTwoFactor(deps.db, agent.id);
  const secret = newTotpSecret();
  const save = async (tx: Deps) => savePendingSecret(tx.db, agent.id, tx.secret.encrypt(secret), tx.clock.now());
  if (!current?.secretSealed) {
    // the first authenticator is a way in too: a session left open (or stolen) must not add one, and
    // with it the "proof" the next changes ask for. An agent with no password (single sign-on, links)
    // has nothing more to show.
    if (agent.passwordHash && !proof.password) {
      throw new AppError('PROOF_REQUIRED', 'Type your password to set up two-factor sign-in.');
    }
    if (agent.passwordHash && !(await passwordProves(agent, proof))) {
      throw new AppError('SIGN_IN_FAILED', 'That is not your password.');
    }
    await save(deps);
  } else {
    await changeWithProof(deps, actor, agent, proof, save);
  }
  const uri = totpUri(secret, agent.email);
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 200 });
  return { uri, secret, qrSvg };
}
