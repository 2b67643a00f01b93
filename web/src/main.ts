// The dashboard shell: navigation for every mechanism, hash routing, the language switch.
import './style.css';
import { disposeCharts } from './charts';
import { el } from './dom';
import { currentLang, setLang, t } from './i18n';
import { mechanismName, mechanisms } from './mechanisms';
import { renderChain } from './pages/chain';
import { renderChokepoints } from './pages/chokepoint';
import { renderForesight } from './pages/foresight';
import { renderNotBuilt } from './pages/not_built';
import { renderOverview } from './pages/overview';

const nav = document.getElementById('nav')!;
const page = document.getElementById('page')!;
const langButton = document.getElementById('lang-switch')!;

function route(): string {
  return location.hash.replace(/^#\//, '').split('?')[0] || 'overview';
}

function renderNav(): void {
  const current = route();
  const link = (id: string, label: string, built: boolean) =>
    el('a', { href: `#/${id}`, class: `${id === current ? 'active' : ''} ${built ? '' : 'pending'}`, 'data-route': id },
      label, ...(built ? [] : [el('span', { class: 'tag' }, t('notBuilt'))]));
  nav.replaceChildren(
    el('ul', {}, el('li', {}, link('overview', t('overview'), true))),
    el('div', { class: 'nav-title' }, t('mechanisms')),
    el('ul', {}, ...mechanisms.map((m) => el('li', {}, link(m.id, mechanismName(m), m.built)))),
  );
}

async function render(): Promise<void> {
  disposeCharts();
  renderNav();
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((n) => (n.textContent = t(n.dataset.i18n as 'brand')));
  langButton.textContent = currentLang() === 'zh' ? 'English' : '中文';
  const id = route();
  page.setAttribute('data-page', id);
  page.setAttribute('aria-busy', 'true');
  try {
    const m = mechanisms.find((x) => x.id === id);
    if (id === 'chain') await renderChain(page);
    else if (id === 'chokepoint') await renderChokepoints(page);
    else if (id === 'foresight') await renderForesight(page);
    else if (m) renderNotBuilt(page, m);
    else await renderOverview(page);
  } catch (e) {
    page.replaceChildren(el('h1', {}, t('loadFailed')), el('p', { class: 'banner error' }, String((e as Error).message)));
  } finally {
    page.setAttribute('aria-busy', 'false');
  }
}

langButton.addEventListener('click', () => {
  setLang(currentLang() === 'zh' ? 'en' : 'zh');
  void render();
});
window.addEventListener('hashchange', () => void render());
setLang(currentLang());
void render();
