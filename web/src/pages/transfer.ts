// 国际技术转移管家: overseas technology listings (the NASA portfolio export and any listing CSV),
// local firms' and labs' technology demands, the listings that answer a demand or a published
// scenario (#/transfer?demand=ID or ?scenario=ID) with the terms they share in both languages,
// and a case per chosen match that works through the one-stop checklist to a signature or a
// declined reason.
import { can, currentUser, getJson, sendJson } from '../api';
import { dataText, el, table } from '../dom';
import { t, tf } from '../i18n';
import { beijingTime } from '../time';

interface Listing {
  id: number; source: string; ref: string; owner: string; country: string; title: string; title_zh: string;
  patent_status: string; ip_status: string; expires: string; expired: boolean; licence: string; trl: number | null; imported_at: string;
}
interface Demand { id: number; org: string; title: string; text: string; region: string; status: string; created_at: string; sample: boolean }
interface Term { key: string; en: string; zh: string; idf: number }
interface Match {
  listing_id: number; listing_ref: string; listing_title: string; owner: string; ip_status: string; expires: string; expired: boolean;
  target_kind: string; target_id: number; target_title: string; target_org: string; score: number; coverage: number; terms: Term[];
  case_id: number; case_status: string; decline_reason: string;
}
interface Check { item: string; state: string; note: string; updated_by: string; updated_at: string }
interface TransferCase {
  id: number; listing_id: number; listing_ref: string; listing_title: string; owner: string; target_kind: string; target_id: number;
  target_title: string; org: string; score: number; terms: Term[]; status: string; decline_reason: string; note: string;
  opened_by: string; opened_at: string; checks: Check[];
}

const STATES = ['todo', 'done', 'not_applicable'] as const;
const REASONS = ['licence_terms', 'trl_too_low', 'ip_risk', 'standards_gap', 'export_control', 'price', 'not_relevant', 'other'] as const;
type Prefix = 'trCheck_' | 'trState_' | 'trReason_' | 'trCase_' | 'trIp_';

function label(prefix: Prefix, code: string): string {
  return t(`${prefix}${code}` as Parameters<typeof t>[0]);
}

function say(host: HTMLElement, text: string, error = false): void {
  host.replaceChildren(el('p', { class: `banner${error ? ' error' : ''}`, 'data-testid': 'transfer-message', role: 'status' }, text));
}

// The shared terms as "battery / 电池": both languages where the glossary names the concept.
export function termsCell(terms: Term[]): HTMLElement {
  if (!terms.length) return el('span', {}, t('engNone'));
  return el('span', { 'data-testid': 'shared-terms' }, ...terms.flatMap((x, i) => [
    ...(i ? ['、'] : []), dataText(x.en && x.zh ? `${x.en} / ${x.zh}` : x.en || x.zh)]));
}

export function ipCell(ip: string, expires: string, expired: boolean): HTMLElement {
  if (expired) return el('span', { 'data-testid': 'ip-expired' }, tf('trExpired', { date: expires }));
  return el('span', {}, label('trIp_', ip), expires ? tf('trExpires', { date: expires }) : '');
}

// The listings that answer a published scenario, for the scenario page (top five, with a link
// to the full list on this page).
export async function scenarioTechnologies(scenarioId: number): Promise<HTMLElement> {
  const section = el('section', { 'data-testid': 'scenario-technologies' }, el('h2', {}, t('trForScenario')));
  try {
    const { matches, as_of } = await getJson<{ matches: Match[]; as_of: string }>(`/api/transfer/matches?scenario=${scenarioId}&top=5`);
    section.append(el('p', { class: 'note' }, tf('trMatchRule', { date: as_of })));
    if (!matches.length) section.append(el('p', { class: 'note' }, t('trNoMatches')));
    else section.append(table([t('trRef'), t('trTitle'), t('trOwner'), t('trIp'), t('trCoverage'), t('trShared')],
      matches.map((m) => [dataText(m.listing_ref), dataText(m.listing_title), dataText(m.owner), ipCell(m.ip_status, m.expires, m.expired),
        `${Math.round(m.coverage * 100)}%`, termsCell(m.terms)]), 'scenario-technologies-table'));
    section.append(el('p', {}, el('a', { href: `#/transfer?scenario=${scenarioId}` }, t('trAllMatches'))));
  } catch (e) {
    section.append(el('p', { class: 'banner error' }, (e as Error).message));
  }
  return section;
}

