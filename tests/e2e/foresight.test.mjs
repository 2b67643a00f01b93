// Browser test of the technology-foresight page on the real CNIPA VR export: a heat map cell's
// tooltip states the API's count, share, growth and burst; the burst timeline and the emerging
// table list what the API lists; two snapshots compare.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startPlatform, artifacts, bin, root } from './harness.mjs';

let platform, browser, base;

before(async () => {
  platform = await startPlatform((db) => {
    execFileSync(bin, ['import', 'patents', join(root, '../shared/data/patents/cn-vr-2022.csv'), '--format', 'cnipa', '--db', db]);
  });
  ({ browser, base } = platform);
});

// Snapshots taken by the command line while the server runs, as a schedule would.
function takeSnapshots() {
  execFileSync(bin, ['foresight', 'snapshot', 'vr', '--from', '2005', '--to', '2021', '--db', platform.db]);
  execFileSync(bin, ['foresight', 'snapshot', 'vr', '--from', '2005', '--to', '2022', '--db', platform.db]);
}

after(async () => {
  await platform?.stop();
});

const query = 'from=2005&to=2022&measure=count&top=30';

test('comparing is off, with the reason, until two snapshots exist', async () => {
  assert.equal((await (await platform.fetch(`${base}/api/foresight/snapshots`)).json()).snapshots.length, 0);
  const page = await browser.newPage();
  const diffRequests = [];
  page.on('request', (r) => { if (r.url().includes('/snapshots/diff')) diffRequests.push(r.url()); });
  await page.goto(`${base}/#/foresight?${query}`);
  await page.waitForSelector('main[data-page="foresight"][aria-busy="false"] #fs-compare');
  assert.equal(await page.isDisabled('#fs-compare'), true);
  assert.equal(await page.textContent('[data-testid="fs-compare-reason"]'), '至少需要两个快照才能对比（现有 0 个）。');
  await page.click('#fs-compare', { force: true });
  assert.deepEqual(diffRequests, []);  // no a=&b= sent
  // The analyst may take one (analytics.write); the walk in roles_walk checks the others may not.
  assert.equal(await page.isVisible('#fs-take'), true);
  await page.close();
});
const pct = (x) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

test('VR heat map: a cell tooltip agrees with the API, bursts and emerging fields are listed', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/#/foresight?${query}`);
  await page.waitForSelector('main[data-page="foresight"][aria-busy="false"]');
  await page.waitForSelector('#chart-foresight canvas');
  const api = await (await platform.fetch(`${base}/api/foresight/heatmap?${query}`)).json();
  assert.equal(api.records, 7776);  // 2005–2022 by 申请日
  assert.match(await page.textContent('[data-testid="fs-summary"]'), /7,776/);

  // G09B (simulators) in 2020, inside its strongest burst.
  const row = api.fields.findIndex((f) => f.code === 'G09B');
  const col = api.periods.indexOf('2020');
  const f = api.fields[row];
  assert.equal(f.burst[col], 1);
  const dataIndex = row * api.periods.length + col;  // the page pushes cells field by field
  const tip = await page.evaluate((i) => {
    const chart = window.__xinzhi.charts['foresight-heatmap'];
    chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: i });
    return new Promise((done) => setTimeout(() => done(document.querySelector('.fs-tooltip')?.innerText ?? ''), 300));
  }, dataIndex);
  const share = f.counts[col] / api.records_per_period[col];
  assert.match(tip, /^G09B /);
  assert.match(tip, /时期：2020/);
  assert.match(tip, new RegExp(`数量：${f.counts[col].toLocaleString('zh-CN')}\\b`));
  assert.match(tip, new RegExp(`占比：${pct(share).replace('.', '\\.')}`));
  assert.match(tip, new RegExp(`增长率：${pct(f.growth[col]).replace('.', '\\.')}`));
  assert.match(tip, /突发：是/);

  const bursts = await page.$$eval('[data-testid="fs-bursts"] tbody tr', (rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].slice(1, 6).map((td) => td.textContent)));
  assert.deepEqual(bursts.map((b) => [b[0], b[3], b[4]]), api.bursts.map((b) => [b.code, b.start, b.end]));
  assert.equal(bursts[0][0], 'G09B');
  const onCells = await page.$$eval('[data-testid="fs-bursts"] tbody tr:first-child .burst-bar .on', (s) => s.length);
  assert.equal(onCells, api.bursts[0].periods);
  const emerging = await page.$$eval('[data-testid="fs-emerging"] tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(emerging, api.emerging.map((e) => e.code));

  // Exports use the same query.
  const csv = await (await platform.fetch(base + (await page.getAttribute('[data-testid="fs-csv"]', 'href')))).text();
  assert.equal(csv.split('\n')[0], ['field', 'label_zh', 'label_en', ...api.periods].join(','));

  // Snapshot comparison: 2005–2021 against 2005–2022; each labelled with its time in Beijing time.
  takeSnapshots();
  await page.reload();
  await page.waitForSelector('main[data-page="foresight"][aria-busy="false"] #fs-compare:enabled');
  const options = await page.$$eval('#fs-snap-a option', (os) => os.map((o) => o.textContent));
  assert.equal(options.length, 2);
  for (const o of options) assert.match(o, /^#\d+ vr · \d{4}-\d{2}-\d{2} \d{2}:\d{2} 北京时间 · /);
  await page.click('#fs-compare');
  await page.waitForSelector('[data-testid="fs-diff-table"]');
  const snaps = (await (await platform.fetch(`${base}/api/foresight/snapshots`)).json()).snapshots;
  const diff = await (await platform.fetch(`${base}/api/foresight/snapshots/diff?a=${snaps[0].id}&b=${snaps[1].id}`)).json();
  const shown = await page.$$eval('[data-testid="fs-diff-table"] tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(shown, diff.changes.map((c) => c.code));
  assert.ok(diff.changes.length > 0);
  await page.screenshot({ path: join(artifacts, 'foresight.png'), fullPage: true });
  await page.close();
});

test('foresight page: bad parameters are reported, not crashed on', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/#/foresight?s=1`);
  await page.waitForSelector('main[data-page="foresight"][aria-busy="false"]');
  assert.match(await page.textContent('main'), /'s' must be greater than 1/);
  await page.close();
});
