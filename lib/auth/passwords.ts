// bcryptjs: pure JavaScript (no native build to break on a fresh machine), maintained, and the cost is tunable.
import bcrypt from 'bcryptjs';

const COST = 11;
export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

// A hash of a random string, compared against when the user does not exist, so a wrong e-mail costs the same time
// as a wrong password and sign-in timing does not reveal which accounts exist.
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= bcrypt.hash('not-a-real-password-' + Math.random(), COST);
  return dummy;
}
