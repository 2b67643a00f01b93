// 产业关联 on the chain atlas, in the browser: the sample UK table's numbers for each segment
// equal the API's, unmapped segments say so, an analyst maps a segment in place, a viewer
// reads without the editing boxes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { startPlatform, bin, root, signIn } from './harness.mjs';

const ukTable = join(root, '../shared/data/io/uk-2010-iot-domestic.csv');
let platform, browser, base;

before(async () => {
  platform = await startPlatform((db) => {
    if (existsSync(ukTable)) execFileSync(bin, ['demo', 'linkage', ukTable, '--db', db, '--log-level', 'warn']);
  });
  ({ browser, base } = platform);
});

after(async () => {
  await platform?.stop();
});

const chain = '新能源汽车（示例）';
const rowsShown = (page) => page.$$eval('[data-testid="linkages-table"] tbody tr', (trs) => trs.map((tr) => {
  const cells = [...tr.querySelectorAll('td')];
  const input = cells[1].querySelector('input');
  return [cells[0].textContent, input ? input.value : cells[1].textContent, cells[2].textContent, cells[3].textContent];
}));

test('each segment shows its sector, multiplier and rank as the API gives them', { skip: !existsSync(ukTable) }, async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/#/chain?c=${encodeURIComponent(chain)}`);
  await page.waitForSelector('[data-testid="linkages-table"]');
  const api = await (await platform.fetch(`${base}/api/chains/${encodeURIComponent(chain)}/linkages`)).json();
  assert.equal(api.table.sample, true);
  assert.equal(api.mapped, 10);
  assert.deepEqual(await rowsShown(page), api.segments.map((r) => [r.segment, r.sector ?? '未对应',
    r.output_multiplier === undefined ? '—' : r.output_multiplier.toFixed(3), r.multiplier_rank ? `${r.multiplier_rank} / ${api.table.sectors}` : '—']));
  assert.match(await page.textContent('[data-testid="linkages-sample"]'), /^示例：此表为英国 2010 年投入产出表/);
  assert.match(await page.textContent('[data-testid="linkages-source"]'), /数据来源：示例：英国 2010 年投入产出表（ONS，国内产品×产品）（127 个部门，导入于 \d{4}-\d\d-\d\d \d\d:\d\d 北京时间/);

  // The analyst clears one mapping: it shows as missing, and the API agrees.
  await page.fill('input[data-segment="充电设施"]', '');
  await page.click('button[data-save-segment="充电设施"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="linkages-summary"]')?.textContent?.includes('9 个已对应'));
  const after = await (await platform.fetch(`${base}/api/chains/${encodeURIComponent(chain)}/linkages`)).json();
  assert.equal(after.segments.find((r) => r.segment === '充电设施').sector, null);
  // A sector the table does not have is refused in Chinese and changes nothing.
  await page.fill('input[data-segment="整车制造"]', '不存在的部门');
  await page.click('button[data-save-segment="整车制造"]');
  await page.waitForSelector('[data-testid="linkages-message"]:visible');
  assert.match(await page.textContent('[data-testid="linkages-message"]'), /中没有部门“不存在的部门”，请从列表中选择/);
  const unchanged = await (await platform.fetch(`${base}/api/chains/${encodeURIComponent(chain)}/linkages`)).json();
  assert.equal(unchanged.segments.find((r) => r.segment === '整车制造').sector, 'Motor vehicles, trailers and semi-trailers');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a viewer reads the linkages without the editing boxes', { skip: !existsSync(ukTable) }, async () => {
  const session = await signIn(base, 'viewer');
  await browser.addCookies([{ name: 'xinzhi_session', value: session.value, url: base, httpOnly: true, sameSite: 'Strict' }]);
  const page = await browser.newPage();
  await page.goto(`${base}/#/chain?c=${encodeURIComponent(chain)}`);
  await page.waitForSelector('[data-testid="linkages-table"]');
  assert.equal(await page.$$eval('[data-testid="linkages-table"] input', (n) => n.length), 0);
  await page.close();
  await browser.addCookies([{ name: 'xinzhi_session', value: platform.session.value, url: base, httpOnly: true, sameSite: 'Strict' }]);
});
