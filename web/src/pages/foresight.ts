// 技术预见热力图: imported patents as a field × period heat map (count, share, growth or burst
// strength), a CiteSpace-style burst timeline, the emerging fields and snapshot comparison.
import { can, getJson, sendJson, regionSuggestions } from '../api';
import { mountChart } from '../charts';
import { dataText, el, escapeHtml, fmt, table } from '../dom';
import { currentLang, t, tf, type Key } from '../i18n';
import { beijingTime } from '../time';
import { renderLiteratureBursts } from './literature';

interface FieldHead {
  code: string; label_zh: string; label_en: string; rank: number; total: number; records: number;
  first_period: string | null; cagr: number | null; max_strength: number; emergence: number | null; emergence_candidate: boolean;
}
interface Interval { start: string; end: string; periods: number; strength: number }
interface HeatField extends FieldHead {
  bursts: Interval[]; values: (number | null)[]; counts: number[]; growth: (number | null)[]; burst: number[];
}
interface Source { name: string; records: number; first_filed: string; last_filed: string; imported_at: string }
type EmptyReason = 'no_patents_match' | 'no_industry_data' | 'too_few_periods' | 'none_meet_criteria' | 'no_bursts';
// How the server colours a cell (the PNG/SVG use the same): x in [0, 1] along equally spaced stops.
interface ColourScale { kind: 'log' | 'linear' | 'diverging'; factor: number; max: number; unit: string; missing: string; burst_outline: string; colours: string[] }
export interface HeatMap {
  query: Record<string, string | number>; counting_note: string; records: number; fields_with_records: number;
  periods: string[]; records_per_period: number[]; fields: HeatField[];
  bursts: (FieldHead & Interval)[]; emerging: FieldHead[];
  provenance: { records_total: number; data_from: string; data_through: string; sources: Source[] };
  complete_periods: number; incomplete_periods: string[]; growth_through: string | null; growth_window: number;
  emergence_periods_needed: number; empty: { heatmap: EmptyReason | null; emerging: EmptyReason | null; bursts: EmptyReason | null };
  scale: ColourScale;
}
interface SnapshotInfo { id: number; name: string; taken_at: string; trigger: string; records: number; fields: number }
interface Change {
  code: string; label_zh: string; kinds: string[];
  a: { rank: number; cagr: number | null; bursts: string[] } | null; b: { rank: number; cagr: number | null; bursts: string[] } | null;
}

const enc = encodeURIComponent;
// A field's title from the classification (IPC titles are English where no Chinese one is loaded).
const label = (f: { label_zh: string; label_en: string }) =>
  (currentLang() === 'zh' ? f.label_zh || f.label_en : f.label_en || f.label_zh) || '—';
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
// The row name on the heat map: the code and its Chinese label; where the label table has only
// an English title, the code alone (the title shows on hover, marked as data).
const rowName = (f: { code: string; label_zh: string; label_en: string }) =>
  (currentLang() === 'zh' ? (f.label_zh ? `${f.code} ${f.label_zh}` : f.code) : `${f.code} ${f.label_en || f.label_zh}`.trim());
// The same position the server's ColourScale::position computes (heat_map.cpp).
export function scalePosition(s: ColourScale, v: number): number {
  let x = 0;
  if (s.kind === 'diverging') x = s.max > 0 ? 0.5 + v / (2 * s.max) : 0.5;
  else if (s.kind === 'log') x = s.max > 0 ? Math.log1p(s.factor * Math.max(0, v)) / Math.log1p(s.factor * s.max) : 0;
  else x = s.max > 0 ? v / s.max : 0;
  return Math.min(1, Math.max(0, x));
}
const unitText = (m: HeatMap) => (m.scale.unit === 'percent_per_period' ? t(`fsPer_${m.query.period}` as Key) : t(`fsUnit_${m.scale.unit}` as Key));
// A value of the measure as the legend states it (shares and growth in per cent).
const legendNumber = (m: HeatMap, v: number) => (['percent', 'percent_per_period'].includes(m.scale.unit) ? `${(v * 100).toFixed(1)}` : fmt(Number(v.toFixed(2))));
// The reason an empty list is empty, with the numbers behind it.
function emptyReason(m: HeatMap, reason: EmptyReason): string {
  const kind = String(m.query.applicant_kind ?? '');
  const kindKey = ({ company: 'fsCompany', university: 'fsUniversity', institute: 'fsInstitute', individual: 'fsIndividual' } as Record<string, Key>)[kind];
  const filter = `${String(m.query.region || '') || t('fsAllRegions')}，${t('fsApplicant')}：${kindKey ? t(kindKey) : t('fsAllKinds')}`;
  return tf(`fsEmpty_${reason}` as Key, {
    filter, a: m.query.from, b: m.query.to, n: reason === 'no_patents_match' ? fmt(m.provenance.records_total) : m.complete_periods,
    need: m.emergence_periods_needed, s: m.query.s, g: m.query.gamma,
  });
}
const measures = ['count', 'share', 'growth', 'burst', 'emergence'] as const;
const unitOf = (m: HeatMap, k: typeof measures[number]) =>
  (k === 'count' ? t('fsUnit_patents') : k === 'share' ? t('fsUnit_percent') : k === 'growth' ? t(`fsPer_${m.query.period}` as Key) : t('fsUnit_strength'));
