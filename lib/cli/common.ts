// Shared by the command-line entry points: turn known failures into one clear line and a non-zero exit.
import { DatabaseError } from '@/db/client';
import { LockedError } from '@/db/lock';
import { ApiError } from '@/lib/api/errors';
import { ConfigError } from '@/lib/env';

/** A failure the command already understands: printed as one line, no stack. */
export class CliError extends Error {}

export function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}

export function explain(e: unknown): string | null {
  if (e instanceof ConfigError || e instanceof DatabaseError || e instanceof LockedError || e instanceof CliError) return e.message;
  if (e instanceof ApiError) return e.message;
  if (String((e as { code?: unknown })?.code ?? '').startsWith('ERR_PARSE_ARGS')) return (e as Error).message;
  return null;
}

/** Runs `main`, printing known errors as one line (exit 1) and anything unexpected with its stack (exit 2). */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e) => {
      const msg = explain(e);
      if (msg) fail(msg);
      console.error(e);
      process.exit(2);
    },
  );
}
