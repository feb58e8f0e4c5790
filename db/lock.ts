// PGlite keeps the whole database in one process; a second process opening the same folder would corrupt it.
// A lock file holding the owner's pid turns that into a clear error, and a stale lock (dead pid) is taken over.
import fs from 'node:fs';
import path from 'node:path';

export interface DirLock {
  path: string;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class LockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database folder ${dir} is in use by another process (pid ${pid}). Stop that process, or set PGLITE_DIR to another folder.`,
    );
    this.name = 'LockedError';
  }
}

export function acquireDirLock(dir: string): DirLock {
  const file = path.join(dir, '.streamflow.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { path: file, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) throw new LockedError(dir, owner);
      fs.rmSync(file, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`Could not lock ${dir}`);
}
