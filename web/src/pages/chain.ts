// 产业链图谱: a chain's segments left to right by stage, coloured by local coverage; a click
// shows a segment's firms by region; gaps with candidates, chain leaders, 京津冀 complementarity.
import { can, getJson, sendJson, type Atlas, type AtlasSegment, type Ecosystem, type FirmRow, regionSuggestions, homeRegion } from '../api';
import { pickChain } from './chain_picker';
import { mountChart } from '../charts';
import { dataText, el, escapeHtml, fmt, table } from '../dom';
import { shortProvince, t, tf, th, type Key } from '../i18n';
import { beijingTime } from '../time';

const enc = encodeURIComponent;
const STAGES: [string, Key][] = [['上游', 'upstream'], ['中游', 'midstream'], ['下游', 'downstream'], ['', 'noStage']];

function status(s: AtlasSegment): 'missing' | 'weak' | 'covered' {
  return s.missing ? 'missing' : s.weak ? 'weak' : 'covered';
}
const COLOURS = { missing: '#d4380d', weak: '#fa8c16', covered: '#389e0d' };
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;


async function showFirms(panel: HTMLElement, chain: string, segment: string, region: string): Promise<void> {
  panel.replaceChildren(el('h2', {}, `${t('segmentFirms')} · ${segment}`));
  const data = await getJson<{ firms: FirmRow[] }>(
    `/api/chains/${enc(chain)}/firms?segment=${enc(segment)}&region=${enc(region)}`);
  panel.setAttribute('data-segment', segment);
  panel.append(table([t('firm'), t('zone'), t('region'), t('patentsCol')],
    data.firms.map((f) => [f.name, t(`zone_${f.zone}` as Key), [f.province, f.city !== f.province ? f.city : '', f.district].filter(Boolean).join(' ') || '—', fmt(f.patents)]),
    'segment-firms-table'));
}

