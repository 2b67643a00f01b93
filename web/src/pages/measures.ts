// What every figure on the chain pages says about itself, the way the foresight page does it:
// a source line (where the chain comes from, when it was built and last changed, in Beijing
// time), a unit line with an ⓘ per measure whose definition shows on hover and opens in the
// definitions below on a click, and the definitions themselves with the document they cite.
import { dataText, el } from '../dom';
import { t, tf, type Key } from '../i18n';
import { beijingTime } from '../time';

export interface Measure { id: string; name: string; unit: string; definition: string }

export interface ChainSource { origin: string; description: string; sample: boolean; created_at: string }

// "数据来源：由知识图谱推导（derived around …）· 示例数据；建立于 …；数据截至 …；地区：天津。"
export function chainProvenance(testid: string, chain: ChainSource, asOf: string, region: string): HTMLElement {
  const originKey = `origin_${chain.origin}` as Key;
  const origin = t(originKey) !== originKey ? t(originKey) : chain.origin || '—';
  const p = el('p', { class: 'note provenance', 'data-testid': testid, 'data-origin': chain.origin, 'data-as-of': asOf },
    t('provSource'), origin);
  if (chain.description) p.append('（', dataText(chain.description), '）');
  if (chain.sample) p.append(' · ', el('strong', { 'data-testid': `${testid}-sample` }, t('sampleData')));
  p.append(tf('provDates', { created: beijingTime(chain.created_at), asOf: beijingTime(asOf || chain.created_at) }),
    tf('provRegion', { region: region || '—' }));
  return p;
}

// The banner a sample chain carries on every chain page.
export function sampleBanner(testid: string): HTMLElement {
  return el('p', { class: 'banner sample', 'data-testid': testid }, t('sampleChainBanner'));
}

// ⓘ: the definition on hover or focus; a click (or Enter) opens the definitions and shows it.
export function info(prefix: string, m: Measure): HTMLElement {
  const i = el('span', { class: 'info', role: 'button', tabindex: '0', title: m.definition,
    'aria-label': `${t('measureInfo')}：${m.name}`, 'data-testid': `${prefix}-info-${m.id}` }, 'ⓘ');
  const open = () => {
    const d = document.getElementById(`${prefix}-definitions`) as HTMLDetailsElement | null;
    if (!d) return;
    d.open = true;
    document.getElementById(`${prefix}-def-${m.id}`)?.scrollIntoView({ block: 'nearest' });
  };
  i.addEventListener('click', open);
  i.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
  return i;
}

// "单位与定义：得分（0–1）ⓘ · 企业数（家）ⓘ …"
export function unitsLine(prefix: string, measures: Measure[]): HTMLElement {
  const p = el('p', { class: 'note', 'data-testid': `${prefix}-units` }, `${t('unitsLabel')}：`);
  measures.forEach((m, n) => {
    if (n) p.append(' · ');
    p.append(el('span', { 'data-measure': m.id }, m.unit ? `${m.name}（${m.unit}）` : m.name), info(prefix, m));
  });
  return p;
}

export function definitions(prefix: string, measures: Measure[], doc: string): HTMLElement {
  const list = el('dl', {});
  for (const m of measures)
    list.append(el('dt', { id: `${prefix}-def-${m.id}` }, m.unit ? `${m.name}（${m.unit}）` : m.name), el('dd', {}, m.definition));
  const [before, after] = t('definitionsDoc').split('{doc}');
  return el('details', { id: `${prefix}-definitions`, 'data-testid': `${prefix}-definitions` },
    el('summary', {}, t('definitionsTitle')), list, el('p', { class: 'note' }, before, dataText(doc, 'code'), after ?? ''));
}

// A measure from its name key, unit key and definition key (definitions may use {w}).
export function measure(id: string, name: Key, unit: Key | '', definition: Key, params: Record<string, string | number> = {}): Measure {
  return { id, name: t(name), unit: unit ? t(unit) : '', definition: tf(definition, params) };
}
