// 产业链图谱: a chain's segments left to right by stage, coloured by local coverage; a click
// shows a segment's firms by region; gaps with candidates, chain leaders, 京津冀 complementarity.
import { can, getJson, sendJson, type Atlas, type AtlasSegment, type FirmRow, regionSuggestions, homeRegion } from '../api';
import { pickChain } from './chain_picker';
import { renderLinkages } from './chain_linkage';
import { askEngineers } from './engineers';
import { renderChainMap } from './chain_map';
import { mountChart } from '../charts';
import { dataText, el, fmt, table } from '../dom';
import { shortProvince, t, tf, th, type Key } from '../i18n';
import { beijingTime } from '../time';
import { renderEcosystem } from './ecosystem';
import { chainProvenance, definitions, info, measure, unitsLine } from './measures';

const enc = encodeURIComponent;
const STAGES: [string, Key][] = [['上游', 'upstream'], ['中游', 'midstream'], ['下游', 'downstream'], ['', 'noStage']];

function status(s: AtlasSegment): 'missing' | 'unsettled' | 'weak' | 'covered' {
  return s.missing ? 'missing' : s.unsettled ? 'unsettled' : s.weak ? 'weak' : 'covered';
}
// Grey for a segment whose firms' places are unknown: missing data, not a gap.
const COLOURS = { missing: '#d4380d', unsettled: '#8c8c8c', weak: '#fa8c16', covered: '#389e0d' };
// A share over no firm of known place is null: shown as missing, never as 0%.
const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);

// Why a segment has its colour, in words: the rule applied to its numbers (a segment whose one
// local firm makes 100% is weak, for it rests on that firm; the page must say so).
function why(s: { missing: boolean; unsettled?: boolean; unplaced?: number; weak_because?: string[]; local_share: number | null },
  weakShare: number): string {
  if (s.missing) return t('why_missing');
  if (s.unsettled) return tf('why_unsettled', { n: String(s.unplaced ?? 0) });
  return (s.weak_because ?? []).map((r) => tf(`why_${r}` as Key, { share: pct(s.local_share), w: pct(weakShare) })).join('；');
}

