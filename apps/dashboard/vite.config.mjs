// The dashboard's build: a static single-page app that ledger-api serves at `/` (apps/ledger-api/src/dashboard).
// `npm run build:dashboard` writes dist/dashboard; `LEDGER_DASHBOARD_OUT` sends it elsewhere (the browser tests do).
// `npx vite --config apps/dashboard/vite.config.mjs` serves it with hot reload, proxying the API to :3000.
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const api = process.env.LEDGER_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  resolve: {
    alias: {
      // Labels of enums and codes, from the ledger's pure event files (no framework code comes along).
      '@ledger/ledger/events': resolve(root, 'libs/ledger/src/events.ts'),
      // The report's HTML renderer, the same pure function the API uses for format=html.
      '@ledger/evaluation/render/html': resolve(root, 'libs/evaluation/src/render/html.ts'),
    },
  },
  build: {
    outDir: process.env.LEDGER_DASHBOARD_OUT ?? resolve(root, 'dist/dashboard'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
  },
  server: {
    proxy: { '/api': api, '/health': api },
  },
});
