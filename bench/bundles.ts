import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyseInChild, type ChildAnalysis } from '../test/helpers/analyse-child-run.js';
import { writeLog } from '../test/helpers/log-generator.js';
import { measured, type Results } from './table.js';

// BENCH_ONLY=bundles: the log-bundle engine on generated production_json.log files (issue 14's bench): MB/s per
// core of analyseFile on 1 GB (one thread: the engine's own; reads go through the libuv pool), and peak RSS on
// 1 GB and 2 GB — memory must stay flat with file size. Each run is a fresh Node process. The files are generated
// once with the seeded generator (every line different) and kept in BENCH_BUNDLE_DIR (default /tmp).

const GB = 1024 ** 3;

function ensureLog(file: string, bytes: number, log: (m: string) => void): void {
  if (fs.existsSync(file) && fs.statSync(file).size >= bytes * 0.99) return;
  log(`bundles: generating ${path.basename(file)} (${(bytes / GB).toFixed(0)} GB, once)`);
  const started = Date.now();
  writeLog(file, 'production_json', bytes, { seed: 2024, malformedEvery: 5_000 });
  log(`bundles: generated in ${Math.round((Date.now() - started) / 1000)} s`);
}

function describeRun(run: ChildAnalysis): string {
  const mb = run.bytesRead / 1e6;
  return (
    `${Math.round(mb / (run.ms / 1000))} MB/s wall, ${Math.round(mb / (run.cpuMs / 1000))} MB per CPU-second, ` +
    `peak RSS ${run.peakRssMb} MB (${run.lines.toLocaleString('en')} lines in ${(run.ms / 1000).toFixed(1)} s)`
  );
}

export async function benchBundles(results: Results, log: (m: string) => void): Promise<void> {
  const dir = process.env.BENCH_BUNDLE_DIR ?? path.join(os.tmpdir(), 'pipefitter-bench');
  fs.mkdirSync(dir, { recursive: true });
  const one = path.join(dir, 'production_json-1g.log');
  const two = path.join(dir, 'production_json-2g.log');
  ensureLog(one, GB, log);
  ensureLog(two, 2 * GB, log);
  // the first run warms the page cache; the best of three is reported (the machine is shared)
  let best: ChildAnalysis | undefined;
  for (let i = 0; i < 3; i++) {
    log(`bundles: analysing 1 GB, run ${i + 1} of 3`);
    const run = await analyseInChild(one, 'production_json.log');
    if (!best || run.cpuMs < best.cpuMs) best = run;
  }
  const perCpuSecond = (run: ChildAnalysis) => run.bytesRead / 1e6 / (run.cpuMs / 1000);
  results['bundles: 1 GB production_json.log'] = measured(
    describeRun(best as ChildAnalysis),
    '≥ 150 MB per CPU-second',
    perCpuSecond(best as ChildAnalysis) >= 150,
  );
  log('bundles: analysing 2 GB');
  results['bundles: 2 GB production_json.log'] = describeRun(await analyseInChild(two, 'production_json.log'));
}
