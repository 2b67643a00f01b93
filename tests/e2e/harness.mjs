// Shared by the browser tests: a real `xinzhi serve` on a free port over a fresh database
// with the sample region, and Debian's chromium driven by playwright-core.
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'web/package.json'));
const { chromium } = require('playwright-core');
export const bin = process.env.XINZHI_BIN ?? join(root, 'build/release/src/program/xinzhi');
export const artifacts = join(root, 'tests/e2e/artifacts');
// The built dashboard; another build (say, of an older commit) can be tested with XINZHI_WEB_ROOT.
const webRoot = process.env.XINZHI_WEB_ROOT ?? join(root, 'web/dist');

function waitForServer(proc) {
  return new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    proc.on('exit', (code) => fail(new Error(`server exited with ${code}: ${out}`)));
  });
}

// Signs in over HTTP and returns the session cookie's value and the CSRF token.
export async function signIn(base, username, password = `demo-${username}-2026`) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base }, body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username} failed: ${await res.text()}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  return { cookie, value: cookie.split('=')[1], csrf: (await res.json()).csrf_token };
}

// Starts server and browser with the demo accounts, the browser signed in as `user` (none
// when null); `prepare(db)` may load more data before the server starts. `fetch` calls the
// API as that user.
export async function startPlatform(prepare = () => {}, { user = 'analyst' } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'xinzhi-e2e-'));
  const db = join(work, 'x.db');
  execFileSync(bin, ['demo', 'seed', '--db', db]);
  execFileSync(bin, ['demo', 'accounts', '--db', db]);
  prepare(db);
  const server = spawn(bin, ['serve', '--db', db, '--port', '0', '--web-root', webRoot, '--log-level', 'warn'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await waitForServer(server);
  // Its own profile folder (--user-data-dir), and no background traffic: this machine's
  // network is closed and chromium's calls home would only fail.
  const browser = await chromium.launchPersistentContext(join(work, 'chromium'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(artifacts, { recursive: true });
  const session = user ? await signIn(base, user) : null;
  if (session) await browser.addCookies([{ name: 'xinzhi_session', value: session.value, url: base, httpOnly: true, sameSite: 'Strict' }]);
  return {
    base, browser, db, session,
    fetch: (url, init = {}) => fetch(url, { ...init, headers: { ...(init.headers ?? {}), ...(session ? { Cookie: session.cookie } : {}) } }),
    async stop() {
      await browser.close();
      server.kill('SIGTERM');
      rmSync(work, { recursive: true, force: true });
    },
  };
}

// Collects a page's script errors and refused responses ("400 /api/…") for a test to assert on.
export function watch(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`); });
  return problems;
}
