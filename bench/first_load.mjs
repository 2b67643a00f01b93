// First load of the dashboard in Debian's chromium (playwright-core), on loopback: from
// navigation to the overview chart drawn, signed in, with the browser cache cleared (cold) and
// kept (warm: index.html revalidated by ETag, hashed assets from cache). Bytes on the wire come
// from the resources' transfer sizes. Target (issue 14): cold under 500 ms; it took 2.0–2.7 s
// when the bundle was brotli-compressed per request without caching headers.
// Usage (from web/, where playwright-core is installed): node ../bench/first_load.mjs ../build/release/src/program/xinzhi [runs]
import { resolve } from 'node:path';

process.env.XINZHI_BIN = resolve(process.argv[2] ?? '../build/release/src/program/xinzhi');
const runs = Number(process.argv[3] ?? 7);
const { startPlatform } = await import('../tests/e2e/harness.mjs');

const platform = await startPlatform();
const page = await platform.browser.newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Network.enable');

async function load() {
  const t0 = performance.now();
  await page.goto(`${platform.base}/#/overview`);
  await page.waitForSelector('main[data-page="overview"][aria-busy="false"]');
  await page.waitForSelector('#chart-companies-by-region canvas');
  const ms = performance.now() - t0;
  const bytes = await page.evaluate(() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
    .reduce((sum, e) => sum + (e.transferSize || 0), 0));
  return { ms, bytes };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  await load();  // the server reads the files once
  const cold = [], warm = [];
  for (let i = 0; i < runs; ++i) {
    await cdp.send('Network.clearBrowserCache');
    await page.goto('about:blank');
    cold.push(await load());
  }
  for (let i = 0; i < runs; ++i) {
    await page.goto('about:blank');
    warm.push(await load());
  }
  const report = (name, xs) => `${name} median ${median(xs.map((x) => x.ms)).toFixed(0)} ms (min ${Math.min(...xs.map((x) => x.ms)).toFixed(0)}, ` +
    `max ${Math.max(...xs.map((x) => x.ms)).toFixed(0)}), ${(median(xs.map((x) => x.bytes)) / 1024).toFixed(0)} KiB transferred`;
  console.log(`first load of the dashboard in chromium, signed in, ${runs} runs each (target: cold under 500 ms; before issue 14: 2.0–2.7 s):`);
  console.log(`  ${report('cold cache', cold)}`);
  console.log(`  ${report('warm cache', warm)}`);
  const coldMedian = median(cold.map((x) => x.ms));
  console.log(`  ratio before/now (2000 ms, the best load measured before): ${(2000 / coldMedian).toFixed(1)}x`);
  if (coldMedian >= 500) process.exitCode = 1;
} finally {
  await platform.stop();
}
