// 新质生产力发展水平 on the overview page, on the real provincial statistics: the home group's
// provinces (京津冀) are drawn and ranked as the API computes them, with the source, years and unit
// under the chart; switching to CRITIC weights redraws with the API's CRITIC numbers; what moved
// Tianjin lists the API's contributions; the province map shows the API's index and a click
// breaks a province's score down; a viewer reads it too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startPlatform, bin, root, signIn, watch } from './harness.mjs';

const PROVINCES = join(root, '../shared/data/provinces');
const VR = join(root, '../shared/data/patents/cn-vr-2022.csv');
let platform, browser, base;

before(async () => {
  platform = await startPlatform((db) => {
    if (existsSync(PROVINCES)) execFileSync(bin, ['nqpf', 'import', '--provinces', PROVINCES, '--db', db, '--log-level', 'warn']);
    // The platform's own series: the CNIPA virtual-reality patents foresight holds.
    if (existsSync(VR)) execFileSync(bin, ['import', 'patents', VR, '--format', 'cnipa', '--db', db, '--log-level', 'warn']);
  });
  ({ browser, base } = platform);
});

after(async () => {
  await platform?.stop();
});

async function openPanel(page) {
  await page.goto(`${base}/#/overview`);
  await page.waitForSelector('main[data-page="overview"][aria-busy="false"] [data-testid="nqpf-body"][aria-busy="false"]');
}

