import fs from 'node:fs';
import path from 'node:path';
import { missingComponent } from './real-component.js';

// Real-world mail and forge payloads live in ../shared/fixtures beside the project. A fresh clone
// elsewhere has no ../shared: tests that read it skip with this reason, and the project's own
// fixtures cover the core cases.

export const SHARED_FIXTURES = path.resolve(import.meta.dirname, '../../../shared/fixtures');
export const sharedFixturesPresent = fs.existsSync(SHARED_FIXTURES);
export const SHARED_SKIP_REASON = `../shared/fixtures is not here (${SHARED_FIXTURES}); corpus cases skipped`;

missingComponent('the shared fixtures', sharedFixturesPresent ? undefined : SHARED_SKIP_REASON);

/** Every .eml in a folder of the shared mail corpus (or all of it), as [relative path, bytes]. */
export function corpusMessages(folder?: string): [string, Buffer][] {
  if (!sharedFixturesPresent) return [];
  const root = path.join(SHARED_FIXTURES, 'emails');
  const folders = folder ? [folder] : fs.readdirSync(root).filter((f) => fs.statSync(path.join(root, f)).isDirectory());
  return folders.flatMap((f) =>
    fs
      .readdirSync(path.join(root, f))
      .filter((name) => name.endsWith('.eml'))
      .sort()
      .map((name) => [`${f}/${name}`, fs.readFileSync(path.join(root, f, name))] as [string, Buffer]),
  );
}
