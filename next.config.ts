import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The Docker image uses the standalone server; `npm start` uses `next start`, which warns under standalone.
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  poweredByHeader: false,
  // PGlite ships its own WASM/data files; keep it out of the bundle so they resolve from node_modules.
  serverExternalPackages: ['@electric-sql/pglite', 'bcryptjs'],
  outputFileTracingIncludes: { '/**': ['./db/migrations/**/*'] },
};

export default nextConfig;
