import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The desk's web app: built into dist/web and served by the desk itself at / (agents) and /portal
// (customers). In development, `npx vite --config web/vite.config.ts` proxies the API to a running desk.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/auth': 'http://127.0.0.1:8080' },
  },
});
