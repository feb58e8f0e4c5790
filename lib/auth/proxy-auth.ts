import NextAuth from 'next-auth';
import { authConfig } from './config';
import { authSecret } from './secret';

// The proxy's own next-auth instance: same cookies and callbacks, no providers and no database.
// The config is a function so nothing (secret file, env) is read while `next build` loads this module.
export const { auth } = NextAuth(() => ({ ...authConfig, secret: authSecret() }));
