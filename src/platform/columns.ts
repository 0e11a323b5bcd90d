import { customType, timestamp } from 'drizzle-orm/pg-core';

/** bytea as a Buffer on both drivers (PGlite gives Uint8Array, node-postgres Buffer). */
export const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
  toDriver: (value) => value,
});

/** A UTC instant. Names end in At. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
