// 产业生态地图 on the chain page: the chain's firms and their ties as a force-directed network.
// Only the best-connected firms carry a label (the rest on hover), so that names do not pile up;
// a legend says what the colours (communities), shapes (local or not) and lines (tie kinds) mean.
import { getJson, type Ecosystem } from '../api';
import { mountChart } from '../charts';
import { dataText, el, escapeHtml, fmt } from '../dom';
import { t, tf, type Key } from '../i18n';

const enc = encodeURIComponent;
// A browser lays out a few hundred nodes smoothly; larger maps show their best-connected firms
// and say so (the GEXF file has them all).
const LIMIT = 300;
// Labels on the best-connected firms only: more overlap into an unreadable pile (fewer on a phone).
const LABELLED = 15, LABELLED_NARROW = 8;
const PALETTE = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4'];
const OTHER = '#b0b7c3';
// Tie kinds as the knowledge graph names them (chain_snapshot_builder.cpp), with their colours.
const TIES: [string, Key, string][] = [['供给', 'tie_supply', '#d4380d'], ['合作', 'tie_cooperation', '#1677ff'],
  ['投资', 'tie_investment', '#389e0d'], ['母公司/控股', 'tie_control', '#722ed1'], ['并购', 'tie_merger', '#c41d7f'],
  ['合资', 'tie_joint_venture', '#d48806']];

const swatch = (colour: string, round = true) =>
  el('span', { class: 'swatch', style: `background:${colour};${round ? '' : 'border-radius:0;height:3px;vertical-align:3px'}` });

