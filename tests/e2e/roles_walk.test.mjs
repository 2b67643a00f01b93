// Browser test: every demo role signs in and walks every page its navigation offers, on a desktop
// (1440×900) and on a phone (390×844), in Chinese. A page fails the walk when
//  - the page itself scrolls sideways (document scrollWidth > clientWidth; wide tables and
//    charts must scroll inside their own box),
//  - the console shows an error or the page throws,
//  - a request fails (status ≥ 400 or no answer), except the refusals this test expects and
//    asserts (the 401 of /api/auth/me while signed out),
//  - the Chinese interface shows an English sentence: a text node, or a title / placeholder /
//    aria-label / alt, with no Chinese character and three or more Latin words, outside an
//    element marked [data-data] (names, codes and text from the database, shown as stored),
//  - a time is shown raw (ISO 8601 with a T, or without the 北京时间 label),
//  - a table column has no header.
// It also checks what each role may do: the chain-edit form and 立即保存快照 only for
// analytics.write, a plain "no access" page (and no data request) for a page the role may not read,
// and the phone menu.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startPlatform, bin, root } from './harness.mjs';

const PATENTS = join(root, '../shared/data/patents/cn-vr-2022.csv');
const ROLES = ['admin', 'analyst', 'viewer', 'park', 'enterprise', 'lab', 'insurer', 'auditor'];
const VIEWPORTS = [{ width: 1440, height: 900 }, { width: 390, height: 844 }];
const NO_ACCESS = '你的账户无权查看此页。如需访问，请联系系统管理员。';

let platform, browser, base, page;
// Everything that went wrong since the last check, and every failed response.
const problems = [];
const refusals = [];
const apiRequests = [];

