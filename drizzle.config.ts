import { defineConfig } from 'drizzle-kit';

// drizzle-kit runs outside the app, so it reads the two variables itself (the app reads them through lib/env.ts).
const url = process.env.DATABASE_URL;
export default url
  ? defineConfig({ dialect: 'postgresql', schema: './db/schema.ts', out: './db/migrations', dbCredentials: { url } })
  : defineConfig({
      dialect: 'postgresql',
      driver: 'pglite',
      schema: './db/schema.ts',
      out: './db/migrations',
      dbCredentials: { url: process.env.PGLITE_DIR ?? './.data/pglite' },
    });
