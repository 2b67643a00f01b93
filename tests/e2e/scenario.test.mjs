// Browser test of 场景创新合伙人, a full round as the right roles: the analyst publishes a list
// and a scenario and assigns three experts; two enterprises and a lab apply; the analyst opens
// the evaluation; three experts judge and score in the page; the ranking shown equals the
// CLI's evaluation of the same database, and so does the report workbook; the analyst decides
// the first trial; anyone can read the published list without signing in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startPlatform, signIn, bin, artifacts } from './harness.mjs';

let platform, browser, base;

before(async () => {
  // The demo scenarios too: one in 评估 with three experts' scores, one in 征集.
  platform = await startPlatform((db) => execFileSync(bin, ['demo', 'scenarios', '--db', db]), { user: null });
  ({ browser, base } = platform);
});

after(async () => {
  await platform?.stop();
});

async function session(username) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${base}/#/scenario`);
  await page.waitForSelector('[data-testid="login-form"]');
  await page.fill('#login-username', username);
  await page.fill('#login-password', `demo-${username}-2026`);
  await page.click('#login-submit');
  await page.waitForSelector('main[data-page="scenario"][aria-busy="false"] h1');
  return {
    page, problems,
    async open(hash) {
      await page.goto(`${base}/${hash}`);
      await page.waitForSelector('main[aria-busy="false"] h1');
    },
    // Clicks and waits until the page has redrawn (every write redraws it).
    async submit(selector) {
      const before = await page.evaluate(() => (window.__draws = (window.__draws ?? 0)));
      await page.evaluate(() => window.addEventListener('hashchange', () => { window.__draws = (window.__draws ?? 0) + 1; }, { once: true }));
      // A message still shown from an earlier refusal would end the wait below at once and be
      // read as this write's answer (it did, in CI): hide it, so only a new answer shows it.
      await page.evaluate(() => { const n = document.querySelector('[data-testid="scenario-message"]'); if (n) { n.style.display = 'none'; n.textContent = ''; } });
      await page.click(selector);
      await page.waitForFunction((n) => window.__draws > n || document.querySelector('[data-testid="scenario-message"]')?.style.display === '', before);
      await page.waitForSelector('main[aria-busy="false"] h1');
      const error = await page.$eval('[data-testid="scenario-message"]', (n) => (n.style.display === '' ? n.textContent : '')).catch(() => '');
      assert.equal(error, '', `${selector}: ${error}`);
    },
    async close() {
      await page.click('#sign-out');
      await page.waitForSelector('[data-testid="login-form"]');
      assert.deepEqual(problems, []);
      await page.close();
    },
  };
}