export async function renderChain(root: HTMLElement): Promise<void> {
  const choice = await pickChain(root, t('chain'), 'chain-select');
  if (!choice) return;
  const { params, chains, name, current, select: chainSelect } = choice;
  const weak = params.get('w') ?? '0.2';
  const regionInput = el('input', { id: 'region-input', list: 'region-options', value: params.get('r') ?? current?.home_region ?? '', placeholder: shortProvince((await homeRegion()).focal) });
  const weakInput = el('input', { id: 'weak-input', type: 'number', min: '0', max: '1', step: '0.05', value: weak });
  const go = el('button', { type: 'button', id: 'atlas-go' }, t('show'));
  go.addEventListener('click', () => {
    location.hash = `#/chain?c=${enc(chainSelect.value)}&r=${enc(regionInput.value)}&w=${enc(weakInput.value)}`;
  });
  chainSelect.addEventListener('change', () => { regionInput.value = chains.find((c) => c.name === chainSelect.value)?.home_region ?? ''; go.click(); });
  root.append(el('div', { class: 'controls' },
    el('label', {}, t('chain'), chainSelect), el('label', {}, t('region'), regionInput),
    el('datalist', { id: 'region-options' }, ...(await regionSuggestions(['台湾', '长三角'])).map((r) => el('option', { value: r }))),
    el('label', {}, t('weakShare'), weakInput), go,
    el('a', { class: 'button-link', 'data-testid': 'xlsx-link', download: 'atlas.xlsx',
      href: `/api/chains/${enc(name)}/atlas.xlsx?region=${enc(regionInput.value)}&weak_share=${enc(weak)}` }, t('downloadXlsx'))));

  const region = regionInput.value;
  const atlas = await getJson<Atlas>(`/api/chains/${enc(name)}/atlas?region=${enc(region)}&weak_share=${enc(weak)}`);
  if (atlas.chain.sample) root.append(el('p', { class: 'banner sample' }, t('sampleBanner')));
  root.append(el('div', { class: 'cards' },
    ...([[t('coverage'), pct(atlas.coverage), 'atlas-coverage'], [t('firmsCol'), fmt(atlas.firms), 'atlas-firms'],
      [t('localFirms'), fmt(atlas.local_firms), 'atlas-local'], [t('gapCount'), fmt(atlas.gaps.length), 'atlas-gaps']] as const)
      .map(([label, value, id]) => el('div', { class: 'card' }, el('div', { class: 'card-label' }, `${label} · ${atlas.region.label}`),
        el('div', { class: 'card-value', 'data-testid': id }, value)))));

  // The chain, left to right by stage; each segment a button coloured by local coverage.
  const panel = el('section', { id: 'segment-panel' }, el('p', {}, t('clickSegment')));
  const open = (segment: string) => void showFirms(panel, name, segment, region);
  const columns = STAGES.filter(([stage]) => atlas.segments.some((s) => s.stage === stage)).map(([stage, key]) =>
    el('div', { class: 'stage-column' }, el('h3', {}, t(key)),
      ...atlas.segments.filter((s) => s.stage === stage).map((s) => {
        const chip = el('button', { type: 'button', class: `segment-chip ${status(s)}${s.parent ? ' sub' : ''}`,
          'data-segment': s.name, 'data-status': status(s),
          title: `${s.name}: ${s.local}/${s.firms} · ${t(status(s))}${s.stage_computed ? t('computedStage') : ''}${s.aliases.length ? ` · ${t('aliases')}: ${s.aliases.join('、')}` : ''}` },
        s.name, el('span', { class: 'chip-count' }, `${s.local}/${s.firms}`));
        chip.addEventListener('click', () => open(s.name));
        return chip;
      })));
  root.append(el('section', {}, el('h2', {}, t('chainMap')), el('div', { class: 'stage-columns', 'data-testid': 'chain-map' }, ...columns)), panel);

  if (atlas.links.length > 0) {
    const box = el('div', { class: 'chart', id: 'chart-chain-links' });
    // The same colours as the chain map above; without a key a reader cannot tell red from orange.
    const legend = el('div', { class: 'legend', 'data-testid': 'link-legend', 'aria-label': t('legend') },
      ...(['missing', 'weak', 'covered'] as const).map((k) =>
        el('span', { 'data-status': k }, el('span', { class: 'swatch', style: `background:${COLOURS[k]}` }), t(k))),
      el('span', {}, t('legendNodeSize')));
    root.append(el('section', {}, el('h2', {}, t('linkGraph')), legend, box));
    // Fixed columns by stage, rows spread over the same height whatever the column's length.
    const top = atlas.segments.filter((s) => !s.parent);
    const column = (s: AtlasSegment) => Math.max(0, STAGES.findIndex(([stage]) => stage === s.stage));
    const perColumn: number[] = [0, 0, 0, 0];
    top.forEach((s) => perColumn[column(s)]++);
    const seen: number[] = [0, 0, 0, 0];
    const nodes = top.map((s) => {
      const col = column(s);
      const y = (++seen[col] - 0.5) * (600 / perColumn[col]);
      return { name: s.name, x: col * 400, y, symbolSize: 6 + Math.min(30, 2 * Math.sqrt(s.firms)),
        itemStyle: { color: COLOURS[status(s)] }, value: s.firms };
    });
    const chart = mountChart('chainLinks', box, {
      tooltip: {},
      series: [{ type: 'graph', layout: 'none', roam: true, data: nodes, label: { show: nodes.length <= 60, position: 'right', fontSize: 11 },
        edgeSymbol: ['none', 'arrow'], lineStyle: { opacity: 0.5, curveness: 0.1 },
        links: atlas.links.filter((l) => nodes.some((n) => n.name === l.from) && nodes.some((n) => n.name === l.to))
          .map((l) => ({ source: l.from, target: l.to })) }],
    });
    chart.on('click', (p) => { if (p.dataType === 'node') open(p.name as string); });
  }

  await renderEcosystem(root, name, region);
  await renderEditor(root, name, atlas);

  root.append(el('section', {}, el('h2', {}, t('gaps')), table(
    [t('segment'), t('statusCol'), `${t('localCol')}/${t('firmsCol')}`, t('shareCol'), t('candidatesCol')],
    atlas.gaps.map((g) => [g.segment, t(g.status as Key), `${g.local}/${g.firms}`, pct(g.local_share),
      g.candidates.slice(0, 3).map((c) => `${c.name}（${c.province || '—'}）`).join('、') || '—']), 'gaps-table')));

  root.append(el('section', {}, el('h2', {}, t('leaders')), table(
    [t('firm'), t('region'), t('score'), t('segmentsCol'), t('supplyCol'), t('investCol'), t('patentsCol'), t('centralityCol')],
    atlas.leaders.map((l) => [l.name, l.province || '—', l.score.toFixed(3), String(l.segments), String(l.supply),
      String(l.investment_control), String(l.patents), l.centrality.toFixed(3)]), 'leaders-table')));

  root.append(el('section', {}, el('h2', {}, th('jjj', atlas.home)), table(
    [t('segment'), ...atlas.home.provinces.map(shortProvince), t('complementarityCol')],
    atlas.segments.map((s) => [s.name, ...atlas.home.provinces.map((p) => String(s.group_counts[p] ?? 0)),
      th(`comp_${s.complementarity}` as Key, atlas.home)]), 'jjj-table')));

  root.append(el('section', {}, el('h2', {}, t('segment')), table(
    [t('segment'), t('statusCol'), t('firmsCol'), t('localCol'), t('shareCol'), t('hhiCol'), t('patentsCol')],
    atlas.segments.map((s) => [s.parent ? `${s.parent} › ${s.name}` : s.name, t(status(s)), fmt(s.firms), fmt(s.local),
      pct(s.local_share), fmt(s.hhi), fmt(s.patents)]), 'segments-table')));
}

