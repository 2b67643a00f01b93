// The one search box, used from the keyboard as an analyst would: "/" focuses it, the arrows
// move through the hits, Enter opens one; an enterprise account is told what it may not search.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startPlatform, signIn, bin } from './harness.mjs';

let platform, browser, base;

before(async () => {
  platform = await startPlatform((db) => execFileSync(bin, ['demo', 'scenarios', '--db', db, '--log-level', 'warn']));
  ({ browser, base } = platform);
});

after(async () => {
  await platform?.stop();
});

// Types into the box and waits for the answer to `term` to be drawn.
async function search(page, term) {
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'site-search');
  const answer = page.waitForResponse((r) => r.url().includes('/api/search?q='));
  await page.keyboard.type(term);
  await (await answer).finished();
  await page.waitForSelector('[data-testid="search-results"]:not([hidden]) .search-hit, [data-testid="search-empty"]');
}

const shown = (page) => page.$$eval('[data-testid="search-results"] > div', (nodes) => nodes.map((n) =>
  n.classList.contains('search-group') ? `# ${n.textContent}` : n.querySelector('.search-label')?.textContent ?? n.textContent));

test('keyboard only: a segment found by part of its name opens with its firms', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/#/overview`);
  await page.waitForSelector('main[aria-busy="false"] h1');
  await search(page, '锂');
  // The segment starts with 锂, the firms only contain it: segments first, shortest firm first.
  assert.deepEqual(await shown(page), ['# 产业链环节', '锂矿资源', '# 企业', '江西示例锂业有限公司', '唐山示例锂矿资源有限公司',
    '天津滨海示例锂电科技有限公司']);
  assert.equal(await page.getAttribute('#search-hit-0', 'aria-selected'), 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#/chain?'));
  await page.waitForSelector('#segment-panel[data-segment="锂矿资源"] [data-testid="segment-firms-table"]');
  assert.equal(await page.isVisible('[data-testid="search-results"]'), false);
  assert.match(decodeURIComponent(await page.evaluate(() => location.hash)), /c=新能源汽车（示例）&s=锂矿资源/);

  // A firm: the arrows skip to it, Enter opens its chain at its first segment.
  await search(page, '天津滨海示例');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#segment-panel[data-segment="动力电池"] [data-testid="segment-firms-table"]');

  // Scenarios are found by the words of their needs too (BM25 over jieba's words): 码头 and 集卡
  // are apart, in another order, in no name.
  await search(page, '码头 集卡');
  assert.deepEqual(await shown(page), ['# 应用场景', '港口集装箱无人集卡协同调度（示例）']);
  await page.keyboard.press('Escape');  // leaves the box: "/" is a character inside it

  // Nothing found is said, with the term ("/" selects what was typed, so typing replaces it);
  // Escape closes the list.
  await search(page, '不存在的名称');
  assert.equal(await page.textContent('[data-testid="search-empty"]'), '没有名称含“不存在的名称”的企业、环节或产业链，也没有文字含这些词的专利或场景。');
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('[data-testid="search-results"]'), false);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an enterprise account finds scenarios and is told firms and chains were not searched', async () => {
  // The browser's one (persistent) context is signed in as the analyst: enterprise for this test.
  const page = await browser.newPage();
  const session = await signIn(base, 'enterprise');
  await browser.addCookies([{ name: 'xinzhi_session', value: session.value, url: base, httpOnly: true, sameSite: 'Strict' }]);
  await page.goto(`${base}/#/scenario`);
  await page.waitForSelector('main[aria-busy="false"] h1');
  await search(page, '港口');
  assert.deepEqual(await shown(page), ['# 应用场景', '港口集装箱无人集卡协同调度（示例）',
    '你的角色不能查看企业、产业链环节、产业链、专利，未检索这些类别。']);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^#\/scenario\?s=\d+$/.test(location.hash));
  await page.waitForSelector('main[data-page="scenario"][aria-busy="false"] h1');
  assert.equal(await page.textContent('main h1'), '港口集装箱无人集卡协同调度（示例）');
  await page.close();
  await browser.addCookies([{ name: 'xinzhi_session', value: platform.session.value, url: base, httpOnly: true, sameSite: 'Strict' }]);
});

test('the API refuses an empty or overlong term with keys the page says in Chinese', async () => {
  for (const [q, key] of [['%20', 'search_term_empty'], ['a'.repeat(65), 'search_term_too_long']]) {
    const res = await platform.fetch(`${base}/api/search?q=${q}`);
    assert.equal(res.status, 400);
    assert.equal((await res.json()).error.key, key);
  }
  const anonymous = await fetch(`${base}/api/search?q=示例`);
  assert.equal(anonymous.status, 401);
});