test('a full scenario round in the browser, with the report equal to the CLI', async () => {
  // The analyst publishes.
  let s = await session('analyst');
  await s.page.fill('#new-list-title', '2026年第二批场景清单（测试）');
  await s.submit('#new-list-add');
  const api = (path) => s.page.evaluate(async (p) => (await fetch(p)).json(), path);
  const listId = (await api('/api/scenario-lists')).lists.find((l) => l.title.startsWith('2026年第二批')).id;
  await s.page.selectOption('#new-scenario-list', String(listId));
  await s.page.fill('#new-scenario-title', '港口堆场智能理货（测试）');
  await s.page.fill('#new-scenario-field', '港口');
  await s.page.fill('#new-scenario-location', '天津港南疆');
  await s.page.fill('#new-scenario-needs', '集装箱箱号与残损识别准确率 99%');
  await s.page.fill('#new-scenario-budget', '500');
  await s.submit('#new-scenario-add');
  await s.submit(`[data-testid="publish-${listId}"]`);
  const created = (await api('/api/scenarios')).scenarios.find((x) => x.title === '港口堆场智能理货（测试）');
  assert.equal(created.stage, '征集');
  const id = created.id;
  await s.open(`#/scenario?s=${id}`);
  // The indicator tree is editable during the call: drop one sub-indicator.
  const tree = await s.page.inputValue('#indicator-editor');
  assert.match(tree, /社会效益贡献度：产业带动与就业、安全与绿色、公共服务提升/);
  await s.page.fill('#indicator-editor', tree.replace('产业带动与就业、', ''));
  await s.submit('#indicator-save');
  assert.equal((await api(`/api/scenarios/${id}/indicators`)).indicators.length, 11);
  for (const expert of ['analyst', 'park', 'admin']) {
    await s.page.fill('#expert-username', expert);
    await s.submit('#expert-add');
  }
  // Experts by the names people know them by (the API used to give the analyst usernames only).
  assert.equal(await s.page.textContent('[data-testid="expert-list"]'), '系统管理员（示例）、科技局分析师（示例）、园区运营（示例）');
  await s.close();

  // Two enterprises and a lab apply, each for its own organisation.
  const solutions = { enterprise: ['基于视觉大模型的理货系统', 7], enterprise2: ['激光雷达与视觉融合理货', 6], lab: ['箱号识别算法原型', 4] };
  for (const [user, [solution, trl]] of Object.entries(solutions)) {
    s = await session(user);
    await s.open(`#/scenario?s=${id}`);
    await s.page.fill('#apply-solution', solution);
    await s.page.fill('#apply-evidence', '测试报告');
    await s.page.selectOption('#apply-trl', String(trl));
    await s.submit('#apply-submit');
    const rows = await s.page.$$eval('[data-testid="application-table"] tbody tr', (trs) => trs.length);
    assert.equal(rows, 1, `${user} sees only its own application`);
    await s.close();
  }

  s = await session('analyst');
  await s.open(`#/scenario?s=${id}`);
  assert.equal(await s.page.$$eval('[data-testid="application-table"] tbody tr', (trs) => trs.length), 3);
  await s.submit('[data-advance="评估"]');
  await s.close();

  // Three experts judge and score in the page.
  const plans = {
    analyst: { judge: { '0-0-1': '3', '0-0-2': '5', '0-1-2': '3' }, base: 80 },
    park: { judge: { '0-0-1': '1', '0-0-2': '3', '0-1-2': '3' }, base: 75 },
    admin: { judge: { '0-0-1': '5', '0-0-2': '7', '0-1-2': '1' }, base: 70 },
  };
  for (const [user, plan] of Object.entries(plans)) {
    s = await session(user);
    await s.open(`#/scenario?s=${id}`);
    await s.page.waitForSelector('[data-testid="scoring"]');
    for (const [cell, value] of Object.entries(plan.judge)) await s.page.selectOption(`[data-judge="${cell}"]`, value);
    const inputs = await s.page.$$('[data-score]');
    for (const [k, input] of inputs.entries()) await input.fill(String(plan.base + ((k * 7) % 19) - 9));
    await s.submit('#scoring-submit');
    // The redrawn form shows what this expert entered.
    assert.equal(await s.page.inputValue('[data-judge="0-0-1"]'), plan.judge['0-0-1']);
    assert.equal(await s.page.inputValue('[data-score]'), String(plan.base - 9));
    await s.close();
  }

  // The analyst reads the evaluation: the page shows what the CLI computes from the same database.
  s = await session('analyst');
  await s.open(`#/scenario?s=${id}`);
  await s.page.waitForSelector('[data-testid="evaluation"] [data-testid="ranking-table"]');
  await s.page.waitForSelector('#chart-sensitivity canvas');
  const shown = await s.page.$$eval('[data-testid="ranking-table"] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  const evaluation = JSON.parse(execFileSync(bin, ['scenario', 'evaluate', String(id), '--db', platform.db, '--json'], { encoding: 'utf8' }));
  const expected = [...evaluation.applications].sort((a, b) => a.rank - b.rank)
    .map((a) => [String(a.rank), a.org, String(a.trl), a.closeness.toFixed(4), a.fce_score.toFixed(2), a.fce_grade]);
  assert.deepEqual(shown, expected);
  const weights = await s.page.$$eval('[data-testid="weight-table"] tbody tr td:nth-child(4)', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(weights, evaluation.weights.map((w) => w.toFixed(4)));
  // The report workbook downloaded from the page: its ranking sheet holds the CLI's numbers.
  const href = await s.page.getAttribute('[data-testid="report-xlsx"]', 'href');
  const xlsx = Buffer.from(await s.page.evaluate(async (url) => {
    const r = await fetch(url);
    return [...new Uint8Array(await r.arrayBuffer())];
  }, href));
  const file = join(tmpdir(), `scenario-${process.pid}.xlsx`);
  writeFileSync(file, xlsx);
  const sheet = JSON.parse(execFileSync('/usr/bin/python3', ['-c',
    "import json,sys,openpyxl; ws=openpyxl.load_workbook(sys.argv[1])['排序']; print(json.dumps([[c.value for c in r] for r in ws.iter_rows(min_row=2)]))", file],
  { encoding: 'utf8' }));
  for (const a of evaluation.applications) {
    const row = sheet.find((r) => r[0] === a.org);
    assert.ok(Math.abs(row[1] - a.closeness) < 1e-12, a.org);
    assert.equal(row[6], a.rank);
  }
  await s.page.screenshot({ path: join(artifacts, 'scenario-evaluation.png'), fullPage: true });

  // The decision: the top-ranked application gets its first trial.
  const top = evaluation.applications.find((a) => a.rank === 1);
  await s.page.selectOption('#decide-application', String(top.id));
  await s.page.fill('#decide-text', `综合排名第一：${top.org}`);
  await s.submit('#decide-submit');
  assert.match(await s.page.textContent('[data-testid="scenario-stage"] li.current'), /首试首用/);
  assert.match(await s.page.textContent('[data-testid="scenario-decision"]'), /综合排名第一/);
  await s.close();

  // The published list is public: no session needed.
  const open = await (await fetch(`${base}/api/scenarios/public`)).json();
  assert.ok(open.lists.some((l) => l.scenarios.some((x) => x.title === '港口堆场智能理货（测试）' && x.stage === '首试首用')));
  assert.equal((await fetch(`${base}/api/scenarios/${id}/applications`)).status, 401);
});

// Calls the API as `username` (a write carries the CSRF token and the origin).
async function as(username) {
  const who = await signIn(base, username);
  return (method, path, body) => fetch(`${base}${path}`, {
    method, body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Cookie: who.cookie, Origin: base, 'X-CSRF-Token': who.csrf },
  }).then(async (r) => { const text = await r.text(); assert.ok(r.ok, `${method} ${path}: ${text}`); return JSON.parse(text); });
}

test('the decision follows the ranking, asks for a reason against it, and termination asks first', async () => {
  const analystApi = await as('analyst');
  const { scenarios } = await analystApi('GET', '/api/scenarios');
  const id = scenarios.find((x) => x.title === '港口集装箱无人集卡协同调度（示例）').id;
  const { applications } = await analystApi('GET', `/api/scenarios/${id}/applications`);
  const { indicators } = await analystApi('GET', `/api/scenarios/${id}/indicators`);
  const leaves = indicators.filter((i) => !indicators.some((c) => c.parent_id === i.id));
  // Every expert rescores so that the second applicant by submission comes first.
  const [first, second, third] = applications;
  for (const expert of ['admin', 'analyst', 'park']) {
    const api = await as(expert);
    for (const [a, score] of [[first, 60], [second, 95], [third, 50]]) {
      await api('POST', `/api/scenarios/${id}/scores`, { application_id: a.id, scores: Object.fromEntries(leaves.map((l) => [String(l.id), score])) });
    }
  }
  const evaluation = await analystApi('GET', `/api/scenarios/${id}/evaluation`);
  const rankOf = (a) => evaluation.applications.find((x) => x.id === a.id).rank;
  assert.equal(rankOf(second), 1);
  assert.equal(rankOf(first), 2);

  const s = await session('analyst');
  const writes = [];
  s.page.on('request', (r) => { if (r.method() === 'POST') writes.push(new URL(r.url()).pathname); });
  await s.open(`#/scenario?s=${id}`);
  // The picker starts on the top-ranked application, not the first to apply.
  assert.equal(await s.page.inputValue('#decide-application'), String(second.id));
  assert.equal(await s.page.isVisible('[data-testid="decide-warning"]'), false);
  // Choosing against the ranking warns, and a decision without a reason is not sent.
  await s.page.selectOption('#decide-application', String(first.id));
  assert.equal(await s.page.textContent('[data-testid="decide-warning"]'),
    `所选的“${first.org}”综合排名第 2，不是第一名（第一名为“${second.org}”）。请在“决定”一栏写明不选第一名的理由。`);
  await s.page.click('#decide-submit');
  assert.equal(await s.page.textContent('[data-testid="scenario-message"]'), '未选择排名第一的申报单位时，必须写明理由。');
  // 终止 asks first; cancelling changes nothing.
  await s.page.click('[data-advance="终止"]');
  assert.match(await s.page.textContent('[data-testid="terminate-confirmation"]'), /^确定终止“港口集装箱无人集卡协同调度（示例）”？/);
  await s.page.click('#terminate-cancel');
  assert.equal(await s.page.isVisible('[data-testid="terminate-confirmation"]'), false);
  assert.deepEqual(writes, []);
  // With a reason the decision goes through; the page confirms it and the banner names the firm.
  await s.page.fill('#decide-text', '现场条件更适合第二名的方案');
  await s.submit('#decide-submit');
  assert.equal(await s.page.textContent('[data-testid="scenario-notice"]'), `已确定由“${first.org}”首试首用。`);
  assert.equal(await s.page.textContent('[data-testid="scenario-decision"]'), `决定：由“${first.org}”首试首用。现场条件更适合第二名的方案`);

  // Terminating the scenario still in 征集: confirmed, then said.
  const open = scenarios.find((x) => x.stage === '征集' && x.title.includes('示例'));
  await s.open(`#/scenario?s=${open.id}`);
  await s.page.click('[data-advance="终止"]');
  await s.submit('#terminate-confirm');
  assert.equal(await s.page.textContent('[data-testid="scenario-notice"]'), '场景已终止。');
  assert.match(await s.page.textContent('[data-testid="scenario-stage"] li.current'), /终止/);
  await s.close();

  // Administrators read the account list, so they see the experts by name.
  const names = Object.fromEntries((await (await as('admin'))('GET', '/api/accounts')).accounts.map((a) => [a.username, a.display_name]));
  const admin = await session('admin');
  await admin.open(`#/scenario?s=${id}`);
  assert.equal(await admin.page.textContent('[data-testid="expert-list"]'), ['admin', 'analyst', 'park'].map((u) => names[u]).join('、'));
  await admin.close();
});
