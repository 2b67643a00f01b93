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

test('VR heat map names its source, units and partial 2022, and colours as the exports do', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/#/foresight?${query}`);
  await page.waitForSelector('main[data-page="foresight"][aria-busy="false"]');
  await page.waitForSelector('#chart-foresight canvas');
  const api = await (await platform.fetch(`${base}/api/foresight/heatmap?${query}`)).json();

  // Source, records, filing-date range, import time in Beijing time, as-of date.
  const prov = await page.textContent('[data-testid="fs-provenance"]');
  assert.match(prov, /^数据来源：cnipa:cn-vr-2022\.csv（7,805 件，申请日 1995-05-02 至 2022-03-17，导入于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 北京时间）/);
  assert.match(prov, /共 7,805 件；数据截至 2022-03-17（最新申请日）。$/);
  assert.equal(await page.textContent('[data-testid="fs-provenance"] [data-data]'), 'cnipa:cn-vr-2022.csv');
  // Each measure's unit and a ⓘ with its definition; a click opens the definitions.
  const units = await page.textContent('[data-testid="fs-units"]');
  for (const u of ['数量 件', '占比 %', '增长率 %/年', '突发强度 无量纲', '新兴度 无量纲']) assert.ok(units.includes(u), `${u} in ${units}`);
  for (const k of ['count', 'share', 'growth', 'burst', 'emergence'])
    assert.ok((await page.getAttribute(`[data-testid="fs-info-${k}"]`, 'title')).length > 20, k);
  assert.match(await page.getAttribute('[data-testid="fs-info-growth"]', 'title'), /3 期复合增长率/);
  assert.equal(await page.evaluate(() => document.getElementById('fs-definitions').open), false);
  await page.click('[data-testid="fs-info-emergence"]');
  assert.equal(await page.evaluate(() => document.getElementById('fs-definitions').open), true);
  assert.match(await page.textContent('#fs-definitions'), /不完整时期：最新申请日早于该时期最后一天/);

  // 2022 is partial: named, growth to 2021, no −100 % anywhere.
  assert.deepEqual(api.incomplete_periods, ['2022']);
  assert.equal(api.growth_through, '2021');
  assert.match(await page.textContent('[data-testid="fs-incomplete"]'), /^2022 不完整：数据截至 2022-03-17.*最后一个完整时期 2021。$/);
  assert.doesNotMatch(await page.textContent('main'), /-100\.0%|−100\.0%/);
  const h04n = api.fields.find((f) => f.code === 'H04N');
  assert.ok(Math.abs(h04n.cagr - ((56 / 103) ** (1 / 3) - 1)) < 1e-12, h04n.cagr);  // by hand from the raw file
  const chartState = await page.evaluate(() => {
    const o = window.__xinzhi.charts['foresight-heatmap'].getOption();
    const s = o.series[0];
    return {
      colours: o.visualMap[0].inRange.color, missing: o.visualMap[0].outOfRange.color,
      xLabels: o.xAxis[0].data.map((v, i) => o.xAxis[0].axisLabel.formatter(v, i)),
      incompleteLabelShown: o.xAxis[0].axisLabel.interval(17, '2022'),
      yData: o.yAxis[0].data, cells: s.data.map((d) => [d.value, d.itemStyle?.borderColor ?? null]),
      marked: s.markArea.data.map((a) => [a[0].xAxis, a[1].xAxis]),
    };
  });
  assert.equal(chartState.xLabels[17], '2022\n不完整');
  assert.equal(chartState.xLabels[16], '2021');
  assert.equal(chartState.incompleteLabelShown, true);  // never thinned away by the axis
  assert.deepEqual(chartState.marked, [['2022', '2022']]);

  // Colours: the page's stops are the API's scale (the PNG/SVG's, tests/cli/heatmap_exports_agree.py),
  // a log position per cell, and outlines exactly on the burst cells.
  assert.equal(api.scale.kind, 'log');
  assert.deepEqual(chartState.colours, api.scale.colours);
  assert.equal(chartState.missing, api.scale.missing);
  const n = api.fields.length;
  let bursts = 0;
  for (const [[x, y, pos, v], border] of chartState.cells) {
    const f = api.fields[n - 1 - y];
    assert.equal(v, f.values[x]);
    const want = Math.log1p(Math.max(0, v)) / Math.log1p(api.scale.max);
    assert.ok(Math.abs(pos - want) < 1e-12, `${f.code} ${api.periods[x]}: ${pos} vs ${want}`);
    assert.equal(border, f.burst[x] ? api.scale.burst_outline : null, `${f.code} ${api.periods[x]}`);
    bursts += f.burst[x];
  }
  assert.ok(bursts > 0);
  const legend = await page.textContent('[data-testid="fs-legend"]');
  assert.match(legend, new RegExp(`^颜色：对数刻度，单位：件，范围 0 – ${api.scale.max.toLocaleString('zh-CN')}；`));

  // Row names: code and the Chinese label, whole (the axis cuts by width); an English-only
  // title never on the axis, and on hover inside [data-data].
  assert.deepEqual(chartState.yData, [...api.fields].reverse().map((f) => (f.label_zh ? `${f.code} ${f.label_zh}` : f.code)));
  assert.ok(chartState.yData.some((d) => [...d].length > 14), 'a label longer than the old 14-character cut');
  const englishOnly = api.fields.findIndex((f) => !f.label_zh && f.label_en);
  if (englishOnly >= 0) {
    const tip = await page.evaluate((i) => {
      const chart = window.__xinzhi.charts['foresight-heatmap'];
      chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: i });
      return new Promise((done) => setTimeout(() => done(document.querySelector('.fs-tooltip [data-data]')?.textContent ?? ''), 300));
    }, englishOnly * api.periods.length);
    assert.equal(tip, api.fields[englishOnly].label_en);
  }
  // Hovering a row name shows it whole.
  const longest = api.fields.reduce((a, f) => ((f.label_zh ?? '').length > (a.label_zh ?? '').length ? f : a));
  const at = await page.evaluate((name) => {
    const chart = window.__xinzhi.charts['foresight-heatmap'];
    const canvas = document.querySelector('#chart-foresight canvas');
    const y = chart.convertToPixel({ yAxisIndex: 0 }, name);
    // Bring the row to the middle of the window: the mouse moves in window coordinates.
    window.scrollBy(0, canvas.getBoundingClientRect().top + y - window.innerHeight / 2);
    const box = canvas.getBoundingClientRect();
    const grid = chart.getModel().getComponent('grid').coordinateSystem.getRect();
    return { x: box.left + grid.x - 30, y: box.top + y };
  }, `${longest.code} ${longest.label_zh}`);
  await page.mouse.move(at.x, at.y);
  await page.waitForSelector('[data-testid="fs-axis-tip"]:visible', { timeout: 5000 });
  assert.equal(await page.textContent('[data-testid="fs-axis-tip"] div:first-child'), `${longest.code} ${longest.label_zh}`);
  await page.close();
});

