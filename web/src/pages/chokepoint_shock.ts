// The supply-shock simulator of the chokepoint page: remove a segment, lose a region's suppliers
// or lose one firm (picked from the chain's firms by typing part of its name), and see every
// segment that loses, by how much, and what is cut off.
import { getJson, regionSuggestions, type FirmRow } from '../api';
import { dataText, el, table } from '../dom';
import { t, tf, type Key } from '../i18n';
import { measure, unitsLine, definitions } from './measures';

const enc = encodeURIComponent;

interface ShockResult {
  shock: string; amplification: number; end_products: number; end_products_hit: number; cut_off: string[];
  segments: { segment: string; stage: string; initial: number; loss: number; cut_off: boolean; end_product: boolean }[];
}
type Kind = 'segment' | 'region' | 'enterprise';

export async function renderShock(root: HTMLElement, chain: string, segments: string[], region: string): Promise<void> {
  const kind = el('select', { id: 'shock-kind' }, ...(['segment', 'region', 'enterprise'] as const).map((k) => el('option', { value: k }, t(`shock_${k}` as Key))));
  const target = el('input', { id: 'shock-target', list: 'shock-segments', value: segments[0] ?? '', autocomplete: 'off' });
  const hint = el('span', { class: 'note', 'data-testid': 'shock-hint' });
  const firmList = el('datalist', { id: 'shock-firms', 'data-testid': 'shock-firms' });
  let firmsLoaded: Promise<void> | null = null;
  // The chain's firms are fetched once, when a firm is first to be chosen: a chain may hold thousands.
  const loadFirms = () => firmsLoaded ??= getJson<{ firms: FirmRow[] }>(`/api/chains/${enc(chain)}/firms?region=${enc(region)}`)
    .then(({ firms }) => {
      firmList.replaceChildren(...firms.map((f) => el('option', { value: f.name },
        [t(`zone_${f.zone}` as Key), f.province].filter(Boolean).join(' · '))));
      firmList.setAttribute('data-count', String(firms.length));
      hint.textContent = tf('shockFirmCount', { n: firms.length });
    })
    .catch((e: Error) => { firmsLoaded = null; hint.textContent = e.message; });
  kind.addEventListener('change', () => {
    const k = kind.value as Kind;
    target.setAttribute('list', { segment: 'shock-segments', region: 'shock-regions', enterprise: 'shock-firms' }[k]);
    target.value = k === 'segment' ? segments[0] ?? '' : '';
    hint.textContent = '';
    if (k === 'enterprise') void loadFirms();
  });

  const out = el('div', { id: 'shock-result' });
  const run = el('button', { type: 'button', id: 'shock-run' }, t('simulate'));
  run.addEventListener('click', async () => {
    const k = kind.value as Kind, what = target.value.trim();
    try {
      const r = await getJson<ShockResult>(`/api/chains/${enc(chain)}/shock?${k}=${enc(what)}`);
      // The shock named on the page in the reader's language (the API's label is English).
      const summary = el('p', { 'data-testid': 'shock-summary', 'data-kind': k },
        `${t(`shock_${k}` as Key)}：`, dataText(what), '。', tf('shockSummary', {
          a: r.amplification.toFixed(2), h: r.end_products_hit, e: r.end_products, c: r.cut_off.length }));
      out.replaceChildren(summary, r.segments.length === 0 ? el('p', { class: 'note', 'data-testid': 'shock-empty' }, t('shockNoLoss'))
        : table([t('segment'), t('stage'), `${t('initialCol')}（0–1）`, `${t('lossCol')}（0–1）`, t('shockEffect')],
          r.segments.map((s) => [s.segment, s.stage || '—', s.initial.toFixed(2), s.loss.toFixed(2),
            [s.cut_off ? t('cutOff') : '', s.end_product ? t('endProduct') : ''].filter(Boolean).join('、') || '—']), 'shock-table'));
    } catch (e) {
      out.replaceChildren(el('p', { class: 'banner error', 'data-testid': 'shock-error' }, (e as Error).message));
    }
  });

  const measures = [
    measure('initial', 'initialCol', 'unit_score', 'cpDef_initial'),
    measure('loss', 'lossCol', 'unit_score', 'cpDef_loss'),
    measure('amplification', 'amplificationName', 'unit_times', 'cpDef_amplification'),
  ];
  root.append(el('section', { id: 'shock-section' }, el('h2', {}, t('shockSim')),
    unitsLine('shock', measures), definitions('shock', measures, 'docs/chokepoints.md'),
    el('datalist', { id: 'shock-segments' }, ...segments.map((s) => el('option', { value: s }))),
    el('datalist', { id: 'shock-regions' }, ...(await regionSuggestions(['台湾', '境外'], true)).map((r) => el('option', { value: r }))),
    firmList,
    el('div', { class: 'controls' }, el('label', {}, t('shockKind'), kind), el('label', {}, t('target2'), target), run, hint), out));
}