const measureName: Record<typeof measures[number], Key> = { count: 'fsCount', share: 'fsShare', growth: 'fsGrowth', burst: 'fsBurstStrength', emergence: 'fsEmergence' };

// The page's query, kept in the hash so that a view can be bookmarked and shared.
const keys = ['level', 'period', 'from', 'to', 'region', 'applicant_kind', 'measure', 'counting', 'order', 'top', 's', 'gamma', 'min_duration'] as const;

function select(id: string, value: string, options: [string, Key][]): HTMLSelectElement {
  const s = el('select', { id }, ...options.map(([v, k]) => el('option', { value: v }, t(k))));
  s.value = value;
  return s;
}

// Tooltip text of one cell: what an analyst checks before trusting a colour.
// The first line is the row's full name; an English-only title follows it as data.
export function cellTooltip(m: HeatMap, f: HeatField, p: number): string {
  const burst = f.burst[p] ? t('fsInBurst') : t('fsNoBurst');
  const growth = f.growth[p];
  const incomplete = p >= m.complete_periods ? `（${t('fsIncompleteShort')}）` : '';
  return [rowName(f), `${t('fsPeriod')}：${m.periods[p]}${incomplete}`, `${t('fsCount')}：${fmt(f.counts[p])} ${t('fsUnit_patents')}`,
    `${t('fsShare')}：${pct(m.records_per_period[p] ? f.counts[p] / m.records_per_period[p] : 0)}`,
    `${t('fsGrowth')}：${pct(growth)}`, `${t('fsBurst')}：${burst}`].join('\n');
}
// The tooltip as HTML: every line escaped, the English title (when it is all there is) in a
// [data-data] span.
function tooltipHtml(m: HeatMap, f: HeatField, p: number): string {
  const lines = cellTooltip(m, f, p).split('\n').map(escapeHtml);
  if (currentLang() === 'zh' && !f.label_zh && f.label_en) lines.splice(1, 0, `<span data-data="">${escapeHtml(f.label_en)}</span>`);
  return lines.join('<br>');
}

