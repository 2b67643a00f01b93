// 国际技术转移管家 in the browser: an analyst reads the NASA listings with their source, picks a
// sample demand and sees the English listings that answer it with the shared terms in both
// languages (as the API ranks them), opens a case, is refused a signature while the checklist
// is open (in Chinese), works it through and signs; the published gas-network scenario shows its
// overseas technologies on the scenario page; an enterprise posts a demand as itself and sees only
// its own; a viewer has no access.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startPlatform, bin, root, signIn, watch } from './harness.mjs';

const NASA = join(root, '../shared/data/matching/nasa-patents.csv');
let platform, browser, base;

before(async () => {
  platform = await startPlatform((db) => {
    if (existsSync(NASA)) execFileSync(bin, ['transfer', 'import', NASA, '--db', db, '--log-level', 'warn']);
    execFileSync(bin, ['demo', 'transfer', '--db', db, '--log-level', 'warn']);
    execFileSync(bin, ['demo', 'scenarios', '--db', db, '--log-level', 'warn']);
  });
  ({ browser, base } = platform);
});

after(async () => {
  await platform?.stop();
});

test('an analyst matches a demand to NASA listings, opens a case and signs it once the checklist is done', { skip: !existsSync(NASA) }, async () => {
  const page = await browser.newPage();
  const problems = watch(page);
  await page.goto(`${base}/#/transfer`);
  await page.waitForSelector('main[data-page="transfer"][aria-busy="false"] [data-testid="transfer-demands-table"]');
  assert.equal(await page.$$eval('[data-testid="transfer-demands-table"] tbody tr', (r) => r.length), 6);
  assert.match(await page.textContent('[data-testid="transfer-demands"]'), /示例数据/);
  assert.match(await page.textContent('[data-testid="listing-source"]'), /NASA 专利组合导出（data\.nasa\.gov），最近导入 .*共 1393 项/);

  const demands = (await (await platform.fetch(`${base}/api/transfer/demands`)).json()).demands;
  const lidar = demands.find((d) => d.title.startsWith('激光雷达'));
  await page.click(`[data-testid="match-demand-${lidar.id}"]`);
  await page.waitForSelector('[data-testid="transfer-matches-table"]');
  const api = (await (await platform.fetch(`${base}/api/transfer/matches?demand=${lidar.id}&top=10`)).json()).matches;
  const shown = await page.$$eval('[data-testid="transfer-matches-table"] tbody tr', (rows) =>
    rows.map((r) => [r.children[0].textContent, r.children[4].textContent, r.children[5].textContent, r.children[6].textContent]));
  assert.deepEqual(shown.map((r) => r.slice(0, 3)),
    api.map((m) => [m.listing_ref, `${Math.round(m.coverage * 100)}%`, m.score.toFixed(2)]));
  assert.match(shown[0][3], /lidar \/ 激光雷达/);

  // A case for the best match: signing is refused while the checklist is open, in Chinese.
  const best = api[0];
  await page.click(`[data-testid="open-case-${best.listing_id}"]`);
  await page.waitForFunction(() => document.querySelector('[data-testid="transfer-message"]')?.textContent.startsWith('已立案'));
  const cases = (await (await platform.fetch(`${base}/api/transfer/cases`)).json()).cases;
  const id = cases[0].id;
  assert.equal(cases[0].listing_id, best.listing_id);
  await page.click(`[data-testid="sign-${id}"]`);
  await page.waitForFunction(() => /清单还有 4 项未完成（如：法律适配/.test(document.querySelector('[data-testid="transfer-message"]')?.textContent ?? ''));
  const steps = [['legal_adaptation', 'done', '已完成'], ['standards_recognition', 'not_applicable', '不适用'],
    ['scenario_docking', 'done', '已完成'], ['ip_due_diligence', 'done', '已完成']];
  for (const [row, [item, state, shownState]] of steps.entries()) {
    await page.selectOption(`[data-testid="state-${id}-${item}"]`, state);
    await page.click(`[data-testid="save-${id}-${item}"]`);
    // The state column is the stored state, drawn again from the server after the save.
    await page.waitForFunction(([c, r, s]) => document.querySelector(
      `[data-testid="case-${c}-checks"] tbody tr:nth-child(${r + 1}) td:nth-child(2)`)?.textContent === s
      && document.querySelector('[data-testid="transfer-message"]')?.textContent === '已保存。', [id, row, shownState]);
  }
  await page.click(`[data-testid="sign-${id}"]`);
  await page.waitForFunction((c) => document.querySelector(`[data-testid="case-${c}"] h3`)?.textContent.includes('已签约'), id);
  const signed = (await (await platform.fetch(`${base}/api/transfer/cases`)).json()).cases[0];
  assert.equal(signed.status, 'signed');
  assert.deepEqual(signed.checks.map((c) => c.state), ['done', 'not_applicable', 'done', 'done']);
  // The match now names its case.
  await page.click(`[data-testid="match-demand-${lidar.id}"]`);
  await page.waitForFunction((l) => document.querySelector(`[data-testid="case-of-${l}"]`)?.textContent.includes('已签约'), best.listing_id);
  assert.deepEqual(problems.filter((p) => !p.startsWith('400 /api/transfer/cases/')), []);
  await page.close();
});