before(async () => {
  platform = await startPlatform((db) => {
    // Patents make the foresight page draw its heat map (the widest chart); the demo scenarios
    // give the scenario page one in 评估 with an evaluation.
    if (existsSync(PATENTS)) execFileSync(bin, ['import', 'patents', PATENTS, '--format', 'cnipa', '--db', db]);
    execFileSync(bin, ['demo', 'scenarios', '--db', db]);
    // The engineers page with its requests, registry and load.
    execFileSync(bin, ['demo', 'engineers', '--db', db]);
    // The transfer page with real listings, the sample demands and matches.
    const nasa = join(root, '../shared/data/matching/nasa-patents.csv');
    if (existsSync(nasa)) execFileSync(bin, ['transfer', 'import', nasa, '--db', db]);
    execFileSync(bin, ['demo', 'transfer', '--db', db]);
    execFileSync(bin, ['tasks', 'import', join(root, 'data/tasks/sample-national-demands-2026.csv'), '--year', '2026', '--db', db]);
  }, { user: null });
  ({ browser, base } = platform);
  page = await browser.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // A refused request also logs "Failed to load resource"; the response handler judges those.
    if (/^Failed to load resource: the server responded with a status of \d+/.test(m.text())) return;
    problems.push(`console error: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) refusals.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/')) apiRequests.push(new URL(r.url()).pathname); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
});

after(async () => {
  await platform?.stop();
});

// Fails unless exactly the `expected` refusals happened since the last call; clears both lists.
function takeRefusals(expected, where) {
  assert.deepEqual(refusals.splice(0), expected, `${where}: failed requests`);
  assert.deepEqual(problems.splice(0), [], `${where}: console`);
}

// Moves to a hash route inside the app and waits until the page has drawn.
async function open(hash) {
  await page.evaluate((h) => new Promise((done) => {
    // The app's own hashchange listener was added first: when this one runs, the page is busy.
    window.addEventListener('hashchange', () => done(), { once: true });
    if (location.hash === h) window.dispatchEvent(new HashChangeEvent('hashchange'));
    else location.hash = h;
  }), hash);
  await page.waitForSelector('main[aria-busy="false"]');
}

// What the rules above find on the page as it is now.
function inspect() {
  return page.evaluate(() => {
    const found = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) {
      // Name the widest elements, to say what to fix.
      const wide = [...document.querySelectorAll('main *, header *, nav *')]
        .filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 0.5 && !e.closest('.table-scroll'))
        .slice(0, 3).map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')}`);
      found.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth} (${wide.join(', ')})`);
    }
    const han = /\p{Script=Han}/u;
    const latinWords = (s) => s.match(/[A-Za-z]+(?:['’-][A-Za-z]+)*/g) ?? [];
    const english = (s) => !han.test(s) && latinWords(s).length >= 3;
    const rawTime = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?(?! 北京时间)/;
    const isData = (e) => !!e.closest('[data-data], script, style');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim();
      if (!text || !n.parentElement || isData(n.parentElement)) continue;
      if (english(text)) found.push(`English text: "${text.slice(0, 120)}"`);
      if (rawTime.test(text)) found.push(`time not in Beijing time: "${text.slice(0, 120)}"`);
    }
    for (const e of document.querySelectorAll('[title], [placeholder], [aria-label], [alt]')) {
      if (isData(e)) continue;
      for (const a of ['title', 'placeholder', 'aria-label', 'alt']) {
        const v = e.getAttribute(a);
        if (v && english(v)) found.push(`English ${a}: "${v.slice(0, 120)}"`);
      }
    }
    for (const th of document.querySelectorAll('main thead th')) {
      if (!th.textContent.trim()) found.push(`a column without a header in ${th.closest('table').dataset.testid ?? 'a table'}`);
    }
    return found;
  });
}

async function signIn(username) {
  await page.waitForSelector('[data-testid="login-form"]');
  await page.fill('#login-username', username);
  await page.fill('#login-password', `demo-${username}-2026`);
  await page.click('#login-submit');
  await page.waitForSelector('[data-testid="user-name"]');
  await page.waitForSelector('main[aria-busy="false"]');
  return page.evaluate(async () => (await (await fetch('/api/auth/me')).json()).permissions);
}

test('every role walks every page of its navigation on a desktop and a phone', async () => {
  await page.setViewportSize(VIEWPORTS[0]);
  await page.goto(`${base}/#/`);
  await page.waitForSelector('[data-testid="login-form"]');
  takeRefusals(['401 /api/auth/me'], 'the signed-out start');  // the app asks who is signed in
  const findings = [];
  for (const viewport of [...VIEWPORTS].reverse()) {
    await page.setViewportSize(viewport);
    for (const f of await inspect()) findings.push(`sign-in page ${viewport.width}×${viewport.height}: ${f}`);
  }
  for (const username of ROLES) {
    const permissions = await signIn(username);
    const may = (p) => permissions.includes(p);
    takeRefusals([], `${username} signing in`);
    const routes = await page.$$eval('nav a[data-route]', (as) => as.map((a) => a.dataset.route));
    assert.ok(routes.length > 0, `${username} has a navigation`);
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      const where = (route) => `${username} ${viewport.width}×${viewport.height} #/${route}`;
      // The scenario page also in its detail view: the one in 评估, where roles differ most.
      const pages = [...routes.map((r) => `#/${r}`), ...(routes.includes('scenario') ? ['#/scenario?s=1'] : [])];
      for (const hash of pages) {
        await open(hash);
        const route = hash.slice(2);
        for (const f of await inspect()) findings.push(`${where(route)}: ${f}`);
        takeRefusals([], where(route));
        if (route === 'chain') {
          assert.equal(await page.$$eval('#edit-apply', (n) => n.length), may('analytics.write') ? 1 : 0, `${where(route)}: the edit form`);
          assert.ok(await page.$('[data-testid="edit-log"], main .note'), `${where(route)}: the edit log`);
        }
        if (route === 'foresight' && existsSync(PATENTS)) {
          assert.equal(await page.$$eval('#fs-take', (n) => n.length), may('analytics.write') ? 1 : 0, `${where(route)}: 立即保存快照`);
        }
      }
    }
    // The phone menu: the navigation is folded away until the menu button opens it, and
    // choosing a page folds it again.
    assert.equal(await page.isVisible('nav'), false, `${username}: the phone navigation starts folded`);
    await page.click('#menu-toggle');
    assert.equal(await page.getAttribute('#menu-toggle', 'aria-expanded'), 'true');
    await page.click(`nav a[data-route="${routes[0]}"]`);
    await page.waitForSelector(`main[data-page="${routes[0]}"][aria-busy="false"]`);
    assert.equal(await page.isVisible('nav'), false, `${username}: choosing a page folds the menu`);
    takeRefusals([], `${username} phone menu`);
    await page.setViewportSize(VIEWPORTS[0]);

    // A page the role may not read, typed as an address: a plain message, no data asked for.
    if (!may('analytics.read')) {
      apiRequests.splice(0);
      await open('#/chain');
      assert.equal(await page.textContent('[data-testid="no-access"]'), NO_ACCESS, `${username} #/chain`);
      assert.deepEqual(apiRequests.filter((p) => p.startsWith('/api/chains')), [], `${username} #/chain asks for no chain data`);
      takeRefusals([], `${username} #/chain`);
    }
    await page.click('#sign-out');
    await page.waitForSelector('[data-testid="login-form"]');
    takeRefusals(['401 /api/auth/me'], `${username} signing out`);
  }
  assert.deepEqual(findings, []);
});

test('the English interface fits a phone and a desktop too (administrator, every page)', async () => {
  await page.setViewportSize(VIEWPORTS[0]);
  await signIn('admin');
  await page.click('#lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const routes = await page.$$eval('nav a[data-route]', (as) => as.map((a) => a.dataset.route));
  const findings = [];
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    for (const hash of [...routes.map((r) => `#/${r}`), '#/scenario?s=1']) {
      await open(hash);
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      if (scroll > client) findings.push(`${viewport.width}×${viewport.height} ${hash}: page scrolls sideways: ${scroll} > ${client}`);
      takeRefusals([], `English ${viewport.width} ${hash}`);
    }
  }
  await page.click('#lang-switch');  // back to Chinese for whatever runs next
  // The switch redraws the page (here a scenario, which asks for the expert's review): signing
  // out before that redraw has finished made its request a 401 (seen in CI).
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await page.waitForSelector('main[aria-busy="false"] h1');
  await page.click('#sign-out');
  await page.waitForSelector('[data-testid="login-form"]');
  takeRefusals(['401 /api/auth/me'], 'signing out');
  assert.deepEqual(findings, []);
});
