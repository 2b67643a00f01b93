// The dashboard shell: sign-in, navigation for every mechanism the account may use, hash
// routing, the language switch.
import './style.css';
import { ApiError, can, currentUser, loadMe, signOut, SignInNeeded } from './api';
import { disposeCharts } from './charts';
import { el } from './dom';
import { currentLang, setLang, t } from './i18n';
import { mechanismName, mechanisms } from './mechanisms';
import { renderChain } from './pages/chain';
import { renderChokepoints } from './pages/chokepoint';
import { renderForesight } from './pages/foresight';
import { renderNotBuilt } from './pages/not_built';
import { renderOverview } from './pages/overview';
import { renderLogin } from './pages/login';
import { renderOrg } from './pages/org';
import { renderAdmin } from './pages/admin';
import { renderAudit } from './pages/audit';
import { renderScenario } from './pages/scenario';
import { renderEngineers } from './pages/engineers';
import { renderTransfer } from './pages/transfer';
import { renderTasks } from './pages/tasks';
import { mountSearch } from './search';

const nav = document.getElementById('nav')!;
const page = document.getElementById('page')!;
const langButton = document.getElementById('lang-switch')!;
const userBox = document.getElementById('user-box')!;
const menuToggle = document.getElementById('menu-toggle')!;
const searchBox = document.getElementById('search-box')!;

// On a phone the navigation folds into the top bar: the menu button opens it over the page and
// choosing a page (or the button again) closes it. Wide screens show it always (style.css).
function setMenuOpen(open: boolean): void {
  document.body.classList.toggle('nav-open', open);
  menuToggle.setAttribute('aria-expanded', String(open));
}
menuToggle.addEventListener('click', () => setMenuOpen(!document.body.classList.contains('nav-open')));

// The permission each page's data needs (src/server/route_table.cpp): a page the account may
// not read says so plainly, without asking the server for data it would refuse.
const PAGE_PERMISSION: Record<string, string> = {
  overview: 'analytics.read', chain: 'analytics.read', chokepoint: 'analytics.read', foresight: 'analytics.read',
  org: 'org.read', admin: 'accounts.read', audit: 'audit.read', engineers: 'engineers.request', transfer: 'transfer.request', tasks: 'tasks.read',
};
const PAGE_TITLE: Record<string, () => string> = {
  overview: () => t('overview'), org: () => t('myOrg'), admin: () => t('admin'), audit: () => t('audit'),
};
function pageTitle(id: string): string {
  const m = mechanisms.find((x) => x.id === id);
  return m ? mechanismName(m) : (PAGE_TITLE[id] ?? PAGE_TITLE.overview)();
}
function renderNoAccess(): void {
  page.replaceChildren(el('h1', {}, pageTitle(route())), el('p', { class: 'banner', 'data-testid': 'no-access' }, t('noAccess')));
}

function route(): string {
  return location.hash.replace(/^#\//, '').split('?')[0] || (can('analytics.read') ? 'overview' : 'org');
}

// Pages reading regional analytics need analytics.read; pages not built yet show no data.
function renderNav(): void {
  const current = route();
  const link = (id: string, label: string, built: boolean) =>
    el('a', { href: `#/${id}`, class: `${id === current ? 'active' : ''} ${built ? '' : 'pending'}`, 'data-route': id },
      label, ...(built ? [] : [el('span', { class: 'tag' }, t('notBuilt'))]));
  const analytics = can('analytics.read');
  const accountLinks = [
    ...(can('org.read') ? [el('li', {}, link('org', t('myOrg'), true))] : []),
    ...(can('accounts.read') ? [el('li', {}, link('admin', t('admin'), true))] : []),
    ...(can('audit.read') ? [el('li', {}, link('audit', t('audit'), true))] : []),
  ];
  nav.replaceChildren(
    ...(analytics ? [el('ul', {}, el('li', {}, link('overview', t('overview'), true)))] : []),
    el('div', { class: 'nav-title' }, t('mechanisms')),
    el('ul', {}, ...mechanisms.filter((m) => analytics || !m.built || m.analytics === false).map((m) => el('li', {}, link(m.id, mechanismName(m), m.built)))),
    el('div', { class: 'nav-title' }, t('account')),
    el('ul', {}, ...accountLinks),
  );
}

function renderUserBox(): void {
  const me = currentUser();
  if (!me) {
    userBox.replaceChildren();
    return;
  }
  const out = el('button', { type: 'button', id: 'sign-out' }, t('signOut'));
  out.addEventListener('click', async () => {
    await signOut().catch(() => undefined);
    // One redraw: changing the hash redraws by itself.
    if (location.hash === '#/') void render();
    else location.hash = '#/';
  });
  userBox.replaceChildren(el('span', { class: 'user', 'data-testid': 'user-name' }, `${me.display_name} · ${me.role_zh} · ${me.org.name}`), out);
}

function showLogin(reason: string): void {
  nav.replaceChildren();
  userBox.replaceChildren();
  searchBox.replaceChildren();
  page.setAttribute('data-page', 'login');
  renderLogin(page, reason, () => void render());
}

// Renders may overlap (a language switch during a page load, a hash change): the page is
// busy until the last of them has finished, so nothing still loading is taken for done.
let rendering = 0;

async function render(): Promise<void> {
  rendering++;
  try {
    await renderOnce();
  } finally {
    if (--rendering === 0) page.setAttribute('aria-busy', 'false');
  }
}

async function renderOnce(): Promise<void> {
  disposeCharts();
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((n) => (n.textContent = t(n.dataset.i18n as 'brand')));
  langButton.textContent = currentLang() === 'zh' ? 'English' : '中文';
  menuToggle.setAttribute('aria-label', t('menu'));
  setMenuOpen(false);
  if (!currentUser() && !(await loadMe())) {
    showLogin('');
    return;
  }
  renderNav();
  renderUserBox();
  mountSearch(searchBox);
  const id = route();
  page.setAttribute('data-page', id);
  page.setAttribute('aria-busy', 'true');
  try {
    const m = mechanisms.find((x) => x.id === id);
    const needs = PAGE_PERMISSION[id] ?? (m ? undefined : PAGE_PERMISSION.overview);
    if (needs && !can(needs)) renderNoAccess();
    else if (id === 'chain') await renderChain(page);
    else if (id === 'chokepoint') await renderChokepoints(page);
    else if (id === 'foresight') await renderForesight(page);
    else if (id === 'scenario') await renderScenario(page);
    else if (id === 'engineers') await renderEngineers(page);
    else if (id === 'transfer') await renderTransfer(page);
    else if (id === 'tasks') await renderTasks(page);
    else if (id === 'org') await renderOrg(page);
    else if (id === 'admin') await renderAdmin(page);
    else if (id === 'audit') await renderAudit(page);
    else if (m) renderNotBuilt(page, m);
    else await renderOverview(page);
  } catch (e) {
    if (e instanceof SignInNeeded) {
      showLogin((e as Error).message);
      return;
    }
    if (e instanceof ApiError && e.status === 403) {
      renderNoAccess();
      return;
    }
    page.replaceChildren(el('h1', {}, t('loadFailed')), el('p', { class: 'banner error' }, String((e as Error).message)));
  }
}

langButton.addEventListener('click', () => {
  setLang(currentLang() === 'zh' ? 'en' : 'zh');
  void render();
});
window.addEventListener('hashchange', () => void render());
setLang(currentLang());
void render();
