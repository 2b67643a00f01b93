// 总览: what the platform holds — counts by kind, companies by region (with 京津冀 and
// Tianjin's districts), and the data sources, sample data labelled as such.
import { getJson, type Overview } from '../api';
import { mountChart } from '../charts';
import { el, fmt, scrollBox } from '../dom';
import { t, th, type Key } from '../i18n';
import { beijingTime } from '../time';
import { renderNqpfPanel } from './nqpf_panel';
import { renderProductivityPanel } from './nqpf_productivity';

function card(label: string, value: number, id: string): HTMLElement {
  return el('div', { class: 'card' }, el('div', { class: 'card-label' }, label),
    el('div', { class: 'card-value', 'data-testid': id }, fmt(value)));
}

function kindLabel(kind: string): string {
  const key = `kind_${kind}` as Key;
  return ['company', 'industry', 'patent', 'other'].includes(kind) ? t(key) : kind;
}

export async function renderOverview(root: HTMLElement): Promise<void> {
  const o = await getJson<Overview>('/api/overview');
  root.replaceChildren();
  root.append(el('h1', {}, t('overview')));
  if (o.sample) {
    const mixed = o.sources.some((s) => !s.sample);
    root.append(el('p', { class: 'banner sample', 'data-testid': 'sample-banner' }, t(mixed ? 'mixedBanner' : 'sampleBanner')));
  }
  if (o.sources.length === 0) root.append(el('p', { class: 'banner' }, t('emptyBanner')));

  // The front page figure: new quality productive forces of the home group's provinces.
  // Not awaited: the cards and charts below do not wait for the index, and a failure in the
  // panel says so in the panel instead of taking the page down.
  const nqpfHost = el('section', { 'data-testid': 'nqpf-panel' });
  root.append(nqpfHost);
  void renderNqpfPanel(nqpfHost).catch((e) => nqpfHost.replaceChildren(el('p', { class: 'note error' }, (e as Error).message)));
  const tfpHost = el('section', { 'data-testid': 'tfp-panel' });
  root.append(tfpHost);
  void renderProductivityPanel(tfpHost).catch((e) => tfpHost.replaceChildren(el('p', { class: 'note error' }, (e as Error).message)));

  const companies = o.entities.by_kind.find((k) => k.kind === 'company')?.count ?? 0;
  root.append(el('div', { class: 'cards' },
    card(t('entities'), o.entities.total, 'count-entities'),
    card(t('relations'), o.relations.total, 'count-relations'),
    card(t('companies'), companies, 'count-companies'),
    card(th('jingjinji', o.home), o.group_companies.total, 'count-jingjinji')));

  // Companies by province: the named provinces, then those whose region is unknown.
  const known = o.companies_by_province.filter((p) => p.province !== '').slice(0, 20);
  const unknown = o.companies_by_province.find((p) => p.province === '')?.count ?? 0;
  const labels = [...known.map((p) => p.province), t('unknownRegion'), t('national')];
  const values = [...known.map((p) => p.count), unknown, o.national_companies];
  const regionBox = el('div', { class: 'chart', id: 'chart-companies-by-region' });
  root.append(el('section', {}, el('h2', {}, t('companiesByRegion')), regionBox));
  mountChart('companiesByRegion', regionBox, {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 16, bottom: 80 },
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: 45, interval: 0 } },
    yAxis: { type: 'value' },
    series: [{
      type: 'bar', name: t('companies'), data: values,
      itemStyle: { color: (p: { name: string }) => (o.home.provinces.includes(p.name) ? '#c23531' : '#5470c6') },
    }],
  });

  const jjjBox = el('div', { class: 'chart small', id: 'chart-jingjinji' });
  const districtRows = o.focal_by_district.map((d) =>
    el('tr', {}, el('td', {}, d.district || t('unknownDistrict')), el('td', { class: 'num' }, fmt(d.count))));
  root.append(el('div', { class: 'two-col' },
    el('section', {}, el('h2', {}, th('jjjTitle', o.home)), jjjBox),
    el('section', {}, el('h2', {}, th('tianjinDistricts', o.home)),
      el('table', { 'data-testid': 'tianjin-districts' }, el('tbody', {}, ...districtRows)))));
  mountChart('jingjinji', jjjBox, {
    tooltip: { trigger: 'item' },
    series: [{
      type: 'pie', radius: ['35%', '70%'], label: { formatter: '{b} {c}' },
      data: o.home.provinces.map((p) => ({ name: p, value: o.group_companies[p] ?? 0 })),
    }],
  });

  const kindRows = o.entities.by_kind.map((k) =>
    el('tr', {}, el('td', {}, kindLabel(k.kind)), el('td', { class: 'num' }, fmt(k.count))));
  const relRows = o.relations.by_kind.map((k) =>
    el('tr', {}, el('td', {}, k.kind), el('td', { class: 'num' }, fmt(k.count))));
  root.append(el('div', { class: 'two-col' },
    el('section', {}, el('h2', {}, t('byKind')), el('table', {}, el('tbody', {}, ...kindRows))),
    el('section', {}, el('h2', {}, t('relationKinds')), el('table', {}, el('tbody', {}, ...relRows)))));

  const sourceRows = o.sources.map((s) =>
    el('tr', {}, el('td', {}, s.name + (s.sample ? `（${t('sample')}）` : '')), el('td', {}, s.format),
      el('td', { class: 'num' }, fmt(s.entities)), el('td', { class: 'num' }, fmt(s.relations)), el('td', {}, beijingTime(s.imported_at))));
  root.append(el('section', {}, el('h2', {}, t('sources')),
    scrollBox(el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, t('source')), el('th', {}, t('format')),
      el('th', {}, t('entities')), el('th', {}, t('relations')), el('th', {}, t('importedAt')))),
    el('tbody', {}, ...sourceRows)))));
}