test('every empty heat map, burst list and emerging list gives its real reason', async () => {
  const page = await browser.newPage();
  const reason = async (q, testid) => {
    await page.goto(`${base}/#/foresight?${q}`);
    await page.waitForSelector('main[data-page="foresight"][aria-busy="false"]');
    return page.textContent(`[data-testid="${testid}"]`);
  };
  // Level 行业 on patents without knowledge-graph holders: no industry data, no blank chart.
  assert.match(await reason('level=industry&from=2005&to=2022', 'fs-empty-heatmap'), /^没有导入行业数据/);
  assert.equal(await page.$('#chart-foresight'), null);
  assert.match(await page.textContent('[data-testid="fs-emerging-none"]'), /^没有导入行业数据/);
  assert.match(await page.textContent('[data-testid="fs-bursts-none"]'), /^没有导入行业数据/);
  // A filter no patent matches: the filter and the numbers.
  assert.equal(await reason('region=天津&applicant_kind=individual&from=2005&to=2022', 'fs-empty-heatmap'),
    '没有符合筛选条件的专利：天津，申请人类型：个人，2005–2022 年内 0 件（已导入 7,805 件）。');
  // Too few complete periods for emergence: 2014–2021 are 8 (2022 is partial).
  assert.equal(await reason('from=2014&to=2022', 'fs-emerging-none'), '完整时期只有 8 个，新兴度需要至少 10 个完整时期（3 个基期、7 个活跃期）。');
  // 天津: patents, but the burst list says why it is empty when it is.
  const tj = await (await platform.fetch(`${base}/api/foresight/heatmap?region=${encodeURIComponent('天津')}&from=2005&to=2022`)).json();
  assert.ok(tj.records > 0);
  await page.goto(`${base}/#/foresight?region=${encodeURIComponent('天津')}&from=2005&to=2022`);
  await page.waitForSelector('main[data-page="foresight"][aria-busy="false"]');
  if (tj.bursts.length === 0) assert.match(await page.textContent('[data-testid="fs-bursts-none"]'), /^在当前参数下（s = 2，γ = 1）没有检测到突发。$/);
  else assert.equal(await page.$$eval('[data-testid="fs-bursts"] tbody tr', (r) => r.length), tj.bursts.length);
  if (tj.emerging.length === 0) assert.match(await page.textContent('[data-testid="fs-emerging-none"]'), /完整时期|没有符合/);
  await page.close();
});