test('the Jing-Jin-Ji index is drawn and ranked as the API computes it, with its source', { skip: !existsSync(PROVINCES) }, async () => {
  const page = await browser.newPage();
  const problems = watch(page);
  await openPanel(page);
  const api = await (await platform.fetch(`${base}/api/nqpf/index`)).json();
  const last = api.years.at(-1);
  const group = ['北京市', '天津市', '河北省'];
  const shown = await page.evaluate(() => {
    const o = window.__xinzhi.charts.nqpfTrend.getOption();
    return { years: o.xAxis[0].data, series: o.series.map((s) => ({ name: s.name, data: s.data })) };
  });
  assert.deepEqual(shown.years, api.years.map(String));
  assert.deepEqual(shown.series.map((s) => s.name), ['北京', '天津', '河北', '全国中位数']);
  for (const [i, p] of group.entries()) {
    const want = api.years.map((y) => api.cells.find((c) => c.region === p && c.year === y)?.index ?? null);
    assert.deepEqual(shown.series[i].data, want, p);
  }
  const rows = await page.$$eval('[data-testid="nqpf-ranks"] tbody tr', (rs) => rs.map((r) => [...r.children].map((c) => c.textContent)));
  for (const [i, p] of group.entries()) {
    const c = api.cells.find((x) => x.region === p && x.year === last);
    assert.equal(rows[i][1], c.index.toFixed(3));
    assert.equal(rows[i][2], `${c.rank} / ${c.ranked_among}`);
  }
  const source = await page.textContent('[data-testid="nqpf-source"]');
  assert.match(source, /国家统计局/);
  assert.match(source, new RegExp(`${api.years[0]}–${last}`));
  assert.match(source, /单位：指数（0–1/);
  // What moved Tianjin: the API's largest contributions, in its order.
  await page.waitForSelector('[data-testid="nqpf-move-table"]');
  const move = await (await platform.fetch(`${base}/api/nqpf/explain?region=${encodeURIComponent('天津市')}&from=${api.years[0]}&to=${last}`)).json();
  const names = await page.$$eval('[data-testid="nqpf-move-table"] tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(names, move.indicators.slice(0, 6).map((i) => i.name));
  assert.match(await page.textContent('[data-testid="nqpf-gaps"]'), /Dagum 基尼系数/);
  // The map: every scored province of the last year with the API's index; 港澳台 have no data;
  // a click on Tianjin shows its dimension indices.
  await page.waitForFunction(() => window.__xinzhi.charts.nqpfMap);
  const mapped = await page.evaluate(() => window.__xinzhi.charts.nqpfMap.getOption().series[0].data);
  const scoredLast = api.cells.filter((c) => c.year === last && c.scored);
  // ECharts lists the map's other regions too, without a value: those are the grey ones.
  assert.deepEqual(mapped.filter((d) => d.value !== undefined), scoredLast.map((c) => ({ name: c.region, value: c.index })));
  assert.equal(mapped.find((d) => d.name === '台湾省')?.value, undefined);
  assert.match(await page.textContent('[data-testid="nqpf-map"]'), /灰色为无数据/);
  await page.evaluate(() => window.__xinzhi.charts.nqpfMap.trigger('click', { name: '天津市' }));
  await page.waitForSelector('[data-testid="nqpf-province-table"]');
  const dims = await page.$$eval('[data-testid="nqpf-province-table"] tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(dims, api.cells.find((c) => c.region === '天津市' && c.year === last).dimensions.map((d) => d.closeness.toFixed(3)));

  // The export link fetches a workbook.
  const href = await page.getAttribute('[data-testid="nqpf-xlsx"]', 'href');
  const book = await platform.fetch(`${base}${href}`);
  assert.equal(book.status, 200);
  assert.match(book.headers.get('content-type'), /spreadsheetml/);
  assert.ok((await book.arrayBuffer()).byteLength > 10000);

  // CRITIC weights: the page shows the API's CRITIC index.
  await page.selectOption('#nqpf-weights', 'critic');
  await page.waitForFunction(() => document.querySelector('[data-testid="nqpf-body"]')?.getAttribute('aria-busy') === 'false'
    && window.__xinzhi.charts.nqpfTrend);
  const critic = await (await platform.fetch(`${base}/api/nqpf/index?weights=critic`)).json();
  await page.waitForFunction((want) => document.querySelector('[data-testid="nqpf-ranks"] tbody tr td:nth-child(2)')?.textContent === want,
    critic.cells.find((c) => c.region === '北京市' && c.year === last).index.toFixed(3));
  assert.deepEqual(problems, []);
  await page.close();
});

test('R&D productivity: the chained Malmquist index of 京津冀 as the API computes it, with who is left out and why', { skip: !existsSync(PROVINCES) }, async () => {
  const page = await browser.newPage();
  const problems = watch(page);
  await page.goto(`${base}/#/overview`);
  await page.waitForSelector('[data-testid="tfp-table"]');
  const api = await (await platform.fetch(`${base}/api/nqpf/productivity`)).json();
  const shown = await page.evaluate(() => {
    const o = window.__xinzhi.charts.tfpTrend.getOption();
    return { years: o.xAxis[0].data, series: o.series.map((s) => ({ name: s.name, data: s.data })) };
  });
  assert.deepEqual(shown.years, api.years.map(String));
  assert.deepEqual(shown.series.map((s) => s.name), ['北京', '天津', '河北', '全国几何均值']);
  assert.deepEqual(shown.series[1].data, api.cumulative['天津市']);
  assert.deepEqual(shown.series[3].data, api.cumulative['全国均值']);
  const rows = await page.$$eval('[data-testid="tfp-table"] tbody tr', (rs) => rs.map((r) => [...r.children].map((c) => c.textContent)));
  const tianjin = api.province_means.find((m) => m.province === '天津市');
  const pct = (x) => `${x >= 1 ? '+' : ''}${((x - 1) * 100).toFixed(2)}%`;
  assert.deepEqual(rows[1].slice(0, 6), ['天津', pct(tianjin.tfpch), pct(tianjin.effch), pct(tianjin.techch), pct(tianjin.pech),
    `${tianjin.rank} / ${api.provinces}`]);
  // Tibet lacks 2012's technology-market turnover: left out of the frontier and said so, not scored as inefficient.
  assert.match(await page.textContent('[data-testid="tfp-left-out"]'), /西藏（2012 年缺 技术市场输出合同成交额）/);
  assert.match(await page.textContent('[data-testid="tfp-source"]'), /国家统计局.*2012–2023 年，30 个省份/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an analyst edits a system with a formula, is told where a broken one goes wrong, saves, reads its index, deletes it', { skip: !existsSync(PROVINCES) }, async () => {
  const page = await browser.newPage();
  const problems = watch(page);
  await openPanel(page);
  // A statistics-bureau workbook first: its series join those an indicator may read.
  await page.setInputFiles('#nqpf-workbook', join(root, 'tests/cli/fixtures/provinces-nbs/rd-expenditure.xlsx'));
  await page.waitForFunction(() => /已导入 rd-expenditure\.xlsx：1 个序列、35 个数值/.test(document.querySelector('[data-testid="nqpf-workbook-status"]')?.textContent ?? ''));
  assert.match(await page.textContent('[data-testid="nqpf-workbooks"]'), /rd-expenditure\.xlsx（.*analyst）/);
  await page.click('#nqpf-edit');
  await page.waitForSelector('[data-testid="nqpf-editor"]');
  assert.equal(await page.inputValue('#nqpf-edit-id'), 'three-elements-mine');
  assert.ok(await page.$('#nqpf-edit-series option[value="nbs/研究与试验发展(R&D)经费内部支出"]'), 'the workbook\'s series is offered');
  await page.fill('#nqpf-edit-id', 'rd-per-head');
  await page.fill('#nqpf-edit-name', '研发人均评价');
  const formula = page.locator('[data-testid="nqpf-edit-table"] tbody tr').first().locator('input.formula');
  await formula.fill('{RDActivity/v4_zh_nbzc_hj} / ');
  // A broken formula: refused with its place, in Chinese, and nothing saved.
  const before = problems.length;
  await page.click('#nqpf-edit-save');
  await page.waitForSelector('[data-testid="nqpf-edit-status"].error');
  assert.match(await page.textContent('[data-testid="nqpf-edit-status"]'), /dimensions\[0\]\.indicators\[0\]\.formula 的公式在第 29 个字符处有误/);
  problems.splice(before);  // the 400 above is the point of the step
  // Completed from the series list: the code goes where the cursor was.
  await formula.click();
  await formula.press('End');
  await page.selectOption('#nqpf-edit-series', 'RDLaborHour/v4_zh_qsdl_hj');
  await page.click('#nqpf-edit-insert');
  assert.equal(await formula.inputValue(), '{RDActivity/v4_zh_nbzc_hj} / {RDLaborHour/v4_zh_qsdl_hj}');
  // One more indicator from the platform's own data: patents per R&D personnel.
  await page.click('#nqpf-edit-add');
  const added = page.locator('[data-testid="nqpf-edit-table"] tbody tr').last();
  await added.locator('input').nth(1).fill('虚拟现实专利每万R&D人员');
  await added.locator('input').nth(2).fill('件/万人年');
  await added.locator('input.formula').fill('{platform/patents} / {RDLaborHour/v4_zh_qsdl_hj} * 10000');
  await page.click('#nqpf-edit-save');
  await page.waitForFunction(() => /已保存指标体系 rd-per-head/.test(document.querySelector('[data-testid="nqpf-edit-status"]')?.textContent ?? ''));
  assert.equal(await page.inputValue('#nqpf-system'), 'rd-per-head');
  const api = await (await platform.fetch(`${base}/api/nqpf/index?system=rd-per-head`)).json();
  assert.equal(api.indicators[0].source, '{RDActivity/v4_zh_nbzc_hj} / {RDLaborHour/v4_zh_qsdl_hj}');
  const last = api.years.at(-1);
  if (existsSync(VR)) {
    assert.equal(last, 2019);  // patents filed later are not all published yet
    await page.waitForSelector('[data-testid="nqpf-platform-source"]');
    assert.match(await page.textContent('[data-testid="nqpf-platform-source"]'), /专利取自 cnipa:cn-vr-2022\.csv.*只用 \d{4}–2019 年/);
  }
  await page.waitForFunction((want) => document.querySelector('[data-testid="nqpf-ranks"] tbody tr td:nth-child(2)')?.textContent === want,
    api.cells.find((c) => c.region === '北京市' && c.year === last).index.toFixed(3));
  // Deleted after a confirmation; the panel goes back to the first template.
  await page.click('#nqpf-edit');
  await page.click('#nqpf-edit-delete');
  await page.click('#nqpf-edit-delete-yes');
  await page.waitForFunction(() => document.querySelector('#nqpf-system')?.value === 'three-elements');
  const left = await (await platform.fetch(`${base}/api/nqpf/systems`)).json();
  assert.deepEqual(left.systems.map((x) => x.id), ['three-elements', 'tech-productivity']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a viewer reads the index; the API refuses an unknown weighting in Chinese', { skip: !existsSync(PROVINCES) }, async () => {
  const viewer = await signIn(base, 'viewer');
  const res = await fetch(`${base}/api/nqpf/index?system=tech-productivity`, { headers: { Cookie: viewer.cookie } });
  assert.equal(res.status, 200);
  const bad = await fetch(`${base}/api/nqpf/index?weights=bogus`, { headers: { Cookie: viewer.cookie } });
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).error.key, 'dea_bad_option');
  const enterprise = await signIn(base, 'enterprise');
  assert.equal((await fetch(`${base}/api/nqpf/index`, { headers: { Cookie: enterprise.cookie } })).status, 403);
  // A viewer has no edit button and may not save a system.
  const save = await fetch(`${base}/api/nqpf/systems`, { method: 'POST', headers: { Cookie: viewer.cookie, 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify({ id: 'x', name: 'x', dimensions: [] }) });
  assert.equal(save.status, 403);
  await browser.addCookies([{ name: 'xinzhi_session', value: viewer.value, url: base, httpOnly: true, sameSite: 'Strict' }]);
  const page = await browser.newPage();
  await openPanel(page);
  assert.equal(await page.$$eval('#nqpf-edit', (n) => n.length), 0);
  await page.close();
  await browser.addCookies([{ name: 'xinzhi_session', value: platform.session.value, url: base, httpOnly: true, sameSite: 'Strict' }]);
});
