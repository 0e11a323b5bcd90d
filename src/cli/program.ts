import fs from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import { DateTime, IANAZone } from 'luxon';
import { SYSTEM } from '../auth/actor.js';
import { createAgentSignInLink, createContactSignInLink } from '../auth/sessions.js';
import { createToken } from '../auth/tokens.js';
import { isoWeekRange } from '../coverage/coverage.js';
import { importRoster, parseRosterCsv, parseRosterYaml } from '../coverage/import-roster.js';
import { coverageReport, renderHeatmap } from '../coverage/report.js';
import { seedDemo } from '../demo/seed-demo.js';
import { addMailbox, listMailboxes, removeMailbox } from '../mail/imap/mailboxes.js';
import { looksLikeMail } from '../mail/inbound/parse-mail.js';
import { storeInbound } from '../mail/inbound/store-inbound.js';
import { createAgent, findAgentByEmail, findContactByEmail } from '../people/index.js';
import { formatUtc } from '../platform/clock.js';
import { queryOne, sql } from '../platform/db.js';
import { AppError, isAppError } from '../platform/errors.js';
import { KEY_FILE, openDeskSecret, PREVIOUS_KEY_FILE, rotateKeyFile } from '../platform/secret-key.js';
import { type AppDeps, CREDENTIAL_RESEALS } from '../runtime.js';
import { bundleAdd } from './bundle-add.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** the whole of standard input (a raw message for `mail deliver`) */
  readStdin(): Promise<Buffer>;
}

/** Ends a command with a chosen exit code, such as the sysexits an MTA understands. */
export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const EX_DATAERR = 65;
export const EX_TEMPFAIL = 75;

/** Commands that need the database; on the embedded database they go through a running desk. */
export const DATABASE_COMMANDS = new Set([
  'migrate',
  'admin',
  'contact',
  'token',
  'demo',
  'mail',
  'roster',
  'coverage',
]);

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$|^[^@\s]+@localhost$/i;

function email(value: string): string {
  if (!EMAIL.test(value)) throw new AppError('VALIDATION_FAILED', `"${value}" is not an email address.`);
  return value.toLowerCase();
}

/**
 * The operator commands, as a commander program writing to `io`. The same program runs in the
 * `pipefitter` process or, while the desk holds the embedded database, inside the desk.
 */