export async function renderTransfer(page: HTMLElement): Promise<void> {
  const manager = can('transfer.manage');
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const status = el('div', { 'data-testid': 'transfer-status' });
  const demandsHost = el('section', { 'data-testid': 'transfer-demands' });
  const matchesHost = el('section', { 'data-testid': 'transfer-matches' });
  const casesHost = el('section', { 'data-testid': 'transfer-cases' });
  const listingsHost = el('section', { 'data-testid': 'transfer-listings' });
  page.replaceChildren(el('h1', {}, t('trTitlePage')), el('p', { class: 'note' }, t('trIntro')), status, demandsHost, matchesHost,
    casesHost, listingsHost);

  let target: { kind: 'demand' | 'scenario'; id: number } | null =
    params.get('scenario') ? { kind: 'scenario', id: Number(params.get('scenario')) }
      : params.get('demand') ? { kind: 'demand', id: Number(params.get('demand')) } : null;

  // One write: the button that started it stays disabled until it settles (a double click
  // writes once), the page is drawn again, and the outcome is said.
  const act = async (work: () => Promise<unknown>, done: string, button?: HTMLButtonElement) => {
    if (button) button.disabled = true;
    try {
      await work();
      await reload();
      say(status, done);
    } catch (e) {
      say(status, (e as Error).message, true);
    } finally {
      if (button) button.disabled = false;
    }
  };
  // Each section draws only its latest answer: an older response arriving late is dropped.
  let matchesTurn = 0;
  let listingsTurn = 0;

  const drawDemands = (list: Demand[]) => {
    const rows = list.map((d) => {
      const show = el('button', { type: 'button', 'data-testid': `match-demand-${d.id}` }, t('trShowMatches'));
      show.addEventListener('click', () => { target = { kind: 'demand', id: d.id }; void drawMatches(); });
      return [String(d.id), dataText(d.org), dataText(d.title), dataText(d.text), dataText(d.region || '—'), show];
    });
    const org = el('input', { id: 'tr-org', value: manager ? '' : currentUser()?.org.name ?? '' });
    if (!manager) org.setAttribute('readonly', '');  // a firm or lab posts for itself
    const title = el('input', { id: 'tr-title' });
    const text = el('textarea', { id: 'tr-text', rows: '2', placeholder: t('trTextHint') });
    const region = el('input', { id: 'tr-region' });
    const submit = el('button', { type: 'submit', id: 'tr-submit' }, t('trPost'));
    const form = el('form', { class: 'controls', 'data-testid': 'transfer-demand-form' },
      el('label', { for: 'tr-org' }, t('trOrg'), org), el('label', { for: 'tr-title' }, t('trDemandTitle'), title),
      el('label', { for: 'tr-text' }, t('trDemandText'), text), el('label', { for: 'tr-region' }, t('trRegion'), region), submit);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void act(async () => {
        const r = await sendJson<{ id: number }>('POST', '/api/transfer/demands',
          { org: org.value, title: title.value, text: text.value, region: region.value });
        target = { kind: 'demand', id: r.id };
      }, t('trPosted'));
    });
    demandsHost.replaceChildren(el('h2', {}, t('trDemands')),
      ...(list.some((d) => d.sample) ? [el('p', { class: 'banner sample' }, t('trSample'))] : []),
      list.length ? table([t('engId'), t('trOrg'), t('trDemandTitle'), t('trDemandText'), t('trRegion'), t('engAction')], rows, 'transfer-demands-table')
        : el('p', { class: 'note' }, t('trNoDemands')),
      el('h3', {}, t('trNewDemand')), form);
  };

  const caseButton = (m: Match): HTMLElement => {
    if (m.case_id) {
      return el('span', { 'data-testid': `case-of-${m.listing_id}` }, tf('trCaseNo', { id: m.case_id }), label('trCase_', m.case_status),
        ...(m.decline_reason ? [`（${label('trReason_', m.decline_reason)}）`] : []));
    }
    if (!manager) return el('span', {}, '—');
    const open = el('button', { type: 'button', 'data-testid': `open-case-${m.listing_id}` }, t('trOpenCase'));
    open.addEventListener('click', () => void act(() => sendJson('POST', '/api/transfer/cases',
      { listing: m.listing_id, [m.target_kind]: m.target_id }), t('trCaseOpened'), open));
    return open;
  };

  const drawMatches = async () => {
    if (!target) {
      matchesHost.replaceChildren(el('h2', {}, t('trMatches')), el('p', { class: 'note' }, t('trPickDemand')));
      return;
    }
    const asked = target;
    const turn = ++matchesTurn;
    const query = asked.kind === 'demand' ? `demand=${asked.id}` : `scenario=${asked.id}`;
    try {
      const { matches, as_of } = await getJson<{ matches: Match[]; as_of: string }>(`/api/transfer/matches?${query}&top=10`);
      if (turn !== matchesTurn) return;
      const head = matches[0] ? dataText(matches[0].target_title) : el('span', {}, '—');
      matchesHost.replaceChildren(el('h2', {}, t('trMatches')),
        el('p', { 'data-testid': 'transfer-target' }, label('trCase_', `kind_${asked.kind}`), '：', head),
        el('p', { class: 'note' }, tf('trMatchRule', { date: as_of })),
        matches.length ? table([t('trRef'), t('trTitle'), t('trOwner'), t('trIp'), t('trCoverage'), 'BM25', t('trShared'), t('trCase')],
          matches.map((m) => [dataText(m.listing_ref), dataText(m.listing_title), dataText(m.owner), ipCell(m.ip_status, m.expires, m.expired),
            `${Math.round(m.coverage * 100)}%`, m.score.toFixed(2), termsCell(m.terms), caseButton(m)]), 'transfer-matches-table')
          : el('p', { class: 'note' }, t('trNoMatches')));
    } catch (e) {
      if (turn === matchesTurn) matchesHost.replaceChildren(el('h2', {}, t('trMatches')), el('p', { class: 'banner error' }, (e as Error).message));
    }
  };

  const checkRow = (c: TransferCase, k: Check): (string | Node)[] => {
    const cells: (string | Node)[] = [label('trCheck_', k.item), label('trState_', k.state), dataText(k.note || '—')];
    if (!manager || c.status === 'signed' || c.status === 'declined') return [...cells, k.updated_at ? beijingTime(k.updated_at) : '—'];
    const state = el('select', { 'aria-label': t('trState'), 'data-testid': `state-${c.id}-${k.item}` },
      ...STATES.filter((s) => !(k.item === 'ip_due_diligence' && s === 'not_applicable'))
        .map((s) => el('option', { value: s, ...(s === k.state ? { selected: '' } : {}) }, label('trState_', s))));
    const note = el('input', { 'aria-label': t('trNote'), value: k.note });
    const save = el('button', { type: 'button', 'data-testid': `save-${c.id}-${k.item}` }, t('trSave'));
    save.addEventListener('click', () => void act(() => sendJson('POST', `/api/transfer/cases/${c.id}/check`,
      { item: k.item, state: state.value, note: note.value }), t('engSaved'), save));
    return [...cells, el('span', { class: 'controls' }, state, note, save)];
  };

  const drawCase = (c: TransferCase): HTMLElement => {
    const box = el('article', { class: 'card', 'data-testid': `case-${c.id}` },
      el('h3', {}, tf('trCaseNo', { id: c.id }), label('trCase_', c.status),
        ...(c.decline_reason ? [`（${label('trReason_', c.decline_reason)}）`] : [])),
      el('p', {}, dataText(`${c.listing_ref} ${c.listing_title}`), ' → ', label('trCase_', `kind_${c.target_kind}`), '：', dataText(c.target_title),
        ...(c.org ? [' · ', dataText(c.org)] : [])),
      el('p', { class: 'note' }, t('trShared'), '：', termsCell(c.terms), ' · ', tf('trOpenedBy', { who: c.opened_by, at: beijingTime(c.opened_at) })),
      table([t('trCheckItem'), t('trState'), t('trNote'), t('engAction')], c.checks.map((k) => checkRow(c, k)), `case-${c.id}-checks`));
    if (c.note) box.append(el('p', {}, t('trNote'), '：', dataText(c.note)));
    if (manager && c.status !== 'signed' && c.status !== 'declined') {
      const note = el('input', { 'aria-label': t('trNote'), placeholder: t('trNote') });
      const sign = el('button', { type: 'button', 'data-testid': `sign-${c.id}` }, t('trSign'));
      sign.addEventListener('click', () => void act(() => sendJson('POST', `/api/transfer/cases/${c.id}/sign`, { note: note.value }), t('trSigned'), sign));
      const reason = el('select', { 'aria-label': t('trReason'), 'data-testid': `reason-${c.id}` },
        ...REASONS.map((r) => el('option', { value: r }, label('trReason_', r))));
      const decline = el('button', { type: 'button', 'data-testid': `decline-${c.id}` }, t('trDecline'));
      decline.addEventListener('click', () => void act(() => sendJson('POST', `/api/transfer/cases/${c.id}/decline`,
        { reason: reason.value, note: note.value }), t('trDeclined'), decline));
      box.append(el('div', { class: 'controls' }, note, sign, reason, decline));
    }
    return box;
  };

  const drawCases = (list: TransferCase[]) => {
    casesHost.replaceChildren(el('h2', {}, t('trCases')), el('p', { class: 'note' }, t('trChecklistRule')),
      ...(list.length ? list.map(drawCase) : [el('p', { class: 'note' }, t('trNoCases'))]));
  };

  let listingQuery = '';
  let offset = 0;
  const drawListings = async () => {
    const q = el('input', { id: 'tr-q', type: 'search', value: listingQuery, placeholder: t('trSearchHint') });
    const go = el('button', { type: 'button', id: 'tr-search' }, t('trSearch'));
    go.addEventListener('click', () => { listingQuery = q.value; offset = 0; void drawListings(); });
    const turn = ++listingsTurn;
    const from = offset;
    try {
      const r = await getJson<{ total: number; listings: Listing[]; as_of: string }>(
        `/api/transfer/listings?q=${encodeURIComponent(listingQuery)}&offset=${from}&limit=20`);
      if (turn !== listingsTurn) return;
      const sources = [...new Set(r.listings.map((l) => l.source))];
      const imported = r.listings.map((l) => l.imported_at).sort().pop();
      const more = el('button', { type: 'button', id: 'tr-more' }, t('trNext'));
      more.addEventListener('click', () => { more.disabled = true; offset = from + 20; void drawListings(); });
      listingsHost.replaceChildren(el('h2', {}, t('trListings')),
        el('p', { class: 'note', 'data-testid': 'listing-source' }, r.total
          ? tf('trListingSource', { sources: sources.map((s) => label('trCase_', `source_${s}`)).join('、'), at: imported ? beijingTime(imported) : '—', n: r.total })
          : t('trNoListings')),
        el('div', { class: 'controls' }, el('label', { for: 'tr-q' }, t('trSearch'), q), go),
        table([t('trRef'), t('trTitle'), t('trOwner'), t('trIp'), 'TRL', t('trLicence')],
          r.listings.map((l) => [dataText(l.ref), el('span', {}, dataText(l.title), ...(l.title_zh ? [el('br'), dataText(l.title_zh)] : [])),
            dataText(l.owner), ipCell(l.ip_status, l.expires, l.expired), l.trl === null ? t('trNotStated') : String(l.trl),
            l.licence ? dataText(l.licence) : t('trNotStated')]), 'transfer-listings-table'),
        el('p', { class: 'note' }, tf('trPage', { from: r.total ? from + 1 : 0, to: from + r.listings.length, n: r.total })),
        ...(from + r.listings.length < r.total ? [more] : []));
    } catch (e) {
      if (turn === listingsTurn) listingsHost.replaceChildren(el('h2', {}, t('trListings')), el('p', { class: 'banner error' }, (e as Error).message));
    }
  };

  async function reload(): Promise<void> {
    const [{ demands }, { cases }] = await Promise.all([
      getJson<{ demands: Demand[] }>('/api/transfer/demands'),
      getJson<{ cases: TransferCase[] }>('/api/transfer/cases'),
    ]);
    drawDemands(demands);
    drawCases(cases);
    await Promise.all([drawMatches(), drawListings()]);
  }
  await reload();
}
