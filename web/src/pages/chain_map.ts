// 产业链地图: a chain's firms per district of the home group (京津冀) on a map of district
// boundaries (built by web/scripts/jingjinji-geo.mjs, fetched only by this page); a click lists a
// district's firms. Firms whose district is not known are stated beside the map, never drawn as
// zero; source, as-of time and unit stand under the figure.
import { getJson, type ChainSummary } from '../api';
import { mountChart, registerMapOnce } from '../charts';
import { dataText, el, escapeHtml, fmt, table } from '../dom';
import { t, tf, type Key } from '../i18n';
import { beijingTime } from '../time';

interface District {
  province: string; city: string; district: string; firms: number; segments: number;
  top_firms: { name: string; segments: string[] }[];
}
export interface ChainDistrictMap {
  chain: ChainSummary; as_of: string;
  region: { label: string; provinces: string[]; city: string; district: string };
  segments: number; firms: number; in_region: number; segments_in_region: number;
  district_unknown: number; outside_region: number; place_unknown: number;
  districts: District[];
  without_district: { province: string; city: string; firms: number }[];
}
interface GeoFeature { properties: { name: string; city: string; province: string; key: string; cp: [number, number] } }
interface Geo { type: 'FeatureCollection'; features: GeoFeature[] }

const MAP = 'jingjinji';
const enc = encodeURIComponent;
// Firm counts are skewed (a few districts hold most firms): classes on a 1-2-5 log scale.
const EDGES = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000];
const COLOURS = ['#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'];
const EMPTY = '#f3f4f6';

let geo: Promise<Geo> | null = null;
function loadGeo(): Promise<Geo> {
  geo ??= fetch('geo/jingjinji.json').then((r) => {
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return r.json() as Promise<Geo>;
  }).catch((e) => {
    geo = null;  // try again on the next visit
    throw e;
  });
  return geo;
}

interface Piece { gte: number; lte?: number; color: string; label: string }
function pieces(max: number): Piece[] {
  const used = EDGES.filter((e) => e <= Math.max(1, max));
  return used.map((lo, i) => {
    // The classes spread over the whole palette, so that two classes differ at a glance.
    const color = used.length === 1 ? COLOURS[2] : COLOURS[Math.round((i * (COLOURS.length - 1)) / (used.length - 1))];
    if (i === used.length - 1) return { gte: lo, color, label: lo >= max ? tf('cmFirmsN', { n: fmt(lo) }) : tf('cmFirmsAtLeast', { n: fmt(lo) }) };
    const hi = used[i + 1] - 1;
    return { gte: lo, lte: hi, color, label: hi === lo ? tf('cmFirmsN', { n: fmt(lo) }) : tf('cmFirmsRange', { a: fmt(lo), b: fmt(hi) }) };
  });
}

const keyOf = (d: { city: string; district: string }) => `${d.city}${d.district}`;

export async function renderChainMap(root: HTMLElement, chain: string): Promise<void> {
  const section = el('section', { 'data-testid': 'district-map' });
  root.append(section);
  const [m, shapes] = await Promise.all([
    getJson<ChainDistrictMap>(`/api/chains/${enc(chain)}/map`),
    loadGeo().catch(() => null),
  ]);
  const region = m.region.label;
  section.append(el('h2', {}, tf('cmTitle', { region })),
    el('p', { 'data-testid': 'map-summary' }, tf('cmSummary', { n: fmt(m.in_region), region, d: fmt(m.districts.length),
      s: fmt(m.segments_in_region), total: fmt(m.segments) })));
  section.append(unknownLine(m));
  if (!shapes) section.append(el('p', { class: 'banner error', 'data-testid': 'map-geo-failed' }, t('cmGeoFailed')), provenance(m));
  else drawMap(section, m, shapes);
}

