import type { PasskeyRow } from './passkey-store.js';

/** A passkey as its agent sees it: never the key itself. */
export function presentPasskey(row: PasskeyRow) {
  return {
    id: row.id,
    name: row.name,
    deviceType: row.deviceType,
    backedUp: row.backedUp,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

export type PresentedPasskey = ReturnType<typeof presentPasskey>;
