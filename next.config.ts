import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The Docker image uses the standalone server; `npm start` uses `next start`, which warns under standalone.
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  poweredByHeader: false,
  // PGlite ships its own WASM/data files; keep it out of the bundle so they resolve from node_modules.
  // onnxruntime-node loads a native binding; onnx-proto is CommonJS protobufjs code: both resolve from node_modules.
  serverExternalPackages: ['@electric-sql/pglite', 'bcryptjs', 'onnxruntime-node', 'onnx-proto', 'prom-client', 'rate-limiter-flexible', 'pg-boss', 'pptxgenjs', 'pdfkit'],
  // pptxgenjs and pdfkit build decks in route handlers (never in the browser bundle); pdfkit reads its standard-font
  // metrics from its data folder at run time, which file tracing cannot see, so the standalone output includes it.
  outputFileTracingIncludes: { '/**': ['./db/migrations/**/*', './models/**/*', './node_modules/pdfkit/js/data/**/*'] },
};

export default nextConfig;
