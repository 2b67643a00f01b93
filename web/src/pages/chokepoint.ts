// 卡脖子技术图谱: a chain's segments ranked by the chokepoint composite, each row with the
// components and the drivers that made it high, under the weights the analyst chose (shared in
// the link, used by the CSV export too); where the figures come from; a shock simulator below.
import { ApiError, can, getJson, regionSuggestions, homeRegion } from '../api';
import { askEngineers } from './engineers';
import { pickChain } from './chain_picker';
import { el, table } from '../dom';
import { shortProvince, t, tf, type Key } from '../i18n';
import { chainProvenance, definitions, measure, sampleBanner, unitsLine } from './measures';
import { weightParams, weightQuery, weightsForm, type Weights } from './chokepoint_weights';
import { renderShock } from './chokepoint_shock';

const enc = encodeURIComponent;

interface ChokepointRow {
  segment: string; stage: string; score: number; firms: number; local: number; unplaced: number; dominated: number; patents: number;
  components: Record<string, number | null>; drivers: string[];
}
// A segment no firm is known in: missing data, listed apart and never scored as risk.
interface DataGap { segment: string; stage: string; reason: string; dominated: number }
interface ChokepointReport {
  chain: string; region: string; weights: Weights; rows: ChokepointRow[]; data_gaps?: DataGap[];
  source: { origin: string; description: string; sample: boolean; created_at: string; as_of: string };
}

const STAGES: [string, Key][] = [['上游', 'upstream'], ['中游', 'midstream'], ['下游', 'downstream'], ['', 'noStage']];

export async function renderChokepoints(root: HTMLElement): Promise<void> {
  const choice = await pickChain(root, t('chokepoints'), 'choke-chain');
  if (!choice) return;
  const { params, name, current, select } = choice;
  const region = el('input', { id: 'choke-region', list: 'choke-regions', value: params.get('r') ?? current?.home_region ?? '', placeholder: shortProvince((await homeRegion()).focal) });
  const weights = weightParams(params);
  // Every view is a hash: chain, region and weights, so that a link shows the same ranking.
  const show = (w: [string, string][]) => { location.hash = `#/chokepoint?c=${enc(select.value)}&r=${enc(region.value)}${weightQuery(w)}`; };
  const go = el('button', { type: 'button' }, t('show'));
  go.addEventListener('click', () => show(weights));
  select.addEventListener('change', () => { region.value = ''; go.click(); });
  root.append(el('div', { class: 'controls' }, el('label', {}, t('chain'), select), el('label', {}, t('region'), region),
    el('datalist', { id: 'choke-regions' }, ...(await regionSuggestions(['台湾'], true)).map((r) => el('option', { value: r }))), go));

  const query = `region=${enc(region.value)}${weightQuery(weights)}`;
  let report: ChokepointReport;
  try {
    report = await getJson<ChokepointReport>(`/api/chains/${enc(name)}/chokepoints?${query}`);
  } catch (e) {
    // A refused weight (or region) is the analyst's to fix: keep the form, say why in their language.
    if (!(e instanceof ApiError) || e.status !== 400) throw e;
    root.append(weightsForm(params, null, show), el('p', { class: 'banner error', 'data-testid': 'choke-error' }, t('cpFailed'), e.message));
    return;
  }
  root.append(weightsForm(params, report.weights, show));
  if (report.source.sample) root.append(sampleBanner('choke-sample'));
  const measures = [
    measure('score', 'score', 'unit_score', 'cpDef_score'),
    ...(['concentration', 'outside', 'dominance', 'betweenness', 'substitutes', 'technology'] as const)
      .map((c) => measure(c, `drv_${c}`, 'unit_score', `cpDef_${c}` as Key)),
    measure('firms', 'firmsCol', 'unit_firms', 'cpDef_firms'),
    measure('dominated', 'dominatedCol', 'unit_segments', 'cpDef_dominated'),
  ];
  root.append(chainProvenance('choke-provenance', report.source, report.source.as_of, report.region),
    unitsLine('choke', measures), definitions('choke', measures, 'docs/chokepoints.md'),
    el('p', { class: 'downloads' }, el('a', { class: 'button-link', 'data-testid': 'choke-csv', download: 'chokepoints.csv',
      href: `/api/chains/${enc(name)}/chokepoints.csv?${query}` }, t('cpDownloadCsv'))));

  const gaps = report.data_gaps ?? [];
  drawMap(root, report.rows, gaps);
  const num = (x: number | null) => (x === null ? '—' : x.toFixed(2));
  const unit = (k: Key, u: Key) => `${t(k)}（${t(u)}）`;
  const askable = can('engineers.request');
  root.append(el('section', {}, el('h2', {}, t('chokeRanking')), report.rows.length === 0
    ? el('p', { class: 'note', 'data-testid': 'choke-empty' }, gaps.length ? tf('cpNoRows', { n: gaps.length }) : t('chainNoSegments'))
    : table(['#', t('segment'), t('stage'), unit('score', 'unit_score'), t('drivers'), unit('firmsCol', 'unit_firms'),
      unit('localCol', 'unit_firms'), unit('unplacedCol', 'unit_firms'), unit('dominatedCol', 'unit_segments'), ...(['concentration', 'outside', 'dominance',
        'betweenness', 'substitutes', 'technology'] as const).map((c) => t(`drv_${c}` as Key)), ...(askable ? [t('engTitle')] : [])],
    report.rows.map((r, i) => [String(i + 1), r.segment, r.stage || '—', r.score.toFixed(3),
      r.drivers.map((d) => t(`drv_${d}` as Key)).join('、') || '—', String(r.firms), String(r.local), String(r.unplaced), String(r.dominated),
      num(r.components.concentration), num(r.components.outside), num(r.components.dominance), num(r.components.betweenness),
      num(r.components.substitutes), num(r.components.technology), ...(askable ? [askEngineers(name, r.segment, 'chokepoint')] : [])]),
    'chokepoint-table')));
  if (gaps.length)
    root.append(el('section', { id: 'choke-gaps' }, el('h2', {}, t('gapTitle')), el('p', { class: 'note' }, t('gapNote')),
      table([t('segment'), t('stage'), t('gapReason'), unit('dominatedCol', 'unit_segments')],
        gaps.map((g) => [g.segment, g.stage || '—', t(`gap_${g.reason}` as Key), String(g.dominated)]), 'chokepoint-gaps')));

  await renderShock(root, name, [...report.rows, ...gaps].map((r) => r.segment), region.value);
}