async function renderEcosystem(root: HTMLElement, chain: string, region: string): Promise<void> {
  const eco = await getJson<Ecosystem>(`/api/chains/${enc(chain)}/ecosystem?region=${enc(region)}`);
  const summary = t('ecosystemSummary').replace('{edges}', fmt(eco.edges.length)).replace('{communities}', fmt(eco.communities))
    .replace('{q}', eco.modularity.toFixed(3)).replace('{isolated}', fmt(eco.isolated_firms));
  const box = el('div', { class: 'chart', id: 'chart-ecosystem' });
  const link = el('a', { href: `/api/chains/${enc(chain)}/ecosystem.gexf?region=${enc(region)}`, download: 'ecosystem.gexf', 'data-testid': 'gexf-link' }, t('downloadGexf'));
  root.append(el('section', {}, el('h2', {}, t('ecosystem')),
    el('p', { 'data-testid': 'ecosystem-summary' }, fmt(eco.nodes.length) + summary, ' ', link), box));
  if (eco.nodes.length === 0) return;
  // A browser lays out a few hundred nodes smoothly; larger maps show their best-connected
  // firms and say so (the GEXF file has them all).
  const LIMIT = 300;
  const keep = eco.nodes.map((n, i) => ({ i, d: n.degree })).sort((a, b) => b.d - a.d || a.i - b.i).slice(0, LIMIT).map((x) => x.i);
  const index = new Map(keep.sort((a, b) => a - b).map((orig, k) => [orig, k]));
  const nodes = keep.map((i) => eco.nodes[i]);
  const edges = eco.edges.filter((e) => index.has(e.from) && index.has(e.to));
  if (eco.nodes.length > LIMIT) box.before(el('p', { class: 'note' }, t('ecosystemTop').replace('{n}', String(LIMIT))));
  mountChart('ecosystem', box, {
    tooltip: { formatter: (p: { dataType: string; name: string; data: { province?: string; kind?: string } }) =>
      p.dataType === 'node' ? `${escapeHtml(p.name)}<br>${escapeHtml(p.data.province || '—')}` : escapeHtml(p.data.kind ?? '') },
    series: [{
      type: 'graph', layout: 'force', roam: true, draggable: true,
      force: { repulsion: 60, edgeLength: 40, gravity: 0.1, friction: 0.2 },
      categories: Array.from({ length: eco.communities }, (_, i) => ({ name: String(i) })),
      data: nodes.map((n) => ({ name: n.name, category: n.community, province: n.province,
        symbolSize: 5 + 2 * Math.sqrt(n.degree), symbol: n.zone === 'local' ? 'diamond' : 'circle' })),
      links: edges.map((e) => ({ source: index.get(e.from)!, target: index.get(e.to)!, kind: e.kind })),
      lineStyle: { opacity: 0.4 }, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 4,
      label: { show: nodes.length <= 40, position: 'right', fontSize: 10 },
    }],
  });
}

const ACTIONS = ['add_segment', 'remove_segment', 'add_link', 'remove_link', 'add_firm', 'remove_firm'] as const;
// Which inputs each action uses.
const FIELDS: Record<(typeof ACTIONS)[number], string[]> = {
  add_segment: ['segment', 'stage', 'parent'], remove_segment: ['segment'],
  add_link: ['segment', 'target'], remove_link: ['segment', 'target'],
  add_firm: ['segment', 'firm', 'role', 'region'], remove_firm: ['segment', 'firm'],
};

interface EditRecord { id: number; at: string; action: string; detail: string; by?: string; actor?: string; display_name?: string }