test('foresight page: bad parameters are reported, not crashed on', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/#/foresight?s=1`);
  await page.waitForSelector('main[data-page="foresight"][aria-busy="false"]');
  // The server's keyed refusal (param_greater_than), in the page's words.
  assert.match(await page.textContent('main'), /参数“突发倍率 s”为 1，应大于 1/);
  await page.close();
});

// Issue 14: papers beside patents. A WoS and a CNKI export imported while the server runs; the
// page's burst table lists what the API lists, strongest first, with the source named.
test('keyword bursts of imported papers, as the API gives them, with their source', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/#/foresight?${query}`);
  await page.waitForSelector('main[data-page="foresight"][aria-busy="false"] [data-testid="lit-none"]');
  const fixtures = join(root, 'tests/cli/fixtures/literature');
  execFileSync(bin, ['import', 'papers', join(fixtures, 'wos_savedrecs.txt'), '--db', platform.db]);
  execFileSync(bin, ['import', 'papers', join(fixtures, 'cnki_refworks.txt'), '--name', '知网示例', '--db', platform.db]);
  const api = await (await platform.fetch(`${base}/api/literature/bursts?by=keyword&top=25`)).json();
  await page.reload();
  await page.waitForSelector('main[data-page="foresight"][aria-busy="false"] [data-testid="lit-bursts"]');
  const rows = await page.$$eval('[data-testid="lit-bursts"] tbody tr', (trs) => trs.map((tr) => [...tr.cells].slice(1, 6).map((c) => c.textContent)));
  assert.equal(rows.length, api.terms.length);
  assert.deepEqual(rows[0], [api.terms[0].term, String(api.terms[0].total), api.terms[0].strength.toFixed(2),
    String(api.terms[0].bursts[0].start), String(api.terms[0].bursts[0].end)]);
  // One corpus on its own: the CNKI export's rising term bursts when it rose.
  await page.selectOption('#lit-source', '知网示例');
  await page.waitForFunction(() => document.querySelector('[data-testid="lit-source"]')?.textContent.includes('共 30 篇'));
  const cnki = await page.$$eval('[data-testid="lit-bursts"] tbody tr', (trs) => trs.map((tr) => [...tr.cells].slice(1, 6).map((c) => c.textContent)));
  assert.ok(cnki.some((r) => r[0] === '新质生产力' && r[3] === '2023' && r[4] === '2024'), JSON.stringify(cnki));
  assert.match(await page.textContent('[data-testid="lit-source"]'), /知网示例（cnki-refworks，30 篇，导入于 .*北京时间）/);
  await page.selectOption('#lit-source', '');
  await page.selectOption('#lit-by', 'category');
  await page.waitForSelector('[data-testid="lit-empty"]');
  assert.equal(await page.textContent('[data-testid="lit-empty"]'), '没有词的出现比例显著高于其基准，暂无突现。');
  await page.close();
});

test('the region field offers provinces and cities, not districts (patents know no district)', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/#/foresight`);
  await page.waitForSelector('main[data-page="foresight"][aria-busy="false"] h1');
  const options = await page.$$eval('#fs-regions option', (os) => os.map((o) => o.value));
  assert.ok(options.includes('唐山市') && options.includes('天津'), 'cities and provinces');
  assert.ok(!options.includes('天津市滨海新区'), 'no district');
  await page.close();
});