// The chain left to right by stage, each segment coloured by its score (green → red); data
// gaps in grey after the scored segments, marked as missing data rather than risk.
function drawMap(root: HTMLElement, rows: ChokepointRow[], gaps: DataGap[]): void {
  const colour = (score: number) => `hsl(${Math.round(120 * (1 - Math.min(1, Math.max(0, score))))}, 70%, 88%)`;
  const stages = STAGES.filter(([stage]) => rows.some((r) => r.stage === stage) || gaps.some((g) => g.stage === stage));
  root.append(el('section', {}, el('h2', {}, t('chokeMap')), stages.length === 0
    ? el('p', { class: 'note', 'data-testid': 'choke-map-empty' }, t('chainNoSegments'))
    : el('div', { class: 'stage-columns', 'data-testid': 'choke-map' }, ...stages.map(([stage, key]) =>
      el('div', { class: 'stage-column' }, el('h3', {}, t(key)),
        ...rows.filter((r) => r.stage === stage).map((r) =>
          el('div', { class: 'segment-chip', style: `background:${colour(r.score)}`, 'data-segment': r.segment, 'data-score': r.score.toFixed(3),
            title: `${r.segment}：${t('score')} ${r.score.toFixed(3)}${r.drivers.length ? ` · ${r.drivers.map((d) => t(`drv_${d}` as Key)).join('、')}` : ''}` },
          el('span', { class: 'chip-name' }, r.segment), el('span', { class: 'chip-count' }, r.score.toFixed(2)))),
        ...gaps.filter((g) => g.stage === stage).map((g) =>
          el('div', { class: 'segment-chip data-gap', 'data-segment': g.segment, 'data-gap': g.reason, title: t(`gap_${g.reason}` as Key) },
            el('span', { class: 'chip-name' }, g.segment), el('span', { class: 'chip-count' }, t('gapShort')))))))));
}
