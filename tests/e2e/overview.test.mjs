// Browser test: Debian's chromium, driven by playwright-core, opens the dashboard served
// by a real `xinzhi serve` on a free port with the sample region, and checks that the
// overview chart rendered and shows the same numbers as the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startPlatform, artifacts } from './harness.mjs';

let platform, browser, base;

before(async () => {
  platform = await startPlatform();
  ({ browser, base } = platform);
});

after(async () => {
  await platform?.stop();
});

async function openOverview(page) {
  await page.goto(`${base}/#/overview`);
  await page.waitForSelector('main[data-page="overview"][aria-busy="false"]');
  await page.waitForSelector('#chart-companies-by-region canvas');
  // No provincial statistics in this database: the index panel says so instead of drawing zeros.
  await page.waitForSelector('[data-testid="nqpf-empty"]');
}

test('overview chart renders the API numbers', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openOverview(page);
  const api = await (await platform.fetch(`${base}/api/overview`)).json();

  // What the bar chart shows, read from its live ECharts option.
  const shown = await page.evaluate(() => {
    const option = window.__xinzhi.charts.companiesByRegion.getOption();
    return { labels: option.xAxis[0].data, values: option.series[0].data };
  });
  const known = api.companies_by_province.filter((p) => p.province !== '').slice(0, 20);
  assert.deepEqual(shown.labels.slice(0, known.length), known.map((p) => p.province));
  assert.deepEqual(shown.values.slice(0, known.length), known.map((p) => p.count));
  const unknown = api.companies_by_province.find((p) => p.province === '')?.count ?? 0;
  assert.deepEqual(shown.values.slice(known.length), [unknown, api.national_companies]);
  assert.equal(shown.values.reduce((a, b) => a + b, 0),
    api.entities.by_kind.find((k) => k.kind === 'company').count);

  // The canvas really has pixels drawn on it, not just an element.
  const painted = await page.evaluate(() => {
    const c = document.querySelector('#chart-companies-by-region canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
  assert.ok(painted > 1000, `chart canvas is blank (${painted} painted pixels)`);

  // The cards equal the API's totals; sample data is labelled.
  const text = async (id) => (await page.textContent(`[data-testid="${id}"]`)).replace(/,/g, '');
  assert.equal(Number(await text('count-entities')), api.entities.total);
  assert.equal(Number(await text('count-relations')), api.relations.total);
  assert.equal(Number(await text('count-jingjinji')), api.group_companies.total);
  assert.match(await page.textContent('[data-testid="sample-banner"]'), /示例数据/);
  await page.screenshot({ path: join(artifacts, 'overview-zh.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('navigation lists every mechanism and unbuilt pages say so', async () => {
  const page = await browser.newPage();
  await openOverview(page);
  const routes = await page.$$eval('nav a[data-route]', (as) => as.map((a) => a.dataset.route));
  assert.equal(routes.length, 18); // overview + the 16 mechanisms of MISSION.md + the analyst's own organisation
  assert.ok(!routes.includes('admin') && !routes.includes('audit'));  // not an analyst's
  await page.click('nav a[data-route="pilotfund"]');
  await page.waitForSelector('[data-testid="not-built"]');
  assert.match(await page.textContent('[data-testid="not-built"]'), /尚未构建/);
  await page.close();
});

test('English switch translates the interface and is remembered', async () => {
  const page = await browser.newPage();
  await openOverview(page);
  assert.equal(await page.textContent('main h1'), '总览');
  await page.click('#lang-switch');
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Overview');
  await page.waitForSelector('#chart-companies-by-region canvas');
  await page.reload();
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Overview');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.screenshot({ path: join(artifacts, 'overview-en.png'), fullPage: true });
  await page.close();
});

test('the page has a favicon, served from the dashboard build', async () => {
  const page = await browser.newPage();
  const failed = [];
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  await openOverview(page);
  const href = await page.$eval('link[rel="icon"]', (l) => l.href);
  const icon = await fetch(href);
  assert.equal(icon.status, 200);
  assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
  assert.match(await icon.text(), /^<svg /);
  assert.deepEqual(failed, []);
  await page.close();
});