export async function renderEcosystem(root: HTMLElement, chain: string, region: string): Promise<void> {
  const eco = await getJson<Ecosystem>(`/api/chains/${enc(chain)}/ecosystem?region=${enc(region)}`);
  const summary = t('ecosystemSummary').replace('{edges}', fmt(eco.edges.length)).replace('{communities}', fmt(eco.communities))
    .replace('{q}', eco.modularity.toFixed(3)).replace('{isolated}', fmt(eco.isolated_firms));
  const link = el('a', { href: `/api/chains/${enc(chain)}/ecosystem.gexf?region=${enc(region)}`, download: 'ecosystem.gexf', 'data-testid': 'gexf-link' }, t('downloadGexf'));
  const section = el('section', {}, el('h2', {}, t('ecosystem')),
    el('p', { 'data-testid': 'ecosystem-summary' }, fmt(eco.nodes.length) + summary, ' ', link));
  root.append(section);
  if (eco.nodes.length === 0) {
    section.append(el('p', { class: 'note', 'data-testid': 'ecosystem-empty' }, t('ecoEmpty')));
    return;
  }

  // Communities by size over every firm; the largest have their own colour and are named by
  // their best-connected firm.
  const members = new Map<number, number[]>();
  eco.nodes.forEach((n, i) => members.set(n.community, [...(members.get(n.community) ?? []), i]));
  const bySize = [...members.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
  const colourOf = new Map(bySize.slice(0, PALETTE.length).map(([c], k) => [c, PALETTE[k]]));
  const core = (list: number[]) => list.reduce((best, i) => (eco.nodes[i].degree > eco.nodes[best].degree ? i : best), list[0]);

  const keep = eco.nodes.map((n, i) => ({ i, d: n.degree })).sort((a, b) => b.d - a.d || a.i - b.i).slice(0, LIMIT).map((x) => x.i);
  const narrow = section.clientWidth < 600;
  const labelled = new Set(keep.slice(0, narrow ? LABELLED_NARROW : LABELLED));
  // Drawn grouped by community: the circular start puts each community's firms side by side.
  keep.sort((a, b) => eco.nodes[a].community - eco.nodes[b].community || a - b);
  const index = new Map(keep.map((orig, k) => [orig, k]));
  const nodes = keep.map((i) => eco.nodes[i]);
  const edges = eco.edges.filter((e) => index.has(e.from) && index.has(e.to));
  const tieColour = (kind: string) => TIES.find(([k]) => k === kind)?.[2] ?? OTHER;
  const tieName = (kind: string) => { const tie = TIES.find(([k]) => k === kind); return tie ? t(tie[1]) : kind; };

  const kinds = [...new Set(eco.edges.map((e) => e.kind))].sort((a, b) =>
    (TIES.findIndex(([k]) => k === a) + 1 || 99) - (TIES.findIndex(([k]) => k === b) + 1 || 99));
  const rest = bySize.length - colourOf.size;
  const legend = el('div', { class: 'legend eco-legend', 'data-testid': 'ecosystem-legend', 'aria-label': t('legend') },
    el('span', { class: 'legend-title' }, `${t('ecoLegendColour')}：`),
    ...bySize.slice(0, PALETTE.length).map(([c, list]) => el('span', { 'data-community': String(c) }, swatch(colourOf.get(c)!),
      tf('ecoCommunity', { n: list.length }), dataText(eco.nodes[core(list)].name))),
    ...(rest > 0 ? [el('span', { 'data-community': 'other' }, swatch(OTHER), tf('ecoOtherCommunities', { n: rest }))] : []),
    el('span', { 'data-shape': 'local' }, t('ecoShapeLocal')), el('span', { 'data-shape': 'other' }, t('ecoShapeOther')));
  const edgeLegend = el('div', { class: 'legend', 'data-testid': 'ecosystem-edge-legend' },
    el('span', { class: 'legend-title' }, `${t('ecoLegendEdges')}：`),
    ...kinds.map((k) => el('span', { 'data-kind': k }, swatch(tieColour(k), false), TIES.some(([x]) => x === k) ? tieName(k) : dataText(k))));
  const box = el('div', { class: 'chart tall', id: 'chart-ecosystem', 'data-labelled': JSON.stringify(keep.filter((i) => labelled.has(i)).map((i) => eco.nodes[i].name)) });
  section.append(legend, edgeLegend, el('p', { class: 'note' }, tf('ecoLabels', { n: labelled.size }),
    eco.nodes.length > LIMIT ? ` ${t('ecosystemTop').replace('{n}', String(LIMIT))}` : ''), box);

  const zone = (z: string) => t(`zone_${z}` as Key);
  mountChart('ecosystem', box, {
    tooltip: {
      formatter: (p: { dataType: string; name: string; data: { province?: string; zone?: string; degree?: number; kind?: string; from?: string; to?: string } }) =>
        p.dataType === 'node'
          ? `${escapeHtml(p.name)}<br>${escapeHtml(p.data.province || '—')} · ${escapeHtml(zone(p.data.zone ?? ''))} · ${p.data.degree ?? 0}`
          : `${escapeHtml(p.data.from ?? '')} → ${escapeHtml(p.data.to ?? '')}<br>${escapeHtml(tieName(p.data.kind ?? ''))}`,
    },
    series: [{
      type: 'graph', layout: 'force', roam: true, draggable: true, zoom: narrow ? 0.7 : 1,
      force: { initLayout: 'circular', repulsion: nodes.length > 100 ? 140 : 220, edgeLength: [40, 120], gravity: 0.06, friction: 0.15 },
      data: nodes.map((n, k) => ({
        name: n.name, province: n.province, zone: n.zone, degree: n.degree,
        symbolSize: 6 + 2.2 * Math.sqrt(n.degree), symbol: n.zone === 'local' ? 'diamond' : 'circle',
        itemStyle: { color: colourOf.get(n.community) ?? OTHER },
        label: { show: labelled.has(keep[k]) },
      })),
      links: edges.map((e) => ({ source: index.get(e.from)!, target: index.get(e.to)!, kind: e.kind,
        from: eco.nodes[e.from].name, to: eco.nodes[e.to].name, lineStyle: { color: tieColour(e.kind) } })),
      lineStyle: { opacity: 0.45, width: 1 }, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 4,
      label: { show: false, position: 'right', fontSize: 11 },
      labelLayout: { hideOverlap: true },
      emphasis: { focus: 'adjacency', label: { show: true } },
    }],
  });
}