export async function renderForesight(root: HTMLElement): Promise<void> {
  const overview = await getJson<{ patents: number; first_year: number; last_year: number }>('/api/foresight/overview');
  root.replaceChildren(el('h1', {}, t('foresightTitle')));
  if (overview.patents === 0) {
    root.append(el('p', { class: 'banner', 'data-testid': 'no-patents' }, t('fsNoPatents')));
    await renderLiteratureBursts(root);
    return;
  }
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const q = (k: string, d: string) => params.get(k) ?? d;
  const controls = {
    level: select('fs-level', q('level', 'subclass'), [['section', 'fsSection'], ['class', 'fsClass'], ['subclass', 'fsSubclass'], ['group', 'fsGroup'], ['industry', 'fsIndustry']]),
    period: select('fs-period', q('period', 'year'), [['year', 'fsYear'], ['quarter', 'fsQuarter'], ['month', 'fsMonth'], ['week', 'fsWeek']]),
    from: el('input', { id: 'fs-from', type: 'number', value: q('from', String(Math.max(overview.first_year, overview.last_year - 17))) }),
    to: el('input', { id: 'fs-to', type: 'number', value: q('to', String(overview.last_year)) }),
    region: el('input', { id: 'fs-region', list: 'fs-regions', value: q('region', ''), placeholder: t('fsAllRegions') }),
    applicant_kind: select('fs-kind', q('applicant_kind', ''), [['', 'fsAllKinds'], ['company', 'fsCompany'], ['university', 'fsUniversity'], ['institute', 'fsInstitute'], ['individual', 'fsIndividual']]),
    measure: select('fs-measure', q('measure', 'count'), [['count', 'fsCount'], ['share', 'fsShare'], ['growth', 'fsGrowth'], ['burst', 'fsBurstStrength']]),
    counting: select('fs-counting', q('counting', 'whole'), [['whole', 'fsWhole'], ['fractional', 'fsFractional']]),
    order: select('fs-order', q('order', 'strength'), [['strength', 'fsByStrength'], ['total', 'fsByTotal'], ['similarity', 'fsBySimilarity']]),
    top: el('input', { id: 'fs-top', type: 'number', value: q('top', '30') }),
    s: el('input', { id: 'fs-s', type: 'number', step: '0.1', value: q('s', '2') }),
    gamma: el('input', { id: 'fs-gamma', type: 'number', step: '0.1', value: q('gamma', '1') }),
    min_duration: el('input', { id: 'fs-min-duration', type: 'number', value: q('min_duration', '1') }),
  };
  const query = () => keys.map((k) => [k, controls[k].value] as const).filter(([, v]) => v !== '').map(([k, v]) => `${k}=${enc(v)}`).join('&');
  const go = el('button', { type: 'button', id: 'fs-go' }, t('show'));
  go.addEventListener('click', () => { location.hash = `#/foresight?${query()}`; });
  const labelled = (k: Key, c: HTMLElement) => el('label', {}, t(k), c);
  root.append(el('div', { class: 'controls' },
    labelled('fsLevel', controls.level), labelled('fsPeriodKind', controls.period), labelled('fsFrom', controls.from),
    labelled('fsTo', controls.to), labelled('region', controls.region), labelled('fsApplicant', controls.applicant_kind),
    labelled('fsMeasure', controls.measure), labelled('fsCounting', controls.counting), labelled('fsOrder', controls.order),
    labelled('fsTop', controls.top), labelled('fsS', controls.s), labelled('fsGammaLabel', controls.gamma),
    labelled('fsMinDuration', controls.min_duration),
    el('datalist', { id: 'fs-regions' }, ...(await regionSuggestions(['上海', '广东'], 'city')).map((r) => el('option', { value: r }))), go));

  const m = await getJson<HeatMap>(`/api/foresight/heatmap?${query()}`);
  root.append(provenance(m), el('p', { 'data-testid': 'fs-summary' }, t('fsSummary').replace('{r}', fmt(m.records))
    .replace('{f}', fmt(m.fields_with_records)).replace('{s}', String(m.fields.length))
    .replace('{a}', m.periods[0] ?? '').replace('{b}', m.periods[m.periods.length - 1] ?? '')),
  el('p', { class: 'note' }, t(m.query.counting === 'fractional' ? 'fsNoteFractional' : 'fsNoteWhole')),
  units(m), definitions(m),
  el('p', { class: 'downloads' }, ...(['csv', 'png', 'svg'] as const).map((ext) =>
    el('a', { href: `/api/foresight/heatmap.${ext}?${query()}`, download: `heatmap.${ext}`, 'data-testid': `fs-${ext}` }, ext.toUpperCase()))));
  if (m.incomplete_periods.length) {
    root.append(el('p', { class: 'banner warning', 'data-testid': 'fs-incomplete' }, m.growth_through
      ? tf('fsIncomplete', { p: m.incomplete_periods.join('、'), d: m.provenance.data_through, g: m.growth_through })
      : tf('fsIncompleteNoneComplete', { d: m.provenance.data_through })));
  }

  const section = el('section', {}, el('h2', {}, t('fsHeatmap')));
  root.append(section);
  if (m.empty.heatmap) section.append(el('p', { class: 'banner', 'data-testid': 'fs-empty-heatmap' }, emptyReason(m, m.empty.heatmap)));
  else drawHeatMap(section, m);

  // CiteSpace's "top N with the strongest bursts": a thick red bar over the burst years.
  const timeline = (b: Interval) => {
    const start = m.periods.indexOf(b.start), end = m.periods.indexOf(b.end);
    return el('span', { class: 'burst-bar', 'aria-label': `${b.start}–${b.end}` },
      ...m.periods.map((_, i) => el('span', { class: i >= start && i <= end ? 'on' : 'off' })));
  };
  root.append(el('section', {}, el('h2', {}, t('fsBurstTimeline')),
    m.bursts.length ? table(['#', t('fsField'), t('fsLabel'), t('fsStrength'), t('fsBegin'), t('fsEnd'), `${m.periods[0] ?? ''}–${m.periods[m.periods.length - 1] ?? ''}`],
      m.bursts.map((b, i) => [String(i + 1), b.code, dataText(label(b)), b.strength.toFixed(2), b.start, b.end, timeline(b)]), 'fs-bursts')
      : el('p', { 'data-testid': 'fs-bursts-none' }, emptyReason(m, m.empty.bursts ?? 'no_bursts'))));

  const cagrHead = `${t('fsCagr')}（${m.growth_through ?? '—'}，${t(`fsPer_${m.query.period}` as Key)}）`;
  root.append(el('section', {}, el('h2', {}, t('fsEmerging')), el('p', { class: 'note' }, tf('fsEmergingNoteComplete', { g: m.growth_through ?? '—' })),
    m.emerging.length ? table([t('fsField'), t('fsLabel'), t('fsEmergence'), `${t('fsRecords')}（${t('fsUnit_patents')}）`, cagrHead, t('fsFirst')],
      m.emerging.map((f) => [f.code, dataText(label(f)), (f.emergence ?? 0).toFixed(2), fmt(f.records), pct(f.cagr), f.first_period ?? '—']), 'fs-emerging')
      : el('p', { 'data-testid': 'fs-emerging-none' }, emptyReason(m, m.empty.emerging ?? 'none_meet_criteria'))));

  await renderLiteratureBursts(root);
  await renderSnapshots(root, query);
}