test('a published scenario shows the overseas technologies that answer it', { skip: !existsSync(NASA) }, async () => {
  const page = await browser.newPage();
  const problems = watch(page);
  const scenarios = (await (await platform.fetch(`${base}/api/scenarios`)).json()).scenarios;
  const gas = scenarios.find((s) => s.title === '城市生命线燃气管网监测（示例）');
  await page.goto(`${base}/#/scenario?s=${gas.id}`);
  await page.waitForSelector('main[data-page="scenario"][aria-busy="false"] [data-testid="scenario-technologies-table"]');
  const api = (await (await platform.fetch(`${base}/api/transfer/matches?scenario=${gas.id}&top=5`)).json()).matches;
  const refs = await page.$$eval('[data-testid="scenario-technologies-table"] tbody tr td:first-child', (c) => c.map((x) => x.textContent));
  assert.deepEqual(refs, api.map((m) => m.listing_ref));
  assert.match(await page.textContent('[data-testid="scenario-technologies-table"]'), /leak \/ 泄漏/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an enterprise posts a demand as itself and sees only its own; a viewer has no access', async () => {
  const firm = await signIn(base, 'enterprise');
  const asFirm = (path, init = {}) => fetch(`${base}${path}`, { ...init, headers: { ...(init.headers ?? {}), Cookie: firm.cookie, 'X-CSRF-Token': firm.csrf, Origin: base, 'Content-Type': 'application/json' } });
  const res = await asFirm('/api/transfer/demands', { method: 'POST', body: JSON.stringify({ org: '别人的企业', title: '焊接质量检测', text: '搅拌摩擦焊的超声无损检测' }) });
  assert.equal(res.status, 201, await res.text());
  const own = (await (await asFirm('/api/transfer/demands')).json()).demands;
  assert.equal(own.length, 1);
  assert.equal(own[0].org, '天津海河智能装备有限公司（示例）');
  assert.equal((await asFirm('/api/transfer/cases', { method: 'POST', body: JSON.stringify({ listing: 1, demand: own[0].id }) })).status, 403);
  const viewer = await signIn(base, 'viewer');
  assert.equal((await fetch(`${base}/api/transfer/demands`, { headers: { Cookie: viewer.cookie } })).status, 403);
  const page = await browser.newPage();
  await browser.addCookies([{ name: 'xinzhi_session', value: viewer.value, url: base, httpOnly: true, sameSite: 'Strict' }]);
  await page.goto(`${base}/#/transfer`);
  await page.waitForSelector('main[data-page="transfer"][aria-busy="false"]');
  assert.match(await page.textContent('main'), /你的账户无权查看此页/);
  await page.close();
});