function atlasMeasures(weakShare: number) {
  return {
    coverage: measure('coverage', 'coverage', 'unit_percent', 'atDef_coverage'),
    firms: measure('firms', 'firmsCol', 'unit_firms', 'atDef_firms'),
    local: measure('local', 'localFirms', 'unit_firms', 'atDef_firms'),
    unplaced: measure('unplaced', 'unplacedFirms', 'unit_firms', 'atDef_unplaced'),
    gaps: measure('gaps', 'gapCount', 'unit_segments', 'atDef_gaps'),
    missing: measure('missing', 'missing', '', 'atDef_missing'),
    unsettled: measure('unsettled', 'unsettled', '', 'atDef_unsettled'),
    weak: measure('weak', 'weak', '', 'atDef_weak', { w: pct(weakShare) }),
    share: measure('share', 'shareCol', 'unit_percent', 'atDef_share'),
    hhi: measure('hhi', 'hhiCol', 'unit_hhi', 'atDef_hhi'),
    patents: measure('patents', 'patentsCol', 'unit_patents', 'atDef_patents'),
    leader: measure('leader', 'leaderScore', 'unit_score', 'atDef_leader'),
    centrality: measure('centrality', 'centralityCol', 'unit_score', 'atDef_centrality'),
  };
}


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
    el('datalist', { id: 'region-options' }, ...(await regionSuggestions(['台湾', '长三角'], true)).map((r) => el('option', { value: r }))),
    el('label', {}, t('weakShare'), weakInput), go,
    el('a', { class: 'button-link', 'data-testid': 'xlsx-link', download: 'atlas.xlsx',
      href: `/api/chains/${enc(name)}/atlas.xlsx?region=${enc(regionInput.value)}&weak_share=${enc(weak)}` }, t('downloadXlsx'))));

  const region = regionInput.value;
  const atlas = await getJson<Atlas>(`/api/chains/${enc(name)}/atlas?region=${enc(region)}&weak_share=${enc(weak)}`);
  if (atlas.chain.sample) root.append(el('p', { class: 'banner sample' }, t('sampleBanner')));
  const m = atlasMeasures(atlas.weak_share);
  root.append(chainProvenance('atlas-provenance', atlas.chain, atlas.as_of, atlas.region.label),
    unitsLine('atlas', [m.share, m.hhi, m.patents, m.missing, m.unsettled, m.weak, m.leader, m.centrality]),
    definitions('atlas', Object.values(m), 'docs/chain-atlas.md'));
  root.append(el('div', { class: 'cards' },
    ...([[m.coverage, pct(atlas.coverage), 'atlas-coverage'], [m.firms, fmt(atlas.firms), 'atlas-firms'],
      [m.local, fmt(atlas.local_firms), 'atlas-local'], [m.unplaced, fmt(atlas.unplaced_firms), 'atlas-unplaced'],
      [m.gaps, fmt(atlas.gaps.length), 'atlas-gaps']] as const)
      .map(([measured, value, id]) => el('div', { class: 'card' }, el('div', { class: 'card-label' },
        `${measured.name}（${measured.unit}）· ${atlas.region.label}`, info('atlas', measured)),
      el('div', { class: 'card-value', 'data-testid': id }, value)))));

  // The chain, left to right by stage; each segment a button coloured by local coverage.
  const panel = el('section', { id: 'segment-panel' }, el('p', {}, t('clickSegment')));
  const open = (segment: string) => void showFirms(panel, name, segment, region).catch((e: Error) =>
    panel.append(el('p', { class: 'banner error', 'data-testid': 'segment-firms-error' }, e.message)));
  const columns = STAGES.filter(([stage]) => atlas.segments.some((s) => s.stage === stage)).map(([stage, key]) =>
    el('div', { class: 'stage-column' }, el('h3', {}, t(key)),
      ...atlas.segments.filter((s) => s.stage === stage).map((s) => {
        const chip = el('button', { type: 'button', class: `segment-chip ${status(s)}${s.parent ? ' sub' : ''}`,
          'data-segment': s.name, 'data-status': status(s),
          title: `${s.name}: ${s.local}/${s.firms} · ${t(status(s))}${status(s) === 'covered' ? '' : `（${why(s, atlas.weak_share)}）`}${s.stage_computed ? t('computedStage') : ''}${s.aliases.length ? ` · ${t('aliases')}: ${s.aliases.join('、')}` : ''}` },
        s.name, el('span', { class: 'chip-count' }, `${s.local}/${s.firms}${s.unplaced ? ` · ?${s.unplaced}` : ''}`));
        chip.addEventListener('click', () => open(s.name));
        return chip;
      })));
  root.append(el('section', {}, el('h2', {}, t('chainMap')),
    el('p', { class: 'note', 'data-testid': 'status-rule' }, tf('weakRule', { w: pct(atlas.weak_share) })),
    columns.length ? el('div', { class: 'stage-columns', 'data-testid': 'chain-map' }, ...columns)
      : el('p', { class: 'note', 'data-testid': 'chain-map-empty' }, t('chainNoSegments'))), panel);
  // A search hit or a shared link names a segment (s=…): its firms open at once.
  const asked = params.get('s');
  if (asked) {
    open(asked);
    panel.scrollIntoView({ block: 'start' });
  }

  if (atlas.links.length > 0) {
    const box = el('div', { class: 'chart', id: 'chart-chain-links' });
    // The same colours as the chain map above; without a key a reader cannot tell red from orange.
    const legend = el('div', { class: 'legend', 'data-testid': 'link-legend', 'aria-label': t('legend') },
      ...(['missing', 'unsettled', 'weak', 'covered'] as const).map((k) =>
        el('span', { 'data-status': k, title: k === 'covered' ? '' : m[k].definition }, el('span', { class: 'swatch', style: `background:${COLOURS[k]}` }), t(k))),
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
  } else {
    root.append(el('section', {}, el('h2', {}, t('linkGraph')), el('p', { class: 'note', 'data-testid': 'links-empty' }, t('atNoLinks'))));
  }

  await renderChainMap(root, name);  // the home group's districts, whatever the region above
  await renderEcosystem(root, name, region);
  await renderEditor(root, name, atlas);

  root.append(el('section', {}, el('h2', {}, t('gaps')), atlas.gaps.length === 0
    ? el('p', { class: 'note', 'data-testid': 'gaps-empty' }, tf('atNoGaps', { w: pct(atlas.weak_share) }))
    : table([t('segment'), t('statusCol'), t('whyCol'), `${t('localCol')}/${t('firmsCol')}（${t('unit_firms')}）`,
      `${t('unplacedCol')}（${t('unit_firms')}）`, t('shareCol'), t('candidatesCol')],
      atlas.gaps.map((g) => [g.segment, t(g.status as Key),
        why({ ...g, missing: g.status === 'missing', unsettled: g.status === 'unsettled' }, atlas.weak_share),
        `${g.local}/${g.firms}`, fmt(g.unplaced), pct(g.local_share),
        g.candidates.slice(0, 3).map((c) => `${c.name}（${c.province || '—'}）`).join('、') || '—']), 'gaps-table')));

  root.append(el('section', {}, el('h2', {}, t('leaders')), atlas.leaders.length === 0
    ? el('p', { class: 'note', 'data-testid': 'leaders-empty' }, t('atNoLeaders'))
    : table([t('firm'), t('region'), `${m.leader.name}（${m.leader.unit}）`, t('segmentsCol'), t('supplyCol'), t('investCol'), t('patentsCol'),
      `${t('centralityCol')}（${m.centrality.unit}）`],
    atlas.leaders.map((l) => [l.name, l.province || '—', l.score.toFixed(3), String(l.segments), String(l.supply),
      String(l.investment_control), String(l.patents), l.centrality.toFixed(3)]), 'leaders-table')));

  root.append(el('section', {}, el('h2', {}, th('jjj', atlas.home)), table(
    [t('segment'), ...atlas.home.provinces.map(shortProvince), t('complementarityCol')],
    atlas.segments.map((s) => [s.name, ...atlas.home.provinces.map((p) => String(s.group_counts[p] ?? 0)),
      th(`comp_${s.complementarity}` as Key, atlas.home)]), 'jjj-table')));

  const askable = can('engineers.request');
  root.append(el('section', {}, el('h2', {}, t('segment')), table(
    [t('segment'), t('statusCol'), `${t('firmsCol')}（${t('unit_firms')}）`, `${t('localCol')}（${t('unit_firms')}）`,
      `${t('unplacedCol')}（${t('unit_firms')}）`, `${t('shareCol')}（%）`, `${t('hhiCol')}（${t('unit_hhi')}）`, `${t('patentsCol')}（${t('unit_patents')}）`,
      ...(askable ? [t('engTitle')] : [])],
    atlas.segments.map((s) => [s.parent ? `${s.parent} › ${s.name}` : s.name, t(status(s)), fmt(s.firms), fmt(s.local),
      fmt(s.unplaced), pct(s.local_share), fmt(s.hhi), fmt(s.patents),
      ...(askable ? [status(s) === 'covered' ? '—' : askEngineers(name, s.name, 'chain_gap')] : [])]), 'segments-table')));

  // 产业关联: each segment's input–output sector and its pull on the economy.
  const linkages = el('div', {});
  root.append(linkages);
  await renderLinkages(linkages, name);
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
