// 技术预见热力图: imported patents as a field × period heat map (count, share, growth or burst
// strength), a CiteSpace-style burst timeline, the emerging fields and snapshot comparison.
import { can, getJson, sendJson, regionSuggestions } from '../api';
import { mountChart } from '../charts';
import { dataText, el, escapeHtml, fmt, table } from '../dom';
import { currentLang, t, tf, type Key } from '../i18n';
import { beijingTime } from '../time';

interface FieldHead {
  code: string; label_zh: string; label_en: string; rank: number; total: number; records: number;
  first_period: string | null; cagr: number | null; max_strength: number; emergence: number | null; emergence_candidate: boolean;
}
interface Interval { start: string; end: string; periods: number; strength: number }
interface HeatField extends FieldHead {
  bursts: Interval[]; values: (number | null)[]; counts: number[]; growth: (number | null)[]; burst: number[];
}
export interface HeatMap {
  query: Record<string, string | number>; counting_note: string; records: number; fields_with_records: number;
  periods: string[]; records_per_period: number[]; fields: HeatField[];
  bursts: (FieldHead & Interval)[]; emerging: FieldHead[];
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

// The page's query, kept in the hash so that a view can be bookmarked and shared.
const keys = ['level', 'period', 'from', 'to', 'region', 'applicant_kind', 'measure', 'counting', 'order', 'top', 's', 'gamma', 'min_duration'] as const;

function select(id: string, value: string, options: [string, Key][]): HTMLSelectElement {
  const s = el('select', { id }, ...options.map(([v, k]) => el('option', { value: v }, t(k))));
  s.value = value;
  return s;
}

// Tooltip text of one cell: what an analyst checks before trusting a colour.
export function cellTooltip(m: HeatMap, f: HeatField, p: number): string {
  const burst = f.burst[p] ? t('fsInBurst') : t('fsNoBurst');
  const growth = f.growth[p];
  return [`${f.code} ${label(f)}`, `${t('fsPeriod')}：${m.periods[p]}`, `${t('fsCount')}：${fmt(f.counts[p])}`,
    `${t('fsShare')}：${pct(m.records_per_period[p] ? f.counts[p] / m.records_per_period[p] : 0)}`,
    `${t('fsGrowth')}：${pct(growth)}`, `${t('fsBurst')}：${burst}`].join('\n');
}

export async function renderForesight(root: HTMLElement): Promise<void> {
  const overview = await getJson<{ patents: number; first_year: number; last_year: number }>('/api/foresight/overview');
  root.replaceChildren(el('h1', {}, t('foresightTitle')));
  if (overview.patents === 0) {
    root.append(el('p', { class: 'banner', 'data-testid': 'no-patents' }, t('fsNoPatents')));
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
    el('datalist', { id: 'fs-regions' }, ...(await regionSuggestions(['上海', '广东'])).map((r) => el('option', { value: r }))), go));

  const m = await getJson<HeatMap>(`/api/foresight/heatmap?${query()}`);
  root.append(el('p', { 'data-testid': 'fs-summary' }, t('fsSummary').replace('{r}', fmt(m.records))
    .replace('{f}', fmt(m.fields_with_records)).replace('{s}', String(m.fields.length))
    .replace('{a}', m.periods[0] ?? '').replace('{b}', m.periods[m.periods.length - 1] ?? '')),
  el('p', { class: 'note' }, t(m.query.counting === 'fractional' ? 'fsNoteFractional' : 'fsNoteWhole')),
  el('p', { class: 'downloads' }, ...(['csv', 'png', 'svg'] as const).map((ext) =>
    el('a', { href: `/api/foresight/heatmap.${ext}?${query()}`, download: `heatmap.${ext}`, 'data-testid': `fs-${ext}` }, ext.toUpperCase()))));

  // The heat map: fields top to bottom in the chosen order, periods left to right.
  const holder = el('div', { id: 'chart-foresight', class: 'chart tall', style: `height:${Math.max(320, 22 * m.fields.length + 140)}px` });
  root.append(el('section', {}, el('h2', {}, t('fsHeatmap')), holder));
  const data: [number, number, number | null][] = [];
  m.fields.forEach((f, y) => f.values.forEach((v, x) => data.push([x, m.fields.length - 1 - y, v])));
  const values = data.map((d) => d[2]).filter((v): v is number => v !== null);
  const growth = m.query.measure === 'growth';
  const hi = Math.max(0, ...values.map(Math.abs));
  mountChart('foresight-heatmap', holder, {
    tooltip: {
      className: 'fs-tooltip',
      formatter: (p: { data: [number, number, number | null] }) => {
        const f = m.fields[m.fields.length - 1 - p.data[1]];
        return cellTooltip(m, f, p.data[0]).split('\n').map(escapeHtml).join('<br>');
      },
    },
    // Field labels take 260 px on a desktop; a phone keeps room for the cells.
    grid: { left: holder.clientWidth < 600 ? 120 : 260, right: 90, top: 10, bottom: 90 },
    xAxis: { type: 'category', data: m.periods, splitArea: { show: true } },
    yAxis: { type: 'category', data: [...m.fields].reverse().map((f) => `${f.code} ${label(f).slice(0, holder.clientWidth < 600 ? 5 : 14)}`) },
    visualMap: { min: growth ? -hi : 0, max: hi || 1, calculable: true, orient: 'vertical', right: 0, top: 'center',
      inRange: { color: growth ? ['#2c7bb6', '#ffffbf', '#d7191c'] : ['#ffffcc', '#fed976', '#fd8d3c', '#e31a1c', '#800026'] } },
    dataZoom: [{ type: 'slider', xAxisIndex: 0, bottom: 30 }, { type: 'slider', yAxisIndex: 0, right: 60 }, { type: 'inside', xAxisIndex: 0 }],
    series: [{ type: 'heatmap', data, itemStyle: { borderColor: '#fff', borderWidth: 1 },
      emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } } }],
  });

  // CiteSpace's "top N with the strongest bursts": a thick red bar over the burst years.
  const timeline = (b: Interval) => {
    const start = m.periods.indexOf(b.start), end = m.periods.indexOf(b.end);
    return el('span', { class: 'burst-bar', 'aria-label': `${b.start}–${b.end}` },
      ...m.periods.map((_, i) => el('span', { class: i >= start && i <= end ? 'on' : 'off' })));
  };
  root.append(el('section', {}, el('h2', {}, t('fsBurstTimeline')),
    table(['#', t('fsField'), t('fsLabel'), t('fsStrength'), t('fsBegin'), t('fsEnd'), `${m.periods[0] ?? ''}–${m.periods[m.periods.length - 1] ?? ''}`],
      m.bursts.map((b, i) => [String(i + 1), b.code, dataText(label(b)), b.strength.toFixed(2), b.start, b.end, timeline(b)]), 'fs-bursts')));

  root.append(el('section', {}, el('h2', {}, t('fsEmerging')), el('p', { class: 'note' }, t('fsEmergingNote')),
    m.emerging.length ? table([t('fsField'), t('fsLabel'), t('fsEmergence'), t('fsRecords'), t('fsCagr'), t('fsFirst')],
      m.emerging.map((f) => [f.code, dataText(label(f)), (f.emergence ?? 0).toFixed(2), fmt(f.records), pct(f.cagr), f.first_period ?? '—']), 'fs-emerging')
      : el('p', { 'data-testid': 'fs-emerging-none' }, t('fsNoEmerging'))));

  await renderSnapshots(root, query);
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
