export { listTicketEvents } from './audit-store.js';
export { type AuditEventInput, recordEvent, recordEvents } from './record-event.js';