// One edit in words: what was done to which segment, link or firm. The detail is the edit as the
// server stored it (JSON); fields this page does not know are shown as they are.
function describeEdit(e: EditRecord): (string | Node)[] {
  let detail: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(e.detail || '{}');
    if (parsed && typeof parsed === 'object') detail = parsed as Record<string, unknown>;
  } catch {
    return [dataText(e.detail)];
  }
  if (e.action === 'create') {
    const origin = String(detail.origin ?? '');
    const originKey = `origin_${origin}` as Key;
    return [tf('editCreated', { segments: Number(detail.segments ?? 0), firms: Number(detail.firms ?? 0),
      origin: t(originKey) !== originKey ? t(originKey) : origin || '—' })];
  }
  const labels: [string, Key][] = [['segment', 'segment'], ['target', 'target'], ['firm', 'firm'], ['stage', 'stage'],
    ['parent', 'parent'], ['role', 'firmRole'], ['province', 'region'], ['region', 'region'], ['into', 'mergeInto']];
  const parts: (string | Node)[] = [];
  for (const [field, key] of labels) {
    const value = detail[field];
    if (typeof value !== 'string' || value === '') continue;
    if (parts.length) parts.push('；');
    parts.push(`${t(key)}：`, dataText(value));
  }
  return parts.length ? parts : ['—'];
}

async function renderEditor(root: HTMLElement, chain: string, atlas: Atlas): Promise<void> {
  const { edits } = await getJson<{ edits: EditRecord[] }>(`/api/chains/${enc(chain)}/edits`);
  const section = el('section', {});
  root.append(section);
  // Only accounts with analytics.write may edit (POST /api/chains/…/edits); others read the log.
  if (can('analytics.write')) section.append(el('h2', {}, t('editChain')), editForm(chain, atlas));
  const actionLabel = (a: string) => (t(`act_${a}` as Key) !== `act_${a}` ? t(`act_${a}` as Key) : a);
  section.append(el('h3', {}, t('editLog')), edits.length === 0 ? el('p', { class: 'note' }, t('noEdits')) :
    el('ol', { class: 'edit-log', 'data-testid': 'edit-log' }, ...edits.slice(-20).reverse().map((e) => {
      const who = e.display_name || e.by || e.actor;
      return el('li', { 'data-edit': String(e.id) },
        el('div', {}, el('strong', {}, actionLabel(e.action)), ' · ', ...describeEdit(e)),
        el('div', { class: 'edit-meta' }, beijingTime(e.at), ...(who ? [` · ${t('editBy')}：`, dataText(who)] : [])));
    })));
}

function editForm(chain: string, atlas: Atlas): HTMLElement {
  const action = el('select', { id: 'edit-action' }, ...ACTIONS.map((a) => el('option', { value: a }, t(`act_${a}` as Key))));
  const inputs: Record<string, HTMLInputElement | HTMLSelectElement> = {
    segment: el('input', { id: 'edit-segment', list: 'segment-names' }),
    target: el('input', { id: 'edit-target', list: 'segment-names' }),
    firm: el('input', { id: 'edit-firm' }),
    stage: el('select', { id: 'edit-stage' }, ...['', '上游', '中游', '下游'].map((x) => el('option', { value: x }, x))),
    parent: el('input', { id: 'edit-parent', list: 'segment-names' }),
    role: el('input', { id: 'edit-role' }),
    region: el('input', { id: 'edit-region', list: 'region-options' }),
  };
  const labels: Record<string, Key> = { segment: 'segment', target: 'target', firm: 'firm', stage: 'stage', parent: 'parent', role: 'firmRole', region: 'region' };
  const wrappers = Object.fromEntries(Object.entries(inputs).map(([k, input]) => [k, el('label', {}, t(labels[k]), input)]));
  const showFields = () => {
    for (const [k, w] of Object.entries(wrappers)) w.style.display = FIELDS[action.value as (typeof ACTIONS)[number]].includes(k) ? '' : 'none';
  };
  action.addEventListener('change', showFields);
  showFields();
  const message = el('p', { class: 'banner error', 'data-testid': 'edit-error', style: 'display:none' });
  const submit = el('button', { type: 'button', id: 'edit-apply' }, t('apply'));
  submit.addEventListener('click', async () => {
    const body: Record<string, string> = { action: action.value };
    for (const k of FIELDS[action.value as (typeof ACTIONS)[number]]) if (inputs[k].value) body[k] = inputs[k].value;
    try {
      await sendJson('POST', `/api/chains/${enc(chain)}/edits`, body);
    } catch (e) {
      message.textContent = (e as Error).message;
      message.style.display = '';
      return;
    }
    window.dispatchEvent(new HashChangeEvent('hashchange'));  // draw the atlas again
  });
  return el('div', {},
    el('datalist', { id: 'segment-names' }, ...atlas.segments.map((s) => el('option', { value: s.name }))),
    el('div', { class: 'controls' }, el('label', {}, t('action'), action), ...Object.values(wrappers), submit), message);
}
