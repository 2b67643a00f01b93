// 文献关键词突现: the keywords (or WoS categories) of imported papers with the strongest
// Kleinberg bursts, as CiteSpace lists them, below the patents' heat map on the foresight page.
import { getJson } from '../api';
import { dataText, el, fmt, table } from '../dom';
import { t, tf } from '../i18n';
import { beijingTime } from '../time';

interface LiteratureBursts {
  by: string;
  papers: number;
  years?: number[];
  sources: { name: string; format: string; imported_at: string; papers: number }[];
  terms_total?: number;
  terms_bursting?: number;
  terms: { term: string; total: number; first_year: number; strength: number; bursts: { start: number; end: number; strength: number }[]; counts: number[] }[];
  empty_reason?: 'no_papers' | 'one_year' | 'no_bursts' | 'kind_not_in_exports';
}

export async function renderLiteratureBursts(root: HTMLElement): Promise<void> {
  const section = el('section', { id: 'fs-literature' }, el('h2', {}, t('litTitle')));
  root.append(section);
  const by = el('select', { id: 'lit-by' },
    el('option', { value: 'keyword' }, t('litByKeyword')), el('option', { value: 'index_keyword' }, t('litByIndexKeyword')),
    el('option', { value: 'category' }, t('litByCategory')));
  // Bursts are read within one corpus: each export is offered on its own, and all together.
  const source = el('select', { id: 'lit-source' }, el('option', { value: '' }, t('litAllSources')));
  const body = el('div', {});
  section.append(el('div', { class: 'controls' }, el('label', {}, t('litBy'), by), el('label', {}, t('litSourcePick'), source)), body);
  let sourcesListed = false;
  const draw = async () => {
    const picked = source.value ? `&source=${encodeURIComponent(source.value)}` : '';
    const r = await getJson<LiteratureBursts>(`/api/literature/bursts?by=${by.value}&top=25${picked}`);
    if (!sourcesListed) {
      source.append(...r.sources.map((x) => el('option', { value: x.name }, x.name)));
      sourcesListed = true;
    }
    body.replaceChildren();
    if (r.empty_reason === 'no_papers') {
      body.append(el('p', { class: 'banner', 'data-testid': 'lit-none' }, t('litNoPapers')));
      return;
    }
    const years = r.years ?? [];
    body.append(
      el('p', { class: 'note', 'data-testid': 'lit-source' }, tf('litSource', {
        s: r.sources.map((s) => tf('litSourceItem', { name: s.name, format: s.format, n: fmt(s.papers), at: beijingTime(s.imported_at) })).join(t('litListSeparator')),
        n: fmt(r.papers), a: years[0] ?? '—', b: years[years.length - 1] ?? '—',
      })),
      el('p', { class: 'note' }, tf('litSummary', { t: fmt(r.terms_total ?? 0), k: fmt(r.terms_bursting ?? 0) })),
      el('p', { class: 'note' }, t('litDefinition')));
    if (!r.terms.length) {
      const reason = r.empty_reason === 'one_year' ? 'litOneYear' : r.empty_reason === 'kind_not_in_exports' ? 'litKindNotInExports' : 'litNoBursts';
      body.append(el('p', { 'data-testid': 'lit-empty' }, t(reason)));
      return;
    }
    // CiteSpace's table: a red bar over the burst years on the line of all years.
    const bar = (term: LiteratureBursts['terms'][number]) => el('span', { class: 'burst-bar', 'aria-label': term.bursts.map((b) => `${b.start}–${b.end}`).join(', ') },
      ...years.map((y) => el('span', { class: term.bursts.some((b) => y >= b.start && y <= b.end) ? 'on' : 'off' })));
    body.append(table(
      ['#', t('litTerm'), `${t('litPapers')}（${t('litUnitPapers')}）`, t('fsStrength'), t('fsBegin'), t('fsEnd'), `${years[0]}–${years[years.length - 1]}`],
      r.terms.map((x, i) => [String(i + 1), dataText(x.term), fmt(x.total), x.strength.toFixed(2), String(x.bursts[0].start), String(x.bursts[0].end), bar(x)]),
      'lit-bursts'));
  };
  by.addEventListener('change', () => void draw());
  source.addEventListener('change', () => void draw());
  await draw();
}
