// 新质生产力发展水平 on the overview page: the home group's provinces (京津冀) over the years
// against the national median, their ranks among 31 provinces, each score broken down by
// dimension, what moved the focal province, the regional gaps (Dagum Gini), the weights with the
// series each indicator is read from, and the source, as-of year and unit under the figure.
import { can, getJson, homeRegion, sendFile } from '../api';
import { mountChart, registerMapOnce } from '../charts';
import { dataText, el, table } from '../dom';
import { shortProvince, t, tf } from '../i18n';
import { beijingTime } from '../time';
import { renderSystemEditor, type SystemJson } from './nqpf_system_editor';

interface NqpfCell {
  region: string; year: number; scored: boolean; missing?: string; index?: number; rank?: number; ranked_among?: number;
  rank_change?: number | null; filled?: string[];
  dimensions?: { name: string; closeness: number; part: number }[];
}
interface NqpfIndicator {
  id: string; name: string; unit: string; dimension: string; direction: string; source: string;
  weight: number; entropy_weight: number; critic_weight: number;
}
interface NqpfGaps { year: number; gini: number; within: number; between: number; transvariation: number; theil: number }
export interface NqpfIndex {
  available: boolean;
  system: { id: string; name: string; after: string; note: string };
  weights_method: string; years: number[]; regions: string[];
  indicators: NqpfIndicator[]; cells: NqpfCell[]; gaps: NqpfGaps[];
  fills: { where: string; what: string }[];
  source: { file: string; imported_at: string; publisher: string; observations: number; corrections: { where: string; what: string }[];
    workbooks?: { file: string; imported_at: string; imported_by: string; observations: number; series: number }[] };
  platform_source?: { patents?: { name: string; records: number }[]; placed?: number; unplaced?: number; first_year?: number;
    last_year?: number; last_filed?: string; chains?: string[] };
}
interface NqpfMove {
  region: string; from: number; to: number; index_from: number; index_to: number; rank_from: number; rank_to: number;
  indicators: { name: string; dimension: string; unit: string; from_value: number; to_value: number; change: number }[];
}

