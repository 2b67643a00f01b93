// 卡脖子技术图谱: a chain's segments ranked by the chokepoint composite, each row with the
// components and the drivers that made it high; a shock simulator below.
import { getJson, regionSuggestions, homeRegion } from '../api';
import { pickChain } from './chain_picker';
import { el, table } from '../dom';
import { shortProvince, t, type Key } from '../i18n';

const enc = encodeURIComponent;

interface ChokepointRow {
  segment: string; stage: string; score: number; firms: number; local: number; dominated: number; patents: number;
  components: Record<string, number | null>; drivers: string[];
}
// A segment no firm is known in: missing data, listed apart and never scored as risk.
interface DataGap { segment: string; stage: string; reason: string; dominated: number }
interface ShockResult {
  shock: string; amplification: number; end_products: number; end_products_hit: number; cut_off: string[];
  segments: { segment: string; stage: string; initial: number; loss: number; cut_off: boolean; end_product: boolean }[];
}

export async function renderChokepoints(root: HTMLElement): Promise<void> {
  const choice = await pickChain(root, t('chokepoints'), 'choke-chain');
  if (!choice) return;
  const { params, name, current, select } = choice;
  const region = el('input', { id: 'choke-region', list: 'choke-regions', value: params.get('r') ?? current?.home_region ?? '', placeholder: shortProvince((await homeRegion()).focal) });
  const go = el('button', { type: 'button' }, t('show'));
  go.addEventListener('click', () => { location.hash = `#/chokepoint?c=${enc(select.value)}&r=${enc(region.value)}`; });
  select.addEventListener('change', () => { region.value = ''; go.click(); });
  root.append(el('div', { class: 'controls' }, el('label', {}, t('chain'), select), el('label', {}, t('region'), region),
    el('datalist', { id: 'choke-regions' }, ...(await regionSuggestions(['台湾'])).map((r) => el('option', { value: r }))), go));

  const report = await getJson<{ region: string; rows: ChokepointRow[]; data_gaps?: DataGap[] }>(`/api/chains/${enc(name)}/chokepoints?region=${enc(region.value)}`);
  const pct = (x: number | null) => (x === null ? '—' : x.toFixed(2));
  // The chain left to right by stage, each segment coloured by its score (green → red).
  const colour = (score: number) => `hsl(${Math.round(120 * (1 - Math.min(1, Math.max(0, score))))}, 70%, 88%)`;
  const stages: [string, Key][] = [['上游', 'upstream'], ['中游', 'midstream'], ['下游', 'downstream'], ['', 'noStage']];
  const gaps = report.data_gaps ?? [];
  root.append(el('section', {}, el('h2', {}, t('chokeMap')), el('div', { class: 'stage-columns', 'data-testid': 'choke-map' },
    ...stages.filter(([stage]) => report.rows.some((r) => r.stage === stage) || gaps.some((g) => g.stage === stage)).map(([stage, key]) =>
      el('div', { class: 'stage-column' }, el('h3', {}, t(key)),
        ...report.rows.filter((r) => r.stage === stage).map((r) =>
          el('div', { class: 'segment-chip', style: `background:${colour(r.score)}`, 'data-segment': r.segment, 'data-score': r.score.toFixed(3),
            title: r.drivers.map((d) => t(`drv_${d}` as Key)).join('、') },
          r.segment, el('span', { class: 'chip-count' }, r.score.toFixed(2)))),
        // Gaps in grey after the scored segments, marked as missing data rather than risk.
        ...gaps.filter((g) => g.stage === stage).map((g) =>
          el('div', { class: 'segment-chip data-gap', 'data-segment': g.segment, 'data-gap': g.reason, title: t(`gap_${g.reason}` as Key) },
            g.segment, el('span', { class: 'chip-count' }, t('gapShort')))))))));
  root.append(table(
    ['#', t('segment'), t('stage'), t('score'), t('drivers'), t('firmsCol'), t('localCol'), t('dominatedCol'),
      t('drv_concentration'), t('drv_outside'), t('drv_betweenness'), t('drv_substitutes'), t('drv_technology')],
    report.rows.map((r, i) => [String(i + 1), r.segment, r.stage || '—', r.score.toFixed(3),
      r.drivers.map((d) => t(`drv_${d}` as Key)).join('、') || '—', String(r.firms), String(r.local), String(r.dominated),
      pct(r.components.concentration), pct(r.components.outside), pct(r.components.betweenness),
      pct(r.components.substitutes), pct(r.components.technology)]), 'chokepoint-table'));
  if (gaps.length)
    root.append(el('section', { id: 'choke-gaps' }, el('h2', {}, t('gapTitle')), el('p', { class: 'note' }, t('gapNote')),
      table([t('segment'), t('stage'), t('gapReason'), t('dominatedCol')],
        gaps.map((g) => [g.segment, g.stage || '—', t(`gap_${g.reason}` as Key), String(g.dominated)]), 'chokepoint-gaps')));

  // Shock simulator.
  const kind = el('select', { id: 'shock-kind' }, ...['segment', 'region', 'enterprise'].map((k) => el('option', { value: k }, t(`shock_${k}` as Key))));
  const target = el('input', { id: 'shock-target', list: 'shock-segments', value: report.rows[0]?.segment ?? '' });
  const run = el('button', { type: 'button', id: 'shock-run' }, t('simulate'));
  const out = el('div', { id: 'shock-result' });
  run.addEventListener('click', async () => {
    try {
      const r = await getJson<ShockResult>(`/api/chains/${enc(name)}/shock?${kind.value}=${enc(target.value)}`);
      out.replaceChildren(
        el('p', { 'data-testid': 'shock-summary' }, `${r.shock}：` + t('shockSummary').replace('{a}', r.amplification.toFixed(2))
          .replace('{h}', String(r.end_products_hit)).replace('{e}', String(r.end_products)).replace('{c}', String(r.cut_off.length))),
        table([t('segment'), t('stage'), t('initialCol'), t('lossCol'), t('shockEffect')], r.segments.map((s) => [s.segment, s.stage || '—',
          s.initial.toFixed(2), s.loss.toFixed(2), [s.cut_off ? t('cutOff') : '', s.end_product ? t('endProduct') : ''].filter(Boolean).join('、')]),
        'shock-table'));
    } catch (e) {
      out.replaceChildren(el('p', { class: 'banner error' }, (e as Error).message));
    }
  });
  root.append(el('section', {}, el('h2', {}, t('shockSim')),
    el('datalist', { id: 'shock-segments' }, ...[...report.rows, ...gaps].map((r) => el('option', { value: r.segment }))),
    el('div', { class: 'controls' }, el('label', {}, t('shockKind'), kind), el('label', {}, t('target2'), target), run), out));
}