// Where the figures come from: each source with its records, filing dates and import time, and
// the date the data reaches (the latest filing date), which is the as-of date of every figure.
function provenance(m: HeatMap): HTMLElement {
  const p = el('p', { 'data-testid': 'fs-provenance' }, t('fsSourceLine'));
  m.provenance.sources.forEach((s, i) => {
    if (i) p.append('；');
    p.append(dataText(s.name, 'code'), tf('fsSourceItem', {
      n: fmt(s.records), a: s.first_filed, b: s.last_filed,
      at: s.imported_at ? tf('fsImportedAt', { at: beijingTime(s.imported_at) }) : t('fsReadFromFile'),
    }));
  });
  p.append('。', tf('fsAsOf', { n: fmt(m.provenance.records_total), d: m.provenance.data_through }));
  return p;
}

// ⓘ: the definition on hover or focus; a click opens the definitions below.
function info(k: typeof measures[number], m: HeatMap): HTMLElement {
  const i = el('span', { class: 'info', role: 'button', tabindex: '0', title: tf(`fsDef_${k}` as Key, { w: m.growth_window }),
    'aria-label': `${t('fsInfo')}：${t(measureName[k])}`, 'data-testid': `fs-info-${k}`, style: 'cursor:help;color:#1677ff;margin-left:2px' }, 'ⓘ');
  i.addEventListener('click', () => {
    const d = document.getElementById('fs-definitions') as HTMLDetailsElement | null;
    if (d) { d.open = true; document.getElementById(`fs-def-${k}`)?.scrollIntoView({ block: 'nearest' }); }
  });
  return i;
}

function units(m: HeatMap): HTMLElement {
  const p = el('p', { class: 'note', 'data-testid': 'fs-units' }, `${t('fsUnitLabel')}：`);
  measures.forEach((k, n) => {
    if (n) p.append(' · ');
    p.append(`${t(measureName[k])} ${unitOf(m, k)}`, info(k, m));
  });
  return p;
}

function definitions(m: HeatMap): HTMLElement {
  const list = el('dl', {});
  for (const k of [...measures, 'incomplete'] as const)
    list.append(el('dt', { id: `fs-def-${k}` }, k === 'incomplete' ? t('fsIncompleteShort') : `${t(measureName[k])}（${unitOf(m, k)}）`),
      el('dd', {}, tf(`fsDef_${k}` as Key, { w: m.growth_window })));
  return el('details', { id: 'fs-definitions', 'data-testid': 'fs-definitions' }, el('summary', {}, t('fsDefinitions')), list);
}

