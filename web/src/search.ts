// The one search box in the top bar: firms, segments and chains by name, patents and scenarios
// also by their words (GET /api/search), keyboard first — "/" or Ctrl+K focuses it, the arrows move through the
// hits, Enter opens one, Escape closes the list. What the role may not read is said, not hidden.
import { getJson } from './api';
import { el } from './dom';
import { currentLang, t, tf, type Key } from './i18n';

interface Firm { name: string; chain: string; segment: string; province: string; city: string; district: string }
interface Company { name: string; full_name: string; stock_code: string; province: string; city: string; district: string; source: string }
interface Segment { name: string; chain: string; stage: string; firms: number }
interface Chain { name: string; segments: number; firms: number; sample: boolean }
interface Patent { number: string; title: string; applicant: string; filed_on: string; source: string; subclass: string }
interface Scenario { id: number; title: string; stage: string; owner_org: string; list_title: string }
export interface SearchAnswer {
  term: string; order: string[]; not_permitted: string[];
  firms: Firm[]; companies: Company[]; segments: Segment[]; chains: Chain[]; patents: Patent[]; scenarios: Scenario[];
}

// One line of the list: its label (data), what it is, and where Enter takes the user ('' when
// the hit has no page: a company that no chain holds).
interface Hit { label: string; detail: string; href: string }

const enc = encodeURIComponent;
const place = (x: { province: string; city: string; district: string }) =>
  [x.province, x.city !== x.province ? x.city : '', x.district].filter(Boolean).join(' ') || t('searchNoRegion');

function hitsOf(kind: string, a: SearchAnswer): Hit[] {
  switch (kind) {
    case 'firm':
      return [
        ...a.firms.map((f) => ({ label: f.name, detail: `${f.chain}${f.segment ? ` › ${f.segment}` : ''} · ${place(f)}`,
          href: `#/chain?c=${enc(f.chain)}${f.segment ? `&s=${enc(f.segment)}` : ''}` })),
        ...a.companies.map((c) => ({ label: c.name,
          detail: [c.full_name && c.full_name !== c.name ? c.full_name : '', c.stock_code, place(c), tf('searchInGraphOnly', { source: c.source })].filter(Boolean).join(' · '),
          href: '' })),
      ];
    case 'segment':
      return a.segments.map((s) => ({ label: s.name, detail: `${s.chain}${s.stage ? ` · ${s.stage}` : ''} · ${tf('searchFirms', { n: s.firms })}`,
        href: `#/chain?c=${enc(s.chain)}&s=${enc(s.name)}` }));
    case 'chain':
      return a.chains.map((c) => ({ label: c.name, detail: `${tf('searchChainSize', { segments: c.segments, firms: c.firms })}${c.sample ? ` · ${t('sample')}` : ''}`,
        href: `#/chain?c=${enc(c.name)}` }));
    case 'patent':
      return a.patents.map((p) => ({ label: `${p.number} ${p.title}`, detail: [p.applicant, p.filed_on, p.subclass].filter(Boolean).join(' · '),
        href: `#/foresight?level=subclass` }));
    case 'scenario':
      return a.scenarios.map((s) => ({ label: s.title, detail: [s.owner_org, s.stage, s.list_title].filter(Boolean).join(' · '),
        href: `#/scenario?s=${s.id}` }));
  }
  return [];
}

