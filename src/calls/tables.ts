import { bigint, boolean, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../platform/columns.js';

// The calls module owns these tables (migrations/0018_calls.sql).

export const callTypes = pgTable('call_types', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  bufferBeforeMinutes: integer('buffer_before_minutes').notNull().default(0),
  bufferAfterMinutes: integer('buffer_after_minutes').notNull().default(0),
  minNoticeMinutes: integer('min_notice_minutes').notNull().default(240),
  horizonDays: integer('horizon_days').notNull().default(14),
  maxPerAgentPerDay: integer('max_per_agent_per_day'),
  hosts: text('hosts').$type<'assignee' | 'round-robin'>().notNull(),
  distribution: text('distribution').$type<'available' | 'equal'>().notNull().default('available'),
  teamId: uuid('team_id'),
  region: text('region'),
  skill: text('skill'),
  plans: text('plans').array().notNull().default([]),
  video: text('video').$type<'template' | 'personal' | 'none'>().notNull().default('personal'),
  videoUrlTemplate: text('video_url_template'),
  active: boolean('active').notNull().default(true),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});
export type CallTypeRow = typeof callTypes.$inferSelect;

export const agentCalendars = pgTable('agent_calendars', {
  agentId: uuid('agent_id').primaryKey(),
  kind: text('kind').$type<'caldav' | 'ics'>().notNull(),
  url: text('url').notNull(),
  username: text('username'),
  passwordSealed: text('password_sealed'),
  refreshedAt: instant('refreshed_at'),
  lastError: text('last_error'),
  updatedAt: instant('updated_at').notNull(),
});
export type AgentCalendarRow = typeof agentCalendars.$inferSelect;

export const agentRooms = pgTable('agent_rooms', {
  agentId: uuid('agent_id').primaryKey(),
  url: text('url').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export const calendarBusy = pgTable('calendar_busy', {
  agentId: uuid('agent_id').notNull(),
  startsAt: instant('starts_at').notNull(),
  endsAt: instant('ends_at').notNull(),
});

export type CallStatus = 'booked' | 'cancelled' | 'done' | 'no-show';

export const calls = pgTable('calls', {
  id: uuid('id').primaryKey().defaultRandom(),
  ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
  callTypeId: uuid('call_type_id'),
  agentId: uuid('agent_id').notNull(),
  startsAt: instant('starts_at').notNull(),
  endsAt: instant('ends_at').notNull(),
  holdFrom: instant('hold_from').notNull(),
  holdUntil: instant('hold_until').notNull(),
  status: text('status').$type<CallStatus>().notNull(),
  videoUrl: text('video_url'),
  customerEmail: text('customer_email').notNull(),
  attendees: text('attendees').array().notNull().default([]),
  customerZone: text('customer_zone'),
  bookedByAgentId: uuid('booked_by_agent_id'),
  bookedByContactId: uuid('booked_by_contact_id'),
  icalUid: text('ical_uid').notNull(),
  sequence: integer('sequence').notNull().default(0),
  calendarHref: text('calendar_href'),
  calendarEtag: text('calendar_etag'),
  customerJoinedAt: instant('customer_joined_at'),
  hostJoinedAt: instant('host_joined_at'),
  outcomeAt: instant('outcome_at'),
  outcomeNotes: text('outcome_notes'),
  emergency: boolean('emergency').notNull().default(false),
  reminded: text('reminded').array().notNull().default([]),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});
export type CallRow = typeof calls.$inferSelect;
