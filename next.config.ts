import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The Docker image uses the standalone server; `npm start` uses `next start`, which warns under standalone.
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  poweredByHeader: false,
  // PGlite ships its own WASM/data files; keep it out of the bundle so they resolve from node_modules.
  // onnxruntime-node loads a native binding; onnx-proto is CommonJS protobufjs code: both resolve from node_modules.
  serverExternalPackages: ['@electric-sql/pglite', 'bcryptjs', 'onnxruntime-node', 'onnx-proto', 'prom-client', 'rate-limiter-flexible', 'pg-boss', 'pptxgenjs', 'pdfkit'],
  outputFileTracingIncludes: { '/**': ['./db/migrations/**/*', './models/**/*'] },
};

export default nextConfig;
