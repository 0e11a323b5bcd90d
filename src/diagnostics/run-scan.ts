import { spawn } from 'node:child_process';

// BUNDLE_SCAN_COMMAND: a virus scanner (clamdscan, a vendor's CLI) run on the bundle's local file before the
// analysis reads it. Its words are split on spaces (no shell: the file path is never interpreted); the path is
// the last argument. Exit 0 passes; anything else refuses the bundle with what the scanner said.

const OUTPUT_MAX_CHARS = 2_000;

export type ScanOutcome =
  | { kind: 'passed' }
  | { kind: 'refused'; output: string }
  /** the scan could not say: it did not start, or ran out of time */
  | { kind: 'broken'; reason: string };

export function runScan(command: string, file: string, timeoutMs: number): Promise<ScanOutcome> {
  const [program, ...args] = command.trim().split(/\s+/);
  if (!program) return Promise.resolve({ kind: 'passed' });
  return new Promise((resolve) => {
    let output = '';
    let settled = false;
    const settle = (outcome: ScanOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const child = spawn(program, [...args, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    // a chatty scanner's output is kept to its beginning (what it found), never all of it in memory
    const keep = (chunk: Buffer) => {
      if (output.length < OUTPUT_MAX_CHARS) output += chunk.toString('utf8');
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle({ kind: 'broken', reason: `the scan did not finish within ${Math.round(timeoutMs / 1000)} s` });
    }, timeoutMs);
    child.on('error', (err) => settle({ kind: 'broken', reason: `the scan could not run: ${err.message}` }));
    child.on('close', (code, signal) => {
      if (code === 0) return settle({ kind: 'passed' });
      const text = output.trim().slice(0, OUTPUT_MAX_CHARS) || (signal ? `killed by ${signal}` : `exit code ${code}`);
      settle({ kind: 'refused', output: text });
    });
  });
}
