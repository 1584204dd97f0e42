import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Builds the tab into `<repo>/dist/tab`, which the restify server serves at `/`. */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.resolve(here, '..', '..', 'dist', 'tab'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      // teams-js is imported on demand (inside Teams only); name its chunk for what it is.
      output: { manualChunks: { 'teams-js': ['@microsoft/teams-js'] } },
    },
  },
});