// The heat map: fields top to bottom in the chosen order, periods left to right, coloured on
// the server's scale (the same as the PNG/SVG), bursts outlined, incomplete periods framed.
function drawHeatMap(section: HTMLElement, m: HeatMap): void {
  const holder = el('div', { id: 'chart-foresight', class: 'chart tall', style: `height:${Math.max(320, 22 * m.fields.length + 140)}px` });
  const s = m.scale;
  const low = s.kind === 'diverging' ? -s.max : 0;
  const legend = el('p', { class: 'note', 'data-testid': 'fs-legend' },
    el('span', { style: `display:inline-block;width:160px;height:10px;margin-right:6px;vertical-align:middle;background:linear-gradient(to right,${s.colours.join(',')})` }),
    tf('fsLegend', { scale: t(`fsScale_${s.kind}` as Key), unit: unitText(m), min: legendNumber(m, low), max: legendNumber(m, s.max) }));
  const tip = el('div', { 'data-testid': 'fs-axis-tip', style: 'position:absolute;display:none;background:#fff;border:1px solid #d0d7de;padding:4px 8px;font-size:13px;z-index:5;pointer-events:none' });
  const box = el('div', { style: 'position:relative' }, holder, tip);
  section.append(legend, box);
  const n = m.fields.length;
  type Cell = { value: [number, number, number, number | null]; itemStyle?: Record<string, unknown> };
  const data: Cell[] = [];
  m.fields.forEach((f, y) => f.values.forEach((v, x) => {
    const cell: Cell = { value: [x, n - 1 - y, v === null ? -1 : scalePosition(s, v), v] };
    if (f.burst[x]) cell.itemStyle = { borderColor: s.burst_outline, borderWidth: 2 };
    data.push(cell);
  }));
  const rows = [...m.fields].reverse();
  const left = holder.clientWidth < 600 ? 120 : 260;
  const step = Math.max(1, Math.ceil(m.periods.length / Math.max(1, (holder.clientWidth - left - 60) / 48)));
  const chart = mountChart('foresight-heatmap', holder, {
    tooltip: {
      className: 'fs-tooltip',
      formatter: (p: { data: Cell }) => tooltipHtml(m, m.fields[n - 1 - p.data.value[1]], p.data.value[0]),
    },
    grid: { left, right: 60, top: 24, bottom: 90 },
    xAxis: { type: 'category', data: m.periods, splitArea: { show: true },
      // Every few periods as room allows, but always the incomplete ones, so their mark shows.
      axisLabel: { interval: (i: number) => i >= m.complete_periods || i % step === 0,
        formatter: (v: string, i: number) => (i >= m.complete_periods ? `${v}\n${t('fsIncompleteShort')}` : v) } },
    // Names are whole in the data; the axis cuts them to its width and shows them whole on hover.
    yAxis: { type: 'category', data: rows.map(rowName), triggerEvent: true, axisLabel: { width: left - 12, overflow: 'truncate' } },
    // Colours come from the scale's position (value dimension 2); −1 marks an undefined cell.
    visualMap: { show: false, dimension: 2, min: 0, max: 1, inRange: { color: s.colours }, outOfRange: { color: s.missing } },
    dataZoom: [{ type: 'slider', xAxisIndex: 0, bottom: 30 }, { type: 'slider', yAxisIndex: 0, right: 10 }, { type: 'inside', xAxisIndex: 0 }],
    series: [{ type: 'heatmap', data, itemStyle: { borderColor: '#fff', borderWidth: 1 },
      emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } },
      markArea: m.incomplete_periods.length ? { silent: true, itemStyle: { color: 'rgba(0,0,0,0)', borderColor: '#595959', borderType: 'dashed', borderWidth: 1 },
        label: { show: false }, data: [[{ xAxis: m.incomplete_periods[0] }, { xAxis: m.incomplete_periods[m.incomplete_periods.length - 1] }]] } : undefined }],
  });
  chart.on('mouseover', (e: { componentType?: string; value?: unknown; event?: { offsetX: number; offsetY: number } }) => {
    if (e.componentType !== 'yAxis') return;
    const f = rows.find((r) => rowName(r) === e.value);
    if (!f) return;
    tip.replaceChildren(el('div', {}, dataText(f.code, 'code'), f.label_zh ? ` ${f.label_zh}` : ''));
    if (f.label_en) tip.append(el('div', {}, `${t('fsEnglishTitle')}：`, dataText(f.label_en)));
    tip.style.left = `${(e.event?.offsetX ?? 0) + 12}px`;
    tip.style.top = `${(e.event?.offsetY ?? 0) + 12}px`;
    tip.style.display = '';
  });
  chart.on('mouseout', (e: { componentType?: string }) => { if (e.componentType === 'yAxis') tip.style.display = 'none'; });
}