const f3 = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(3));
const statistic = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('zh-CN') : x.toFixed(2));
const enc = encodeURIComponent;

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export async function renderNqpfPanel(host: HTMLElement): Promise<void> {
  const home = await homeRegion();
  const state = { system: 'three-elements', weights: 'entropy' };
  const system = el('select', { id: 'nqpf-system', 'aria-label': t('nqpfSystem') });
  // Templates by their translated names, then the systems analysts saved, by their own.
  let systems: SystemJson[] = [];
  const listSystems = async (chosen: string) => {
    systems = (await getJson<{ systems: SystemJson[] }>('/api/nqpf/systems')).systems;
    const label = (s: SystemJson) => (s.id === 'three-elements' ? t('nqpfSystemThree') : s.id === 'tech-productivity' ? t('nqpfSystemTech')
      : s.template ? s.name : tf('nqpfSystemSaved', { name: s.name, by: s.saved_by ?? '' }));
    system.replaceChildren(...systems.map((s) => el('option', { value: s.id }, label(s))));
    state.system = systems.some((s) => s.id === chosen) ? chosen : 'three-elements';
    system.value = state.system;
  };
  await listSystems(state.system);
  const editorHost = el('div', { 'data-testid': 'nqpf-editor-host' });
  const edit = el('button', { type: 'button', class: 'secondary', id: 'nqpf-edit' }, t('nqpfEdit'));
  edit.addEventListener('click', () => {
    const base = systems.find((s) => s.id === state.system);
    if (!base) return;
    void renderSystemEditor(editorHost, base, async (id) => { await listSystems(id); await draw(); },
      async () => { await listSystems('three-elements'); await draw(); })
      .catch((e) => editorHost.replaceChildren(el('p', { class: 'note error' }, (e as Error).message)));
  });
  const weights = el('select', { id: 'nqpf-weights', 'aria-label': t('nqpfWeights') },
    ...['entropy', 'critic', 'combined'].map((w) => el('option', { value: w }, t(`nqpfWeights_${w}` as 'nqpfWeights_entropy'))));
  const body = el('div', { 'data-testid': 'nqpf-body', 'aria-busy': 'true' });
  // A statistics-bureau Excel export added to the statistics (analytics.write): its series join
  // the list an indicator may read; the index is redrawn with the workbook named in its source.
  const upload = el('input', { type: 'file', id: 'nqpf-workbook', accept: '.xlsx', 'aria-label': t('nqpfWorkbook') });
  const uploadStatus = el('p', { class: 'note', role: 'status', 'data-testid': 'nqpf-workbook-status' });
  upload.addEventListener('change', async () => {
    const file = upload.files?.[0];
    if (!file) return;
    uploadStatus.className = 'note';
    uploadStatus.textContent = t('nqpfWorkbookReading');
    try {
      const r = await sendFile<{ file: string; observations: number; series: number; corrections: unknown[] }>(
        `/api/nqpf/workbooks?name=${enc(file.name)}`, file);
      await draw();
      uploadStatus.textContent = tf('nqpfWorkbookAdded', { file: r.file, n: r.observations, series: r.series, fixes: r.corrections.length });
    } catch (e) {
      uploadStatus.className = 'note error';
      uploadStatus.textContent = (e as Error).message;
    } finally {
      upload.value = '';
    }
  });
  const writer = can('analytics.write');
  host.replaceChildren(el('h2', {}, t('nqpfTitle')),
    el('div', { class: 'controls' }, el('label', { for: 'nqpf-system' }, t('nqpfSystem'), system),
      el('label', { for: 'nqpf-weights' }, t('nqpfWeights'), weights), ...(writer ? [edit,
        el('label', { for: 'nqpf-workbook', class: 'file-button' }, t('nqpfWorkbook'), upload)] : [])),
    ...(writer ? [uploadStatus] : []), editorHost, body);
  let drawn = 0;
  const draw = async () => {
    const mine = ++drawn;
    body.setAttribute('aria-busy', 'true');
    let r: NqpfIndex;
    try {
      r = await getJson<NqpfIndex>(`/api/nqpf/index?system=${enc(state.system)}&weights=${enc(state.weights)}`);
    } catch (e) {
      if (mine !== drawn) return;
      body.replaceChildren(el('p', { class: 'note error' }, (e as Error).message));
      body.setAttribute('aria-busy', 'false');
      return;
    }
    if (mine !== drawn) return;
    if (!r.available) {
      body.replaceChildren(el('p', { class: 'note', 'data-testid': 'nqpf-empty' }, t('nqpfNoData')));
      body.setAttribute('aria-busy', 'false');
      return;
    }
    const provinces = home.provinces.length ? home.provinces : ['北京市', '天津市', '河北省'];
    const focal = home.focal && provinces.includes(home.focal) ? home.focal : provinces[0];
    const cell = (region: string, year: number) => r.cells.find((c) => c.region === region && c.year === year);
    const last = r.years[r.years.length - 1];
    const first = r.years[0];

    // Trend: the group's provinces and the national median of the scored provinces.
    const chartBox = el('div', { class: 'chart', id: 'chart-nqpf-trend' });
    const medianLine = r.years.map((y) => median(r.cells.filter((c) => c.year === y && c.scored).map((c) => c.index as number)));
    const series = provinces.map((p) => ({
      type: 'line', name: shortProvince(p), data: r.years.map((y) => (cell(p, y)?.scored ? cell(p, y)?.index : null)),
    }));
    // Source, as-of, unit and method under the figure; missing values are stated, never drawn as 0.
    const unscored = r.cells.filter((c) => !c.scored && provinces.includes(c.region));
    const sourceLine = el('p', { class: 'note source', 'data-testid': 'nqpf-source' },
      tf('nqpfSource', {
        publisher: r.source.publisher, file: r.source.file, at: beijingTime(r.source.imported_at), first, last,
        corrections: r.source.corrections.length, fills: r.fills.length,
      }));
    // The platform's own series (patents foresight holds, the chain atlas), when the system reads them.
    const own = r.platform_source;
    const platformLine = el('div', {},
      ...(own?.patents ? [el('p', { class: 'note source', 'data-testid': 'nqpf-platform-source' }, tf('nqpfPlatformSource', {
        sources: own.patents.map((p) => p.name).join('、'), placed: own.placed ?? 0, unplaced: own.unplaced ?? 0,
        first: own.first_year ?? '', last: own.last_year ?? '', filed: own.last_filed ?? '',
      }))] : []),
      ...(own?.chains ? [el('p', { class: 'note source', 'data-testid': 'nqpf-chain-source' },
        tf('nqpfChainSource', { chains: own.chains.join('、') }))] : []));
    const missingNote = unscored.length
      ? el('p', { class: 'note', 'data-testid': 'nqpf-missing' }, tf('nqpfMissing', {
        list: unscored.map((c) => `${shortProvince(c.region)} ${c.year}（${c.missing}）`).join('；'),
      }))
      : el('span');

    // Ranks of the group in the last year, with the dimension parts.
    const dims = r.cells.find((c) => c.scored)?.dimensions?.map((d) => d.name) ?? [];
    const rankRows = provinces.map((p) => {
      const c = cell(p, last);
      if (!c?.scored) return [dataText(shortProvince(p)), t('nqpfNotScored'), '—', '—', ...dims.map(() => '—')];
      const change = c.rank_change;
      return [dataText(shortProvince(p)), f3(c.index), `${c.rank} / ${c.ranked_among}`,
        change === null || change === undefined ? '—' : change > 0 ? `↑${change}` : change < 0 ? `↓${-change}` : t('nqpfSame'),
        ...(c.dimensions ?? []).map((d) => f3(d.closeness))];
    });
    const rankTable = table([t('nqpfProvince'), tf('nqpfIndexIn', { year: last }), t('nqpfRank'), t('nqpfRankChange'), ...dims.map((d) => tf('nqpfDimensionIndex', { d }))], rankRows, 'nqpf-ranks');

    // What moved the focal province between the first and the last year.
    const moveHost = el('div', { 'data-testid': 'nqpf-move' });
    void getJson<NqpfMove>(`/api/nqpf/explain?system=${enc(state.system)}&weights=${enc(state.weights)}&region=${enc(focal)}&from=${first}&to=${last}`)
      .then((m) => {
        if (mine !== drawn) return;
        moveHost.replaceChildren(el('h3', {}, tf('nqpfMoveTitle', {
          region: shortProvince(m.region), from: m.from, to: m.to, a: f3(m.index_from), b: f3(m.index_to), ra: m.rank_from, rb: m.rank_to,
        })), table([t('nqpfIndicator'), t('nqpfDimension'), tf('nqpfValueIn', { year: m.from }), tf('nqpfValueIn', { year: m.to }), t('nqpfContribution')],
          m.indicators.slice(0, 6).map((i) => [dataText(i.name), dataText(i.dimension), `${statistic(i.from_value)} ${i.unit}`,
            `${statistic(i.to_value)} ${i.unit}`, (i.change >= 0 ? '+' : '') + i.change.toFixed(4)]), 'nqpf-move-table'),
        el('p', { class: 'note' }, t('nqpfMoveRule')));
      })
      .catch((e) => moveHost.replaceChildren(el('p', { class: 'note' }, (e as Error).message)));

    // Regional gaps: the last year's Dagum decomposition.
    const gap = r.gaps.find((g) => g.year === last);
    const gapLine = gap ? el('p', { 'data-testid': 'nqpf-gaps' }, tf('nqpfGaps', {
      year: last, gini: f3(gap.gini), within: f3(gap.within), between: f3(gap.between), trans: f3(gap.transvariation), theil: f3(gap.theil),
    })) : el('span');

    // Every province on a map for a chosen year; a click shows that province's breakdown.
    const mapHost = el('section', { 'data-testid': 'nqpf-map' });
    void drawMap(mapHost, r, () => mine === drawn);

    const weightRows = r.indicators.map((i) => [dataText(i.dimension), dataText(i.name), dataText(i.unit), i.weight.toFixed(4),
      dataText(i.source, 'code')]);
    const weightBox = el('details', {}, el('summary', {}, tf('nqpfWeightsTitle', { n: r.indicators.length })),
      table([t('nqpfDimension'), t('nqpfIndicator'), t('nqpfUnit'), t('nqpfWeight'), t('nqpfSeries')], weightRows, 'nqpf-weights'),
      el('p', { class: 'note' }, t('nqpfMethod')));

    body.replaceChildren(el('p', { class: 'note' }, tf('nqpfAfter', { name: r.system.name, after: r.system.after })),
      ...(r.system.note ? [el('p', { class: 'note' }, r.system.note)] : []),
      chartBox, sourceLine, platformLine,
      ...(r.source.workbooks?.length ? [el('p', { class: 'note source', 'data-testid': 'nqpf-workbooks' }, tf('nqpfWorkbooksUsed', {
        list: r.source.workbooks.map((w) => `${w.file}（${beijingTime(w.imported_at)}，${w.imported_by}）`).join('；'),
      }))] : []),
      el('p', {}, el('a', { href: `/api/nqpf/index.xlsx?system=${enc(state.system)}&weights=${enc(state.weights)}`,
        download: 'nqpf-index.xlsx', 'data-testid': 'nqpf-xlsx' }, t('nqpfExport'))),
      missingNote, rankTable, moveHost, gapLine, mapHost, weightBox);
    mountChart('nqpfTrend', chartBox, {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? v.toFixed(3) : '—') },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: r.years.map(String) },
      yAxis: { type: 'value', name: t('nqpfUnitShort'), min: 0 },
      series: [...series, { type: 'line', name: t('nqpfNationalMedian'), data: medianLine, lineStyle: { type: 'dashed' } }],
    });
    body.setAttribute('aria-busy', 'false');
  };
  system.addEventListener('change', () => { state.system = system.value; void draw(); });
  weights.addEventListener('change', () => { state.weights = weights.value; void draw(); });
  await draw();
}

