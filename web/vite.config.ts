// Builds the dashboard into web/dist, which `xinzhi serve` serves as static files.
// `npm run dev` proxies /api to a running `xinzhi serve` on port 8080.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
