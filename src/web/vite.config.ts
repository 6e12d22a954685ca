// Builds the single-page app from src/web into dist/web at the repository root, which the server serves.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

export default defineConfig({
  root: webDir,
  base: '/',
  plugins: [react()],
  publicDir: false,
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    // `vite --config src/web/vite.config.ts` during development, with `bin/eligo serve` on :3000 for the API.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
