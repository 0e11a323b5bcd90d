export { listTicketEvents } from './audit-store.js';
export { type AuditEventInput, auditEventInsertSql, recordEvent, recordEvents } from './record-event.js';
