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
  assert.deepEqual(chips.map((c) => c.status), atlas.segments.map((s) => (s.missing ? 'missing' : s.weak ? 'weak' : 'covered')));
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
    [['missing', '缺失'], ['weak', '薄弱'], ['covered', '已覆盖']]);
  // The edit history reads as sentences: the chain's creation, in Beijing time, by whom (the
  // sample was seeded from the command line, named as the audit trail names it), no JSON.
  const created = await page.textContent('[data-testid="edit-log"] li:last-child');
  assert.match(created, /^创建 · 10 个环节，20 家企业，来源：由知识图谱推导\d{4}-\d{2}-\d{2} \d{2}:\d{2} 北京时间 · 操作人：cli:\S+$/);
  assert.doesNotMatch(await page.textContent('[data-testid="edit-log"]'), /[{}"]/);
  await page.screenshot({ path: join(artifacts, 'chain-sample.png'), fullPage: true });
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
  assert.equal(await page.getAttribute('.segment-chip[data-segment="数据库"]', 'data-status'), 'missing');
  await page.selectOption('#edit-action', 'add_firm');
  await page.fill('#edit-segment', '数据库');
  await page.fill('#edit-firm', '天津市南开区示例数据库有限公司');
  await page.fill('#edit-role', '研发');
  await page.click('#edit-apply');
  await page.waitForFunction(() => document.querySelector('.segment-chip[data-segment="数据库"]')?.dataset.status !== 'missing');
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
