// 科技创新全要素生产率 on the overview page: how productively the home group's provinces turn R&D
// into results and how that changed year on year (DEA-Malmquist over every province), chained
// from 1 in the first year against the national geometric mean, with the decomposition into
// efficiency change and technical change, the inputs and outputs, source and the provinces left
// out of the frontier (and why).
import { getJson, homeRegion } from '../api';
import { mountChart } from '../charts';
import { dataText, el, table } from '../dom';
import { shortProvince, t, tf } from '../i18n';
import { beijingTime } from '../time';

interface Change { effch: number | null; techch: number | null; pech: number | null; sech: number | null; tfpch: number | null }
interface ProvinceMean extends Change { province: string; rank: number | null; count: number }
interface Productivity {
  available: boolean; method: string; years: number[]; provinces: number;
  inputs: { series: string; name: string; unit: string }[]; outputs: { series: string; name: string; unit: string }[];
  rows: (Change & { province: string; from: number; to: number })[];
  province_means: ProvinceMean[]; cumulative: Record<string, (number | null)[]>;
  left_out: { province: string; reason: string }[];
  source: { file: string; imported_at: string; publisher: string };
}

// A change as a percentage a director reads: 1.0497 → +4.97%.
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${x >= 1 ? '+' : ''}${((x - 1) * 100).toFixed(2)}%`);

export async function renderProductivityPanel(host: HTMLElement): Promise<void> {
  const [home, r] = await Promise.all([homeRegion(), getJson<Productivity>('/api/nqpf/productivity')]);
  host.replaceChildren(el('h2', {}, t('tfpTitle')));
  if (!r.available) {
    host.append(el('p', { class: 'note', 'data-testid': 'tfp-empty' }, t('nqpfNoData')));
    return;
  }
  const provinces = home.provinces.length ? home.provinces : ['北京市', '天津市', '河北省'];
  const first = r.years[0], last = r.years[r.years.length - 1];
  const chartBox = el('div', { class: 'chart', id: 'chart-tfp' });
  const rows = provinces.map((p) => {
    const m = r.province_means.find((x) => x.province === p);
    const lastPair = r.rows.find((x) => x.province === p && x.to === last);
    if (!m) return [dataText(shortProvince(p)), t('tfpNotInPanel'), '—', '—', '—', '—', '—'];
    return [dataText(shortProvince(p)), pct(m.tfpch), pct(m.effch), pct(m.techch), pct(m.pech), m.rank ? `${m.rank} / ${r.provinces}` : '—',
      pct(lastPair?.tfpch)];
  });
  const inputs = r.inputs.map((s) => `${s.name}（${s.unit}）`).join('、');
  const outputs = r.outputs.map((s) => `${s.name}（${s.unit}）`).join('、');
  host.append(
    el('p', { class: 'note' }, tf('tfpWhat', { inputs, outputs })),
    chartBox,
    el('p', { class: 'note source', 'data-testid': 'tfp-source' }, tf('tfpSource', {
      publisher: r.source.publisher, file: r.source.file, at: beijingTime(r.source.imported_at), first, last, n: r.provinces,
    })),
    table([t('nqpfProvince'), tf('tfpMeanTfp', { first, last }), t('tfpEffch'), t('tfpTechch'), t('tfpPech'), t('nqpfRank'), tf('tfpLastPair', { year: last })],
      rows, 'tfp-table'),
    ...(r.left_out.length ? [el('p', { class: 'note', 'data-testid': 'tfp-left-out' }, tf('tfpLeftOut', {
      list: r.left_out.map((l) => `${shortProvince(l.province)}（${l.reason}）`).join('；'),
    }))] : []),
    el('p', { class: 'note' }, t('tfpMethod')));
  const series = [...provinces.filter((p) => r.cumulative[p]).map((p) => ({ type: 'line', name: shortProvince(p), data: r.cumulative[p] })),
    { type: 'line', name: t('tfpNational'), data: r.cumulative['全国均值'], lineStyle: { type: 'dashed' } }];
  mountChart('tfpTrend', chartBox, {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? v.toFixed(3) : '—') },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 32, bottom: 32 },
    xAxis: { type: 'category', data: r.years.map(String) },
    yAxis: { type: 'value', name: tf('tfpAxis', { first }), scale: true },
    series,
  });
}
