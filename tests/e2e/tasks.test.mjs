// 任务清单制 in the browser: an analyst reads the sample national list with its source, picks a
// demand and sees the local bodies that answer it (as the API ranks them, shared terms shown),
// puts the best into 储备, is refused the gate into 成熟 in Chinese while a criterion is unticked,
// then moves it through 成熟 to 申报 with every criterion recorded; an enterprise sees only its
// own candidacies and cannot move them; a viewer has no access.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startPlatform, bin, root, signIn, watch } from './harness.mjs';

const LIST = join(root, 'data/tasks/sample-national-demands-2026.csv');
let platform, browser, base;

before(async () => {
  platform = await startPlatform((db) => {
    execFileSync(bin, ['tasks', 'import', LIST, '--year', '2026', '--db', db, '--log-level', 'warn']);
  });
  ({ browser, base } = platform);
});

after(async () => {
  await platform?.stop();
});

test('an analyst matches a national demand and moves a firm through the pool gates', async () => {
  const page = await browser.newPage();
  const problems = watch(page);
  await page.goto(`${base}/#/tasks`);
  await page.waitForSelector('main[data-page="tasks"][aria-busy="false"] [data-testid="task-table"]');
  assert.equal(await page.$$eval('[data-testid="task-table"] tbody tr', (r) => r.length), 6);
  assert.match(await page.textContent('[data-testid="task-list"]'), /示例数据/);
  assert.match(await page.textContent('[data-testid="task-source"]'), /2026 · sample-national-demands-2026\.csv/);

  const tasks = (await (await platform.fetch(`${base}/api/tasks`)).json()).tasks;
  const battery = tasks.find((t) => t.title.startsWith('高安全长寿命动力电池'));
  await page.click(`[data-testid="task-match-${battery.id}"]`);
  await page.waitForSelector('[data-testid="task-matches-table"]');
  const api = (await (await platform.fetch(`${base}/api/tasks/${battery.id}/matches?top=10`)).json()).matches;
  const shown = await page.$$eval('[data-testid="task-matches-table"] tbody tr', (rows) =>
    rows.map((r) => [r.children[0].textContent, r.children[4].textContent, r.children[5].textContent]));
  assert.deepEqual(shown, api.map((m) => [m.org, `${Math.round(m.coverage * 100)}%`, m.score.toFixed(2)]));
  assert.match(await page.textContent('[data-testid="task-matches-table"] tbody tr:first-child'), /电池/);

  const best = api[0];
  await page.click(`[data-testid="pool-add"][data-org="${best.org}"]`);
  await page.waitForFunction(() => document.querySelector('[data-testid="tasks-message"]')?.textContent.startsWith('已将'));
  const candidate = (await (await platform.fetch(`${base}/api/task-pool`)).json()).candidates[0];
  assert.equal(candidate.org, best.org);
  assert.equal(candidate.stage, '储备');
  // Two of three criteria: refused, in Chinese, naming the one missing.
  await page.check(`[data-testid="crit-${candidate.id}-team"]`);
  await page.check(`[data-testid="crit-${candidate.id}-partner"]`);
  await page.click(`[data-testid="move-${candidate.id}"]`);
  await page.waitForFunction(() => /进入“成熟”的门槛还有 1 项未满足（如：有前期成果）/.test(document.querySelector('[data-testid="tasks-message"]')?.textContent ?? ''));
  // The refusal draws the pool again from the server: the boxes start unticked.
  for (const k of ['team', 'prior_results', 'partner']) await page.check(`[data-testid="crit-${candidate.id}-${k}"]`);
  await page.click(`[data-testid="move-${candidate.id}"]`);
  await page.waitForFunction(() => document.querySelector('[data-testid="pool-成熟"] tbody tr'));
  for (const k of ['materials', 'matching_funds', 'endorsement']) await page.check(`[data-testid="crit-${candidate.id}-${k}"]`);
  await page.click(`[data-testid="move-${candidate.id}"]`);
  await page.waitForFunction(() => document.querySelector('[data-testid="pool-申报"] tbody tr'));
  const moved = (await (await platform.fetch(`${base}/api/task-pool`)).json()).candidates[0];
  assert.deepEqual(moved.moves.map((m) => m.to), ['储备', '成熟', '申报']);
  assert.deepEqual(moved.moves[1].criteria, { team: true, prior_results: true, partner: true });
  assert.match(await page.textContent('[data-testid="pool-申报"]'), /团队已组建/);
  assert.deepEqual(problems.filter((p) => !p.startsWith('400 /api/task-pool/')), []);
  await page.close();
});

test('an enterprise sees only its own candidacies and cannot move them; a viewer has no access', async () => {
  const firm = await signIn(base, 'enterprise');
  const asFirm = (path, init = {}) => fetch(`${base}${path}`, { ...init, headers: { ...(init.headers ?? {}), Cookie: firm.cookie, 'X-CSRF-Token': firm.csrf, Origin: base, 'Content-Type': 'application/json' } });
  assert.equal((await asFirm('/api/tasks')).status, 200);
  const pool = (await (await asFirm('/api/task-pool')).json()).candidates;
  assert.ok(pool.every((c) => c.org === '天津海河智能装备有限公司（示例）'));
  assert.equal((await asFirm('/api/task-pool/1/move', { method: 'POST', body: JSON.stringify({ stage: '退出', note: 'x' }) })).status, 403);
  const viewer = await signIn(base, 'viewer');
  assert.equal((await fetch(`${base}/api/tasks`, { headers: { Cookie: viewer.cookie } })).status, 403);
});
