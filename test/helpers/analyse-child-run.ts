import { spawn } from 'node:child_process';
import path from 'node:path';

export interface ChildAnalysis {
  ms: number;
  cpuMs: number;
  peakRssMb: number;
  bytesRead: number;
  lines: number;
  badLines: number;
  requests: number;
  notes: string[];
}

/** runs analyse-child.ts in a fresh Node process (through tsx) and returns what it measured */
export function analyseInChild(file: string, name?: string): Promise<ChildAnalysis> {
  const script = path.join(import.meta.dirname, 'analyse-child.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, file, ...(name ? [name] : [])], {
      cwd: path.join(import.meta.dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`analyse-child exited with ${code}: ${err.slice(-2000)}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildAnalysis);
    });
  });
}
