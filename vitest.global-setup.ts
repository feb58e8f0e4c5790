// Once per test run: a dump of a freshly migrated PGlite database, which every test file's in-memory database is
// loaded from (db/test-utils.ts) instead of running initdb and the migrations again.
import fs from 'node:fs';
import { openPglite } from './db/client';
import { pgliteTemplatePath } from './db/test-utils';

export default async function setup() {
  const file = pgliteTemplatePath();
  if (fs.existsSync(file)) return;
  const h = await openPglite('memory://');
  const dump = await h.pglite!.dumpDataDir('none');
  await h.close();
  const tmp = `${file}.${process.pid}`;
  fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(tmp, file); // atomic: a concurrent run never reads half a file
}
