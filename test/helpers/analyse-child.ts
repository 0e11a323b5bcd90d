import { analyseFile } from '../../src/diagnostics/analyse/engine.js';

// Analyses one file in a process of its own and prints what it cost as one JSON line: the bench and the big-file
// test measure the engine's peak RSS without the test runner's own memory on top.
//   node --import tsx test/helpers/analyse-child.ts FILE [NAME]

const [file, name] = process.argv.slice(2);
if (!file) throw new Error('usage: analyse-child.ts FILE [NAME]');
const started = performance.now();
const cpu = process.cpuUsage();
const results = await analyseFile(file, { filename: name ?? file });
const used = process.cpuUsage(cpu);
process.stdout.write(
  `${JSON.stringify({
    ms: Math.round(performance.now() - started),
    cpuMs: Math.round((used.user + used.system) / 1000),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    bytesRead: results.stats.bytesRead,
    lines: results.stats.lines,
    badLines: results.files.reduce((s, f) => s + f.badLines, 0),
    requests: results.endpoints.reduce((s, e) => s + e.count, 0),
    notes: results.notes,
  })}\n`,
);