// The map of one year's index by province, with the year to choose and, on a click, the
// province's index, rank and dimension indices. Provinces without a score (港澳台 are outside the
// statistics; a province lacking an indicator is not scored) are grey and say why, never 0.
async function drawMap(host: HTMLElement, r: NqpfIndex, current: () => boolean): Promise<void> {
  let geo: object;
  try {
    const res = await fetch('/geo/china-provinces.json');
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    geo = await res.json();
  } catch (e) {
    if (current()) host.replaceChildren(el('p', { class: 'note error' }, tf('nqpfMapFailed', { why: (e as Error).message })));
    return;
  }
  if (!current()) return;
  registerMapOnce('china-provinces', geo);
  const last = r.years[r.years.length - 1];
  const year = el('select', { id: 'nqpf-map-year', 'aria-label': t('nqpfMapYear') },
    ...[...r.years].reverse().map((y) => el('option', { value: String(y) }, String(y))));
  const box = el('div', { class: 'chart tall', id: 'chart-nqpf-map' });
  const detail = el('div', { 'data-testid': 'nqpf-province' }, el('p', { class: 'note' }, t('nqpfMapClick')));
  host.replaceChildren(el('h3', {}, t('nqpfMapTitle')),
    el('div', { class: 'controls' }, el('label', { for: 'nqpf-map-year' }, t('nqpfMapYear'), year)),
    box, el('p', { class: 'note source' }, t('nqpfMapNote')), detail);
  const max = Math.max(...r.cells.filter((c) => c.scored).map((c) => c.index as number));
  const show = (y: number) => {
    const cells = r.cells.filter((c) => c.year === y && c.scored);
    mountChart('nqpfMap', box, {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: number }) => {
          const c = cells.find((x) => x.region === p.name);
          return c ? tf('nqpfMapTip', { name: p.name, index: f3(c.index), rank: c.rank ?? '' }) : tf('nqpfMapNoData', { name: p.name });
        },
      },
      visualMap: { min: 0, max: Math.ceil(max * 10) / 10, calculable: true, left: 8, bottom: 8, text: [t('nqpfHigh'), t('nqpfLow')],
        inRange: { color: ['#deebf7', '#9ecae1', '#4292c6', '#08519c'] } },
      series: [{
        // The whole territory in the frame, the South China Sea islands included.
        type: 'map', map: 'china-provinces', roam: true, name: String(y),
        itemStyle: { areaColor: '#e0e0e0', borderColor: '#999', borderWidth: 0.5 },
        emphasis: { label: { show: true } },
        data: cells.map((c) => ({ name: c.region, value: c.index })),
      }],
    }).on('click', (p) => {
      const c = cells.find((x) => x.region === (p as { name: string }).name);
      detail.replaceChildren(c
        ? el('div', {}, el('h4', {}, tf('nqpfMapTip', { name: c.region, index: f3(c.index), rank: c.rank ?? '' })),
          table([t('nqpfDimension'), t('nqpfDimensionIndexShort'), t('nqpfPart')],
            (c.dimensions ?? []).map((d) => [dataText(d.name), f3(d.closeness), d.part.toFixed(4)]), 'nqpf-province-table'))
        : el('p', { class: 'note' }, tf('nqpfMapNoData', { name: (p as { name: string }).name })));
    });
  };
  year.addEventListener('change', () => show(Number(year.value)));
  show(last);
}