export function buildProgram(io: CliIo, getDeps: () => Promise<AppDeps>): Command {
  const program = new Command('pipefitter')
    .description('Pipefitter support desk: operator commands')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run pipefitter --help for usage)');

  program
    .command('migrate')
    .description('apply database migrations (the desk also does this at start)')
    .action(async () => {
      const deps = await getDeps();
      const row = await queryOne<{ version: number; name: string }>(
        deps.db,
        sql`SELECT version, name FROM schema_migrations ORDER BY version DESC LIMIT 1`,
      );
      io.out(`The database is up to date (${row?.name ?? 'no migrations'}).\n`);
    });

  const secret = program.command('secret').description('the desk key (SECRET_KEY or DATA_DIR/secret.key)');
  secret
    .command('rotate')
    .description('a new desk key; stored credentials are sealed again with it (stop every process of the desk first)')
    .action(async () => {
      // opening the desk here fails while another process holds it: a running desk keeps the old key
      const deps = await getDeps();
      rotateKeyFile(deps.config);
      const rotated = await openDeskSecret(deps.db, deps.config, deps.log, CREDENTIAL_RESEALS);
      io.out(
        `The desk key is new (id ${rotated.keyId}); the old one is in ${PREVIOUS_KEY_FILE}, so reply addresses already sent keep working. Back up ${KEY_FILE}. Start every process with the new key.\n`,
      );
    });

  const admin = program.command('admin').description('administrators');
  admin
    .command('create')
    .description('create an admin agent and print a one-time sign-in link')
    .requiredOption('--email <email>', 'their email address')
    .option('--name <name>', 'display name (default: the part of the email before @)')
    .option('--time-zone <zone>', 'IANA time zone', 'UTC')
    .option('--region <region>', 'APAC, EMEA, AMER or your own')
    .action(async (options: { email: string; name?: string; timeZone: string; region?: string }) => {
      const deps = await getDeps();
      const address = email(options.email);
      const agent = await createAgent(deps, SYSTEM, {
        email: address,
        name: options.name ?? (address.split('@')[0] as string),
        role: 'admin',
        timeZone: options.timeZone,
        region: options.region ?? null,
      });
      const link = await createAgentSignInLink(deps, agent.id);
      io.out(`Admin ${agent.email} created.\n`);
      io.out(
        `Sign in once with this link (valid until ${formatUtc(link.expiresAt)}); then set a password or add a passkey on your account page (your name, top right):\n${link.url}\n`,
      );
    });
  admin
    .command('link')
    .description('print a new one-time sign-in link for an existing agent (e.g. a lost password)')
    .requiredOption('--email <email>', 'the agent’s email address')
    .action(async (options: { email: string }) => {
      const deps = await getDeps();
      const agent = await findAgentByEmail(deps.db, email(options.email));
      if (!agent) throw new AppError('AGENT_NOT_FOUND', `No agent with the email ${options.email}.`);
      // the link would only say so when opened
      if (!agent.active) {
        throw new AppError(
          'FORBIDDEN',
          `${agent.email} is deactivated: an admin reactivates them on Agents and roster (or make a new admin with \`pipefitter admin create\`).`,
        );
      }
      const link = await createAgentSignInLink(deps, agent.id);
      io.out(`${link.url}\n`);
    });

  program
    .command('contact')
    .description('contacts (customers)')
    .command('link')
    .description('print a one-time portal sign-in link for a contact: try the portal before mail is set up')
    .requiredOption('--email <email>', 'the contact’s email address')
    .action(async (options: { email: string }) => {
      const deps = await getDeps();
      const contact = await findContactByEmail(deps.db, email(options.email));
      if (!contact) throw new AppError('CONTACT_NOT_FOUND', `No contact with the email ${options.email}.`);
      const link = await createContactSignInLink(deps, contact.id);
      io.err(`Portal sign-in link for ${contact.email}, valid once until ${formatUtc(link.expiresAt)}:\n`);
      io.out(`${link.url}\n`);
    });

  program
    .command('token')
    .description('API tokens')
    .command('create')
    .description('create an API token for an agent role or for one contact; prints the secret once')
    .requiredOption('--name <name>', 'what the token is for')
    .addOption(new Option('--role <role>', 'an agent role').choices(['admin', 'lead', 'agent']))
    .option('--contact <email>', 'a contact (customer) the token acts as')
    .option('--agent <email>', 'attribute the token’s actions to this agent')
    .option('--expires-in-days <days>', 'the token stops working after this many days')
    .action(
      async (options: {
        name: string;
        role?: 'admin' | 'lead' | 'agent';
        contact?: string;
        agent?: string;
        expiresInDays?: string;
      }) => {
        if (!options.role === !options.contact) {
          throw new AppError('VALIDATION_FAILED', 'Give either --role admin|lead|agent or --contact EMAIL.');
        }
        let expiresAt: Date | undefined;
        if (options.expiresInDays !== undefined) {
          const days = Number(options.expiresInDays);
          if (!Number.isInteger(days) || days < 1)
            throw new AppError('VALIDATION_FAILED', '--expires-in-days must be a whole number of days.');
          expiresAt = new Date(Date.now() + days * 86_400_000);
        }
        const deps = await getDeps();
        const token = await createToken(deps, SYSTEM, {
          name: options.name,
          ...(options.role ? { role: options.role } : {}),
          ...(options.contact ? { contactEmail: email(options.contact) } : {}),
          ...(options.agent ? { agentEmail: email(options.agent) } : {}),
          ...(expiresAt ? { expiresAt } : {}),
        });
        io.err(
          `Token "${token.name}" for ${token.role ? `the ${token.role} role` : token.contactEmail}; shown once:\n`,
        );
        io.out(`${token.token}\n`);
      },
    );

  program
    .command('demo')
    .description(
      'seed a realistic desk: 12 agents across APAC, EMEA and AMER, ~10 organizations, a few hundred tickets',
    )
    .option('--tickets <count>', 'how many tickets', '300')
    .action(async (options: { tickets: string }) => {
      const count = Number(options.tickets);
      if (!Number.isInteger(count) || count < 1 || count > 100_000) {
        throw new AppError('VALIDATION_FAILED', '--tickets must be a whole number from 1 to 100000.');
      }
      const deps = await getDeps();
      const summary = await seedDemo(deps, { tickets: count });
      io.out(
        `Demo desk seeded: ${summary.agents} agents, ${summary.organizations} organizations, ${summary.contacts} contacts, ${summary.tickets} tickets, ${summary.messages} messages.\n`,
      );
      io.out(`Agents sign in with their email and the password ${summary.password} (e.g. ${summary.sampleAgent}).\n`);
    });

  const mail = program.command('mail').description('mail intake');
  mail
    .command('deliver')
    .description(
      'store one raw message from standard input, as an MTA pipe does (exit 0 stored, 65 not mail, 75 try again)',
    )
    .action(async () => {
      const raw = await io.readStdin();
      if (!looksLikeMail(raw))
        throw new CliExit(EX_DATAERR, 'standard input is not an email message (no header block)');
      let deps: AppDeps;
      try {
        deps = await getDeps();
      } catch (err) {
        throw new CliExit(EX_TEMPFAIL, `the desk cannot store mail right now: ${(err as Error).message}`);
      }
      const stored = await storeInbound(deps, raw, { source: 'cli' }).catch((err: Error) => {
        throw new CliExit(EX_TEMPFAIL, `could not store the message, try again: ${err.message}`);
      });
      io.out(`Stored as inbound mail ${stored.id}${stored.duplicate ? ' (delivered before)' : ''}.\n`);
    });

  const mailbox = mail.command('mailbox').description('IMAP mailboxes the desk reads mail from');
  mailbox
    .command('add')
    .description('add an IMAP mailbox (signs in once to check); the password is read from standard input')
    .requiredOption('--name <name>', 'a name for it, e.g. "support inbox"')
    .requiredOption('--host <host>', 'IMAP server')
    .requiredOption('--user <user>', 'user name')
    .option('--port <port>', 'port (default 993, or 143 with --no-tls)')
    .option('--no-tls', 'plain IMAP on 143 (STARTTLS when the server offers it)')
    .option('--folder <folder>', 'the folder to read', 'INBOX')
    .option('--move-to <folder>', 'move stored mail there instead of marking it read')
    .option('--password-stdin', 'read the password from standard input (the only way; it never goes on a command line)')
    .action(
      async (options: {
        name: string;
        host: string;
        user: string;
        port?: string;
        tls: boolean;
        folder: string;
        moveTo?: string;
        passwordStdin?: boolean;
      }) => {
        if (!options.passwordStdin)
          throw new AppError('VALIDATION_FAILED', 'Give --password-stdin and pipe the password in.');
        const password = (await io.readStdin()).toString('utf8').replace(/\r?\n$/, '');
        if (!password) throw new AppError('VALIDATION_FAILED', 'No password on standard input.');
        const port = options.port === undefined ? undefined : Number(options.port);
        if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
          throw new AppError('VALIDATION_FAILED', '--port must be a port number.');
        }
        const deps = await getDeps();
        const added = await addMailbox(deps, SYSTEM, {
          name: options.name,
          host: options.host,
          username: options.user,
          password,
          secure: options.tls,
          folder: options.folder,
          ...(port ? { port } : {}),
          ...(options.moveTo ? { afterStore: 'move' as const, moveTo: options.moveTo } : {}),
        });
        io.out(`Mailbox "${added.name}" added (${added.username}@${added.host}:${added.port}, ${added.folder}).\n`);
      },
    );
  mailbox
    .command('list')
    .description('list IMAP mailboxes')
    .action(async () => {
      const deps = await getDeps();
      for (const m of await listMailboxes(deps, SYSTEM)) {
        io.out(
          `${m.name}\t${m.username}@${m.host}:${m.port}/${m.folder}\t${m.lastPolledAt ?? 'never read'}\t${m.lastError ?? 'ok'}\n`,
        );
      }
    });
  mailbox
    .command('remove')
    .description('remove an IMAP mailbox')
    .requiredOption('--name <name>', 'its name')
    .action(async (options: { name: string }) => {
      const deps = await getDeps();
      await removeMailbox(deps, SYSTEM, options.name);
      io.out(`Mailbox "${options.name}" removed.\n`);
    });

  const roster = program.command('roster').description('who works when');
  roster
    .command('import')
    .description(
      'import a roster from a YAML or CSV file (- reads standard input): agents matched by email, created if new; all or nothing',
    )
    .argument('<file>', 'roster.yaml, roster.csv, or - for standard input')
    .addOption(
      new Option('--format <format>', 'file format (default: from the file name; yaml for -)').choices(['yaml', 'csv']),
    )
    .action(async (file: string, options: { format?: 'yaml' | 'csv' }) => {
      let text: string;
      try {
        text = file === '-' ? (await io.readStdin()).toString('utf8') : await fs.readFile(file, 'utf8');
      } catch (err) {
        throw new CliExit(66, `cannot read ${file}: ${(err as Error).message}`); // EX_NOINPUT
      }
      const format = options.format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'yaml');
      const entries = format === 'csv' ? parseRosterCsv(text) : parseRosterYaml(text);
      const deps = await getDeps();
      const result = await importRoster(deps, SYSTEM, entries);
      io.out(`Roster imported: ${result.created} agents created, ${result.updated} updated.\n`);
    });

  program
    .command('coverage')
    .description('print who is at work in a week as a heatmap, with the gaps against the coverage target')
    .option('--week <week>', 'ISO week, e.g. 2026-W49 (default: this week)')
    .option('--zone <zone>', 'IANA time zone to show the times in', 'UTC')
    .action(async (options: { week?: string; zone: string }) => {
      if (!IANAZone.isValidZone(options.zone))
        throw new AppError('VALIDATION_FAILED', `"${options.zone}" is not an IANA time zone.`);
      const deps = await getDeps();
      const week = options.week ?? DateTime.fromJSDate(deps.clock.now(), { zone: options.zone }).toFormat("kkkk-'W'WW");
      let range: { from: Date; to: Date };
      try {
        range = isoWeekRange(week, options.zone);
      } catch (err) {
        throw new AppError('VALIDATION_FAILED', (err as Error).message);
      }
      const report = await coverageReport(deps, SYSTEM, {
        from: range.from.toISOString(),
        to: range.to.toISOString(),
        zone: options.zone,
      });
      io.out(renderHeatmap(report));
    });

  program
    .command('bundle')
    .description('log bundles, over the HTTP API of a desk anywhere (PIPEFITTER_URL, PIPEFITTER_TOKEN)')
    .command('add')
    .description('attach a log bundle (e.g. a GitLabSOS archive) to a ticket; large files upload resumably')
    .requiredOption('--ticket <number>', 'the ticket number')
    .argument('<file>', 'the bundle: .tar.gz, .tar, .gz or a single log')
    .action(async (file: string, options: { ticket: string }) => {
      const bundle = await bundleAdd({ ticket: options.ticket, file, env: process.env, err: io.err });
      io.out(`Bundle ${bundle.id} on ticket #${bundle.ticketNumber}: ${bundle.state}\n`);
    });

  return program;
}

/** Runs argv through the program; returns the exit code instead of exiting. */
export async function runProgram(argv: string[], io: CliIo, getDeps: () => Promise<AppDeps>): Promise<number> {
  const program = buildProgram(io, getDeps);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CliExit) {
      io.err(`${err.message}\n`);
      return err.code;
    }
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2; // help/version exit 0; usage errors 2 (commander printed them)
    }
    io.err(`${isAppError(err) ? err.message : err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
