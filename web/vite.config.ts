// Builds the dashboard into web/dist, which `xinzhi serve` serves as static files.
// `npm run dev` proxies /api to a running `xinzhi serve` on port 8080.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

// Every text file compressed once at build time (brotli at its best quality, gzip at 9) into
// .br and .gz beside it: the server sends those as they are instead of compressing a 1 MB
// bundle per request.
function precompress(): Plugin {
  const text = /\.(html|js|mjs|css|json|svg|txt|map|geojson|wasm|ttf)$/;
  let outDir = 'dist';
  return {
    name: 'xinzhi-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const path = join(dir, name);
          return statSync(path).isDirectory() ? walk(path) : [path];
        });
      for (const file of walk(outDir)) {
        if (!text.test(file)) continue;
        const body = readFileSync(file);
        if (body.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(body, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
        }));
      }
    },
  };
}

export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  plugins: [precompress()],
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
