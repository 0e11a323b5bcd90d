#!/usr/bin/env node
// `npm start`: runs the desk that was built. It never builds: several processes starting at once
// would build into one dist/ together. npm install / npm ci build (prepare), and so does npm run build.
import fs from 'node:fs';

const server = new URL('../dist/src/server.js', import.meta.url);
if (!fs.existsSync(server)) {
  process.stderr.write('Pipefitter is not built (no dist/src/server.js): run npm run build first.\n');
  process.exit(1);
}
const { runServerProcess } = await import(server.href);
runServerProcess();
