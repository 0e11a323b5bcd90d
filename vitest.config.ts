import { defineConfig } from 'vitest/config';

// *.test.ts: pure logic, milliseconds. *.db.test.ts and routes.test.ts: against a real database —
// embedded PGlite always, and again on the PostgreSQL server when TEST_DATABASE_URL is set.
const databaseTests = ['src/**/*.db.test.ts', 'src/**/routes.test.ts', 'test/**/*.test.ts'];
const databaseProject = (name: string, database: string, exclude: string[] = []) => ({
  test: {
    name,
    include: databaseTests,
    exclude,
    env: { TEST_DB: database },
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

// CI runs every database test on the PostgreSQL server too; without it the run fails, never skips
if (/^(1|true)$/i.test(process.env.CI ?? '') && !process.env.TEST_DATABASE_URL) {
  throw new Error('CI needs TEST_DATABASE_URL: the database tests run on PostgreSQL as well as PGlite.');
}

export default defineConfig({
  test: {
    reporters: ['default'],
    // two files at a time: most of a database, mail or browser test is waiting on another process
    // (PostgreSQL, Chromium, Dovecot), so a second file fills the wait; vitest's default on a
    // two-core machine is one
    maxWorkers: 2,
    // Files share a worker's modules instead of each loading the desk afresh in a new process: the
    // loading was half the run. It is safe because the desk keeps no state in modules (hooks and jobs
    // are passed in; caches are keyed by the database), so a file cannot see another's
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: databaseTests, isolate: false } },
      // several processes sharing one database server is what PostgreSQL is for; PGlite is one process's
      databaseProject('pglite', 'pglite', [
        'test/multi-process.test.ts',
        'test/faults.test.ts',
        'test/database-faults.test.ts',
        '**/node_modules/**',
      ]),
      // Browser journeys test the pages, whose server paths the database tests run on both databases; a
      // journey takes half a minute or more, so they run once, on the embedded database `npm start` gives
      ...(process.env.TEST_DATABASE_URL
        ? [
            // the mail fuzz and the real-world corpus test the parsing, which is the same on both: they
            // run once (inbound mail on PostgreSQL is the mail tests' under src/)
            databaseProject('postgres', 'postgres', [
              'test/browser.test.ts',
              'test/mail-fuzz.test.ts',
              'test/mail-corpus.test.ts',
              'test/**/*.browser.test.ts',
              '**/node_modules/**',
            ]),
          ]
        : []),
    ],
  },
});
