// 共享工程师平台 in the browser: an analyst runs a dispatch round on the sample engineers and
// requests and reads why each proposal was made (score parts equal to the API's, matched terms,
// alternates with their cost); a decline with its reason and an acceptance with hours go through;
// a chokepoint row opens a request for engineers with its chain and segment; an enterprise asks
// for engineers as itself and sees only its own requests; a viewer has no access.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startPlatform, bin, signIn, watch } from './harness.mjs';

let platform, browser, base;
const month = (() => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
})();

before(async () => {
  platform = await startPlatform((db) => {
    execFileSync(bin, ['demo', 'engineers', '--db', db, '--month', month, '--log-level', 'warn']);
  });
  ({ browser, base } = platform);
});

after(async () => {
  await platform?.stop();
});

test('an analyst runs a round and reads why each engineer was proposed', async () => {
  const page = await browser.newPage();
  const problems = watch(page);
  await page.goto(`${base}/#/engineers`);
  await page.waitForSelector('main[data-page="engineers"][aria-busy="false"] [data-testid="engineer-requests-table"]');
  assert.equal(await page.$$eval('[data-testid="engineer-requests-table"] tbody tr', (r) => r.length), 6);
  assert.match(await page.textContent('[data-testid="engineer-requests"]'), /示例数据/);
  assert.equal(await page.$$eval('[data-testid="engineer-registry-table"] tbody tr', (r) => r.length), 12);

  await page.fill('#round-month', month);
  await page.click('#round-run');
  await page.waitForSelector('[data-testid="engineer-dispatches-table"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="engineers-message"]')?.textContent === '本轮派遣已完成。');
  const api = await (await platform.fetch(`${base}/api/engineer-dispatches`)).json();
  assert.equal(api.dispatches.length, 7);
  const shown = await page.$$eval('[data-testid="engineer-dispatches-table"] tbody tr', (rows) =>
    rows.map((r) => [r.children[0].textContent, r.children[1].textContent, r.children[2].textContent, r.children[3].textContent]));
  assert.deepEqual(shown.map((r) => r.slice(0, 3)), api.dispatches.map((d) => [d.firm, d.engineer, d.score.toFixed(2)]));
  for (const [i, d] of api.dispatches.entries()) {
    const e = d.explanation;
    assert.ok(shown[i][3].startsWith(`技能 ${e.skills.toFixed(2)} · 环节 ${e.segment.toFixed(2)} · 距离 ${e.location.toFixed(2)}`), shown[i][3]);
    assert.ok(shown[i][3].includes(`匹配词：${e.matched.join('、')}`), shown[i][3]);
  }
  assert.match(await page.textContent('[data-testid="engineer-round-summary"]'), /6 个需求，12 位有余量的工程师，7 条建议，0 个名额暂缺/);
  assert.match(await page.textContent('[data-testid="engineer-dispatches-table"] tbody tr:first-child td:nth-child(5)'), /改派使总分减少 \d+\.\d\d/);

  // The first engineer declines (no time this month), the second accepts and records hours.
  const [first, second] = api.dispatches;
  const capacityOf = async (name) => (await (await platform.fetch(`${base}/api/engineers/load?from=${month}&to=${month}`)).json())
    .load.find((c) => c.engineer === name).capacity;
  await page.selectOption(`[data-testid="engineer-dispatches-table"] tbody tr:nth-child(1) select`, 'no_time');
  await page.click(`[data-testid="decline-${first.id}"]`);
  await page.waitForFunction((id) => !document.querySelector(`[data-testid="decline-${id}"]`), first.id);
  await page.click(`[data-testid="accept-${second.id}"]`);
  await page.waitForSelector(`[data-testid="report-${second.id}"]`);
  await page.fill('[data-testid="engineer-dispatches-table"] tbody tr:nth-child(2) input[type="number"]', '12.5');
  await page.fill('[data-testid="engineer-dispatches-table"] tbody tr:nth-child(2) input:not([type])', '完成快充模块测试方案');
  await page.click(`[data-testid="report-${second.id}"]`);
  await page.waitForFunction(() => document.querySelector('[data-testid="engineer-dispatches-table"] tbody tr:nth-child(2)')?.textContent.includes('已完成，12.5 小时'));
  const after = (await (await platform.fetch(`${base}/api/engineer-dispatches`)).json()).dispatches;
  assert.equal(after[0].status, 'declined');
  assert.equal(after[0].reason, 'no_time');
  assert.equal(after[1].status, 'done');
  assert.equal(after[1].hours, 12.5);
  // "No time this month": that engineer's capacity becomes the work already given them then;
  // the load table shows the hours.
  const otherWork = after.filter((d) => d.engineer === first.engineer && d.id !== first.id
    && ['proposed', 'accepted', 'done'].includes(d.status)).length;
  assert.equal(await capacityOf(first.engineer), otherWork);
  // The load table is redrawn after the proposals; wait for it rather than read it mid-redraw.
  await page.waitForFunction(() => document.querySelector('[data-testid="engineer-load-table"]')?.textContent.includes('12.5 小时'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a chokepoint row opens a request for engineers with its chain and segment', async () => {
  const page = await browser.newPage();
  const problems = watch(page);
  await page.goto(`${base}/#/chokepoint?c=${encodeURIComponent('新能源汽车（示例）')}`);
  await page.waitForSelector('main[data-page="chokepoint"][aria-busy="false"] [data-testid="chokepoint-table"]');
  const segment = await page.$eval('[data-testid="chokepoint-table"] [data-testid="ask-engineers"]', (a) => a.dataset.segment);
  await page.click('[data-testid="chokepoint-table"] [data-testid="ask-engineers"]');
  await page.waitForSelector('main[data-page="engineers"][aria-busy="false"] [data-testid="engineer-request-origin"]');
  assert.match(await page.textContent('[data-testid="engineer-request-origin"]'), /该需求来自卡脖子环节/);
  assert.equal(await page.inputValue('#eng-segment'), segment);
  await page.fill('#eng-firm', '天津示例企业');
  await page.fill('#eng-problem', `${segment}关键工艺攻关`);
  await page.fill('#eng-skills', '工艺, 测试');
  await page.click('#eng-submit');
  await page.waitForFunction(() => /已提交需求 \d+/.test(document.querySelector('[data-testid="engineers-message"]')?.textContent ?? ''));
  const requests = (await (await platform.fetch(`${base}/api/engineer-requests`)).json()).requests;
  const made = requests.at(-1);
  assert.equal(made.origin, 'chokepoint');
  assert.equal(made.segment, segment);
  assert.deepEqual(made.skills, ['工艺', '测试']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an enterprise asks as itself and sees only its own requests; a viewer has no access', async () => {
  const firm = await signIn(base, 'enterprise');
  const asFirm = (path, init = {}) => fetch(`${base}${path}`, { ...init, headers: { ...(init.headers ?? {}), Cookie: firm.cookie, 'X-CSRF-Token': firm.csrf, Origin: base, 'Content-Type': 'application/json' } });
  const res = await asFirm('/api/engineer-requests', { method: 'POST', body: JSON.stringify({ firm: '别人的企业', problem: '焊接变形控制', month, skills: ['焊接'] }) });
  assert.equal(res.status, 201, await res.text());
  const own = (await (await asFirm('/api/engineer-requests')).json()).requests;
  assert.equal(own.length, 1);
  assert.equal(own[0].firm, '天津海河智能装备有限公司（示例）');
  assert.equal((await asFirm('/api/engineer-rounds', { method: 'POST', body: JSON.stringify({ month }) })).status, 403);
  const viewer = await signIn(base, 'viewer');
  assert.equal((await fetch(`${base}/api/engineer-requests`, { headers: { Cookie: viewer.cookie } })).status, 403);
});
