// Browser test of signing in and of the account pages: the login page, markup stored in
// names shown as text (never run) on the admin, audit and chain pages, an enterprise seeing
// only its own organisation, and the auditor page finding an audit row edited in SQLite.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { startPlatform, signIn, artifacts } from './harness.mjs';

let platform, browser, base;
const XSS_ORG = '<script>window.__xss=1</script>恶意机构';
const XSS_NAME = '<img src=x onerror="window.__xss=2">';
const XSS_SEGMENT = '<b onmouseover=window.__xss=3>环节</b>';

before(async () => {
  platform = await startPlatform(() => {}, { user: null });
  ({ browser, base } = platform);
  // An administrator stores markup in names, over the API as any client could.
  const admin = await signIn(base, 'admin');
  const send = (path, body) => fetch(`${base}${path}`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Cookie: admin.cookie, Origin: base, 'X-CSRF-Token': admin.csrf },
  }).then(async (r) => { const text = await r.text(); assert.ok(r.ok, text); return JSON.parse(text); });
  const org = await send('/api/orgs', { name: XSS_ORG, kind: 'enterprise', region: '天津市' });
  await send('/api/accounts', { username: 'xss', display_name: XSS_NAME, org: String(org.id), role: 'enterprise', password: 'xss-password-1' });
  await send(`/api/chains/${encodeURIComponent('新能源汽车（示例）')}/edits`, { action: 'add_segment', segment: XSS_SEGMENT, stage: '上游' });
});

after(async () => {
  await platform?.stop();
});

async function newPage() {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  return { page, problems };
}

async function login(page, username, password = `demo-${username}-2026`) {
  await page.goto(`${base}/#/`);
  await page.waitForSelector('[data-testid="login-form"]');
  await page.fill('#login-username', username);
  await page.fill('#login-password', password);
  await page.click('#login-submit');
  await page.waitForSelector('[data-testid="user-name"]');
}

async function logout(page) {
  await page.click('#sign-out');
  await page.waitForSelector('[data-testid="login-form"]');
}

test('the login page refuses a wrong password and signs in and out', async () => {
  const { page, problems } = await newPage();
  await page.goto(`${base}/#/overview`);
  await page.waitForSelector('[data-testid="login-form"]');
  await page.fill('#login-username', 'analyst');
  await page.fill('#login-password', 'not-the-password');
  await page.click('#login-submit');
  await page.waitForSelector('[data-testid="login-error"]:visible');
  // In the user's language, from the error's key (the server's English stays in the API).
  assert.equal(await page.textContent('[data-testid="login-error"]'), '用户名或密码错误');
  await page.fill('#login-password', 'demo-analyst-2026');
  await page.click('#login-submit');
  await page.waitForSelector('#chart-companies-by-region canvas');
  assert.match(await page.textContent('[data-testid="user-name"]'), /科技局分析师（示例） · 分析师/);
  // The session cookie is HttpOnly: page scripts cannot read it.
  assert.equal(await page.evaluate(() => document.cookie.includes('xinzhi_session')), false);
  await page.screenshot({ path: join(artifacts, 'signed-in.png') });
  await logout(page);
  await page.goto(`${base}/#/overview`);
  await page.waitForSelector('[data-testid="login-form"]');
  assert.deepEqual(problems, []);
  await page.close();
});