function drawMap(section: HTMLElement, m: ChainDistrictMap, shapes: Geo): void {
  registerMapOnce(MAP, shapes);
  const feature = new Map(shapes.features.map((f) => [f.properties.key, f.properties]));
  const drawn = m.districts.filter((d) => feature.has(keyOf(d)));
  const shapeless = m.districts.filter((d) => !feature.has(keyOf(d)));
  const scale = pieces(Math.max(0, ...drawn.map((d) => d.firms)));
  const legend = el('div', { class: 'legend', 'data-testid': 'map-legend', 'aria-label': t('legend') },
    el('span', {}, t('cmLegendTitle')),
    ...scale.map((p) => el('span', {}, el('span', { class: 'swatch', style: `background:${p.color}` }), p.label)),
    el('span', {}, el('span', { class: 'swatch', style: `background:${EMPTY};outline:1px solid #d1d5db` }), t('cmNoKnownFirm')));
  // Clipped: a hidden tooltip keeps its last position, which after the screen turns may lie
  // past the new edge and widen the page.
  const box = el('div', { class: 'chart', id: 'chart-district-map', style: 'height:min(560px, 115vw);overflow:hidden' });
  const panel = el('div', { id: 'district-panel', 'data-testid': 'district-panel' }, el('p', { class: 'note' }, t('cmClickDistrict')));
  section.append(legend, box);
  if (shapeless.length)
    section.append(el('p', { class: 'note', 'data-testid': 'map-shapeless' }, tf('cmShapeless', {
      n: fmt(shapeless.reduce((a, d) => a + d.firms, 0)),
      places: shapeless.map((d) => `${d.city}${d.district} ${tf('cmFirmsN', { n: fmt(d.firms) })}`).join('、') })));
  section.append(provenance(m), el('p', { class: 'note', 'data-testid': 'map-attribution' }, t('cmAttribution')), panel);

  const byKey = new Map(m.districts.map((d) => [keyOf(d), d]));
  const chart = mountChart('chainDistricts', box, {
    tooltip: {
      trigger: 'item',
      confine: true,  // a tap near a phone's edge must not push the tooltip past it
      formatter: (p: { name: string }) => {
        const f = feature.get(p.name);
        const d = byKey.get(p.name);
        const place = f ? `${escapeHtml(f.name)}（${escapeHtml(f.city)}）` : escapeHtml(p.name);
        return d ? `${place}<br>${escapeHtml(tf('cmTipFirms', { n: fmt(d.firms) }))}<br>${escapeHtml(tf('cmTipSegments', { s: fmt(d.segments), total: fmt(m.segments) }))}`
          : `${place}<br>${escapeHtml(t('cmNoKnownFirm'))}`;
      },
    },
    visualMap: { type: 'piecewise', show: false, pieces: scale, seriesIndex: 0, outOfRange: { color: EMPTY } },
    series: [{
      type: 'map', map: MAP, nameProperty: 'key', roam: true, scaleLimit: { min: 1, max: 10 }, selectedMode: 'single',
      layoutCenter: ['50%', '50%'], layoutSize: '95%',
      itemStyle: { areaColor: EMPTY, borderColor: '#9ca3af', borderWidth: 0.5 },
      label: { show: false },
      emphasis: { label: { show: true, formatter: (p: { name: string }) => feature.get(p.name)?.name ?? p.name }, itemStyle: { areaColor: '#fde68a' } },
      select: { label: { show: true, formatter: (p: { name: string }) => feature.get(p.name)?.name ?? p.name }, itemStyle: { areaColor: '#fbbf24' } },
      data: drawn.map((d) => ({ name: keyOf(d), value: d.firms, segments: d.segments })),
    }],
  });
  chart.on('click', (p) => showDistrict(panel, m, byKey.get(p.name as string), feature.get(p.name as string)));
}

// A district's firms, most segments first, as many as the server listed (it says how many more).
function showDistrict(panel: HTMLElement, m: ChainDistrictMap, d: District | undefined, f: GeoFeature['properties'] | undefined): void {
  const name = d ? `${d.district}（${d.city}）` : f ? `${f.name}（${f.city}）` : '';
  panel.setAttribute('data-district', d ? keyOf(d) : f?.key ?? '');
  panel.replaceChildren(el('h3', {}, `${t('cmDistrictFirms')} · ${name}`));
  if (!d) {
    panel.append(el('p', { class: 'note', 'data-testid': 'district-empty' }, t('cmNoKnownFirmHere')));
    return;
  }
  panel.append(el('p', { class: 'note' }, tf('cmDistrictLine', { n: fmt(d.firms), s: fmt(d.segments), total: fmt(m.segments) })),
    table([t('firm'), t('cmFirmSegments')], d.top_firms.map((x) => [dataText(x.name), x.segments.join('、') || '—']), 'district-firms-table'));
  if (d.firms > d.top_firms.length)
    panel.append(el('p', { class: 'note' }, tf('cmMoreFirms', { n: fmt(d.firms - d.top_firms.length) })));
}

// The firms the map cannot place: in the region without a known district (missing, not zero),
// outside the region, and without any known place.
function unknownLine(m: ChainDistrictMap): HTMLElement {
  const region = m.region.label;
  const p = el('p', { 'data-testid': 'map-unknown' });
  if (m.district_unknown > 0) {
    const places = m.without_district.map((w) => `${w.city || w.province} ${tf('cmFirmsN', { n: fmt(w.firms) })}`).join('、');
    p.append(el('strong', {}, tf('cmDistrictUnknown', { n: fmt(m.district_unknown), region })), tf('cmDistrictUnknownWhere', { places }));
  } else {
    p.append(tf('cmDistrictAllKnown', { n: fmt(m.in_region), region }));
  }
  p.append(tf('cmOutside', { region, outside: fmt(m.outside_region), unknown: fmt(m.place_unknown) }));
  return p;
}

function provenance(m: ChainDistrictMap): HTMLElement {
  const originKey = `origin_${m.chain.origin}` as Key;
  const origin = t(originKey) !== originKey ? t(originKey) : m.chain.origin;
  return el('p', { class: 'note', 'data-testid': 'map-provenance' }, t('fsSourceLine'), dataText(m.chain.name),
    tf('cmSourceRest', { origin: m.chain.sample ? `${origin}，${t('cmSample')}` : origin, at: beijingTime(m.as_of) }));
}