// Mounts the box once (a page change keeps what was typed); later calls only relabel it in
// the current language.
export function mountSearch(host: HTMLElement): void {
  const existing = host.querySelector<HTMLInputElement>('#site-search');
  if (existing) {
    existing.placeholder = t('searchPlaceholder');
    existing.setAttribute('aria-label', t('searchLabel'));
    return;
  }
  const input = el('input', { id: 'site-search', type: 'search', role: 'combobox', autocomplete: 'off', 'aria-expanded': 'false',
    'aria-controls': 'site-search-list', 'aria-autocomplete': 'list', placeholder: t('searchPlaceholder'), 'aria-label': t('searchLabel') });
  const list = el('div', { id: 'site-search-list', role: 'listbox', class: 'search-list', 'data-testid': 'search-results', hidden: '' });
  host.replaceChildren(el('div', { class: 'site-search' }, input, list));

  let options: { node: HTMLElement; href: string }[] = [];
  let active = -1;
  let asked = 0;  // the newest question; older answers arriving late are dropped
  let timer: number | undefined;

  const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); input.removeAttribute('aria-activedescendant'); };
  const setActive = (i: number) => {
    options.forEach((o, k) => o.node.setAttribute('aria-selected', String(k === i)));
    active = i;
    if (i >= 0) { input.setAttribute('aria-activedescendant', options[i].node.id); options[i].node.scrollIntoView({ block: 'nearest' }); }
  };
  const open = (i: number) => {
    const href = options[i]?.href;
    if (!href) return;
    close();
    input.blur();
    if (location.hash === href) window.dispatchEvent(new HashChangeEvent('hashchange'));
    else location.hash = href;
  };
  const show = (children: HTMLElement[]) => {
    list.replaceChildren(...children);
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };

  const draw = (a: SearchAnswer) => {
    options = [];
    const groups: HTMLElement[] = [];
    for (const kind of a.order) {
      const hits = hitsOf(kind, a);
      groups.push(el('div', { class: 'search-group', role: 'presentation' }, t(`searchKind_${kind}` as Key)));
      for (const h of hits) {
        const id = `search-hit-${options.length}`;
        const node = el('div', { id, role: 'option', class: `search-hit${h.href ? '' : ' no-link'}`, 'aria-selected': 'false', 'data-kind': kind },
          el('span', { class: 'search-label', 'data-data': '' }, h.label), el('span', { class: 'search-detail', 'data-data': '' }, h.detail));
        const index = options.length;
        node.addEventListener('mousedown', (e) => { e.preventDefault(); open(index); });
        options.push({ node, href: h.href });
        groups.push(node);
      }
    }
    if (!options.length) groups.push(el('div', { class: 'search-empty', 'data-testid': 'search-empty' }, tf('searchNothing', { term: a.term })));
    if (a.not_permitted.length)
      groups.push(el('div', { class: 'search-note', 'data-testid': 'search-not-permitted' },
        tf('searchNotPermitted', { kinds: a.not_permitted.map((k) => t(`searchKind_${k}` as Key)).join(currentLang() === 'zh' ? '、' : ', ') })));
    show(groups);
    setActive(options.findIndex((o) => o.href));
  };

  const ask = async () => {
    const term = input.value.trim();
    const mine = ++asked;  // also when cleared: an answer still on its way is then dropped
    if (!term) { close(); return; }
    // Drawn only while the box has the cursor: Escape or a click elsewhere means "no list".
    const current = () => mine === asked && document.activeElement === input;
    try {
      const answer = await getJson<SearchAnswer>(`/api/search?q=${enc(term)}`);
      if (current()) draw(answer);
    } catch (e) {
      if (current()) show([el('div', { class: 'search-empty', 'data-testid': 'search-error' }, (e as Error).message)]);
    }
  };

  input.addEventListener('input', () => { window.clearTimeout(timer); timer = window.setTimeout(() => void ask(), 150); });
  input.addEventListener('focus', () => { if (input.value.trim() && list.childElementCount) { list.hidden = false; input.setAttribute('aria-expanded', 'true'); } });
  input.addEventListener('blur', () => close());
  input.addEventListener('keydown', (e) => {
    const move = (step: number) => {
      if (list.hidden || !options.length) return;
      e.preventDefault();
      let i = active;
      for (let n = 0; n < options.length; n++) {  // skip hits that open nothing
        i = (i + step + options.length) % options.length;
        if (options[i].href) break;
      }
      setActive(i);
    };
    if (e.key === 'ArrowDown') move(1);
    else if (e.key === 'ArrowUp') move(-1);
    else if (e.key === 'Enter') {
      e.preventDefault();
      window.clearTimeout(timer);
      if (!list.hidden && active >= 0) open(active);
      else void ask();
    } else if (e.key === 'Escape') { close(); input.blur(); }
  });
}

// "/" (outside a text field) or Ctrl/⌘+K puts the cursor in the search box from anywhere.
document.addEventListener('keydown', (e) => {
  const input = document.getElementById('site-search') as HTMLInputElement | null;
  if (!input) return;
  const typing = e.target instanceof HTMLElement && (e.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName));
  if ((e.key === '/' && !typing) || (e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey))) {
    e.preventDefault();
    input.focus();
    input.select();
  }
});