async function renderSnapshots(root: HTMLElement, query: () => string): Promise<void> {
  const { snapshots } = await getJson<{ snapshots: SnapshotInfo[] }>('/api/foresight/snapshots');
  const section = el('section', { id: 'fs-snapshots' }, el('h2', {}, t('fsSnapshots')));
  root.append(section);
  const option = (s: SnapshotInfo) => el('option', { value: String(s.id) }, `#${s.id} ${s.name} · ${beijingTime(s.taken_at)} · ${fmt(s.records)}`);
  const a = el('select', { id: 'fs-snap-a' }, ...snapshots.map(option));
  const b = el('select', { id: 'fs-snap-b' }, ...snapshots.map(option));
  if (snapshots.length > 1) a.value = String(snapshots[snapshots.length - 2].id);
  if (snapshots.length) b.value = String(snapshots[snapshots.length - 1].id);
  const compare = el('button', { type: 'button', id: 'fs-compare' }, t('fsCompare'));
  const out = el('div', { id: 'fs-diff' });
  // Comparing needs two different snapshots; say why the button is off instead of letting the
  // server refuse an empty or identical pair.
  const reason = el('p', { class: 'note', 'data-testid': 'fs-compare-reason' });
  const checkPair = () => {
    const why = snapshots.length < 2 ? tf('fsCompareNeedsTwo', { n: snapshots.length }) : a.value === b.value ? t('fsCompareSame') : '';
    compare.disabled = why !== '';
    compare.title = why;
    reason.textContent = why;
    reason.style.display = why ? '' : 'none';
  };
  a.addEventListener('change', checkPair);
  b.addEventListener('change', checkPair);
  checkPair();
  compare.addEventListener('click', async () => {
    try {
      const d = await getJson<{ changes: Change[] }>(`/api/foresight/snapshots/diff?a=${a.value}&b=${b.value}`);
      const side = (x: Change['a']) => (x ? `#${x.rank} · ${pct(x.cagr)} · ${x.bursts.join('、') || '—'}` : '—');
      out.replaceChildren(d.changes.length ? table([t('fsField'), t('fsLabel'), t('fsChange'), 'A', 'B'],
        d.changes.map((c) => [c.code, dataText(c.label_zh || '—'), c.kinds.map((k) => t(`fsKind_${k}` as Key)).join('、'), side(c.a), side(c.b)]), 'fs-diff-table')
        : el('p', {}, t('fsNoChange')));
    } catch (e) {
      out.replaceChildren(el('p', { class: 'banner error' }, (e as Error).message));
    }
  });
  // Taking a snapshot writes (analytics.write); other roles only compare what exists.
  const take = el('button', { type: 'button', id: 'fs-take' }, t('fsTakeSnapshot'));
  take.addEventListener('click', async () => {
    const params = Object.fromEntries(new URLSearchParams(query()));
    const body: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(params)) body[k] = ['from', 'to', 'top', 'min_duration'].includes(k) ? Number(v) : ['s', 'gamma'].includes(k) ? Number(v) : v;
    try {
      await sendJson('POST', '/api/foresight/snapshots', { name: 'web', query: body });
      location.reload();
    } catch (e) {
      out.replaceChildren(el('p', { class: 'banner error' }, (e as Error).message));
    }
  });
  section.append(el('p', { class: 'note' }, t('fsSnapshotsNote')),
    el('div', { class: 'controls' }, el('label', {}, 'A', a), el('label', {}, 'B', b), compare, ...(can('analytics.write') ? [take] : [])),
    reason, out);
}