test('markup stored in names is shown as text on the admin, audit and chain pages', async () => {
  const { page, problems } = await newPage();
  await login(page, 'admin');
  await page.goto(`${base}/#/admin`);
  await page.waitForSelector('main[data-page="admin"][aria-busy="false"] [data-testid="admin-accounts"]');
  const orgCells = await page.$$eval('[data-testid="admin-orgs"] td', (tds) => tds.map((td) => td.textContent));
  assert.ok(orgCells.includes(XSS_ORG), 'the organisation name shows literally');
  const accountCells = await page.$$eval('[data-testid="admin-accounts"] td', (tds) => tds.map((td) => td.textContent));
  assert.ok(accountCells.includes(XSS_NAME), 'the display name shows literally');
  assert.equal(await page.$$eval('main script, main img', (n) => n.length), 0);
  await page.screenshot({ path: join(artifacts, 'admin.png'), fullPage: true });

  await page.goto(`${base}/#/audit?action=org.`);
  await page.waitForSelector('main[data-page="audit"][aria-busy="false"] [data-testid="audit-table"]');
  const details = await page.$$eval('[data-testid="audit-table"] td', (tds) => tds.map((td) => td.textContent));
  assert.ok(details.some((d) => d.includes(XSS_ORG)), 'the audit detail names the organisation literally');
  // Issue 14: a plain "org" finds what "org." finds (it found nothing), and the rows export as CSV.
  const prefixed = await page.$$eval('[data-testid="audit-table"] tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent));
  await page.goto(`${base}/#/audit?action=org`);
  await page.waitForSelector('main[data-page="audit"][aria-busy="false"] [data-testid="audit-table"]');
  const plain = await page.$$eval('[data-testid="audit-table"] tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent));
  assert.ok(plain.length > 0);
  assert.deepEqual(plain, prefixed);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#audit-export')]);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.replace(/^\ufeff/, '').trim().split('\r\n');
  // The server's export of every entry the filter selects (streamed), newest first as listed.
  assert.equal(lines[0], 'seq,at_utc,at_beijing,actor,org,via,action,target,detail,hash');
  assert.equal(lines.length, plain.length + 1);
  assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]), plain);
  assert.ok(lines.slice(1).every((l) => /,org\.[a-z_]+,/.test(l)), lines[1]);

  await page.goto(`${base}/#/chain?c=${encodeURIComponent('新能源汽车（示例）')}&r=${encodeURIComponent('天津')}`);
  await page.waitForSelector('main[data-page="chain"][aria-busy="false"]');
  await page.waitForFunction((s) => document.querySelector('main').textContent.includes(s), XSS_SEGMENT);
  // Hover every graph node so that tooltips (ECharts HTML) render too.
  await page.mouse.move(400, 400);
  assert.equal(await page.$$eval('main b[onmouseover], main img[onerror]', (n) => n.length), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await logout(page);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an enterprise sees and edits only its own organisation', async () => {
  const { page, problems } = await newPage();
  await login(page, 'enterprise');
  await page.waitForSelector('main[data-page="org"][aria-busy="false"] [data-testid="org-title"]');
  const routes = await page.$$eval('nav a[data-route]', (as) => as.map((a) => a.dataset.route));
  for (const hidden of ['overview', 'chain', 'foresight', 'admin', 'audit']) assert.ok(!routes.includes(hidden), hidden);
  assert.match(await page.textContent('[data-testid="org-title"]'), /天津海河智能装备有限公司（示例）/);
  await page.fill('#org-contact', '王工 022-5555');
  await page.click('#org-save');
  await page.waitForSelector('[data-testid="org-message"]:visible');
  assert.equal(await page.textContent('[data-testid="org-message"]'), '已保存。');
  // Typing another page's address does not show its data: a plain message, no refused request.
  const refused = [];
  page.on('response', (r) => { if (r.status() >= 400) refused.push(`${r.status()} ${new URL(r.url()).pathname}`); });
  for (const route of ['admin', 'chain', 'audit']) {
    await page.goto(`${base}/#/${route}`);
    await page.waitForSelector(`main[data-page="${route}"][aria-busy="false"] [data-testid="no-access"]`);
    assert.equal(await page.textContent('[data-testid="no-access"]'), '你的账户无权查看此页。如需访问，请联系系统管理员。');
  }
  assert.deepEqual(refused, []);
  await logout(page);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the auditor page verifies the chain and names an entry edited in SQLite', async () => {
  const { page, problems } = await newPage();
  await login(page, 'auditor');
  await page.goto(`${base}/#/audit`);
  await page.waitForSelector('main[data-page="audit"][aria-busy="false"] [data-testid="audit-table"]');
  // Times are Beijing time (UTC+8), labelled, never the stored UTC with its Z dropped.
  const [seq, shownAt] = await page.$eval('[data-testid="audit-table"] tbody tr', (tr) => [tr.children[0].textContent, tr.children[1].textContent]);
  const { entries } = await (await fetch(`${base}/api/audit`, { headers: { Cookie: (await signIn(base, 'auditor')).cookie } })).json();
  const stored = entries.find((e) => String(e.seq) === seq);
  const beijing = new Date(Date.parse(stored.at) + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ');
  assert.equal(shownAt, `${beijing} 北京时间`, `entry ${seq} at ${stored.at}`);
  // A "since" date is a Beijing day: it starts at 16:00 UTC the day before.
  const asked = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/audit') asked.push(new URL(r.url()).searchParams.get('since')); });
  await page.goto(`${base}/#/audit?since=2026-03-02`);
  await page.waitForSelector('main[data-page="audit"][aria-busy="false"] [data-testid="audit-table"]');
  assert.deepEqual(asked, ['2026-03-01T16:00:00.000Z']);
  await page.click('#audit-verify');
  await page.waitForSelector('[data-testid="audit-verdict"]:visible');
  assert.match(await page.textContent('[data-testid="audit-verdict"]'), /哈希链完整/);
  execFileSync('sqlite3', [platform.db, "UPDATE audit_entry SET actor = 'mallory' WHERE seq = 3"]);
  await page.click('#audit-verify');
  await page.waitForFunction(() => document.querySelector('[data-testid="audit-verdict"]').textContent.includes('#3'));
  // In Chinese from the verdict's problem_key and params (it used to be the server's English).
  assert.match(await page.textContent('[data-testid="audit-verdict"]'), /哈希链已被破坏，首个异常条目 #3：第 3 条记录写入后被改动过（mallory 于 \S+ 的 \S+）$/);
  await page.screenshot({ path: join(artifacts, 'audit.png'), fullPage: true });
  await logout(page);
  assert.deepEqual(problems, []);
  await page.close();
});
