// The six chokepoint weights on the page. They travel in the URL hash under the API's own names
// (w_concentration …), so that a link shares the view and the ranking, the CSV export and the
// page all use the same weights; the server checks them and says in a keyed error what is wrong.
import { el } from '../dom';
import { t, tf, type Key } from '../i18n';

export const COMPONENTS = ['concentration', 'outside', 'dominance', 'betweenness', 'substitutes', 'technology'] as const;
export type Component = (typeof COMPONENTS)[number];
export type Weights = Record<Component, number>;

// The w_… parameters the hash gives, as typed (none: the server's defaults).
export function weightParams(params: URLSearchParams): [string, string][] {
  return COMPONENTS.filter((c) => params.has(`w_${c}`)).map((c) => [`w_${c}`, params.get(`w_${c}`) ?? '']);
}

export function weightQuery(weights: [string, string][]): string {
  return weights.map(([k, v]) => `&${k}=${encodeURIComponent(v)}`).join('');
}

// Six inputs with their sum; "rank" hands the typed weights to `go`, "default" hands none.
// `used`: the weights the server ranked with (null when it refused the ones in the hash).
export function weightsForm(params: URLSearchParams, used: Weights | null, go: (weights: [string, string][]) => void): HTMLElement {
  const inputs = COMPONENTS.map((c) => el('input', {
    id: `weight-${c}`, type: 'number', min: '0', max: '100', step: '0.05', 'data-component': c,
    value: params.get(`w_${c}`) ?? (used ? String(used[c]) : ''), placeholder: t('cpWeightDefault'),
  }));
  const sum = el('span', { class: 'weight-sum', 'data-testid': 'weight-sum' });
  const showSum = () => {
    const total = inputs.reduce((s, i) => s + (i.value.trim() === '' ? 0 : Number(i.value)), 0);
    sum.textContent = tf('cpWeightSum', { sum: Number.isFinite(total) ? Number(total.toFixed(4)).toString() : '—' });
  };
  inputs.forEach((i) => i.addEventListener('input', showSum));
  showSum();
  const apply = el('button', { type: 'button', id: 'weights-apply' }, t('cpApplyWeights'));
  apply.addEventListener('click', () => go(inputs.filter((i) => i.value.trim() !== '')
    .map((i) => [`w_${i.dataset.component}`, i.value.trim()] as [string, string])));
  inputs.forEach((i) => i.addEventListener('keydown', (e) => { if (e.key === 'Enter') apply.click(); }));
  const reset = el('button', { type: 'button', id: 'weights-reset', class: 'secondary' }, t('cpResetWeights'));
  reset.addEventListener('click', () => go([]));
  const custom = weightParams(params).length > 0;
  return el('div', { class: 'weights', 'data-testid': 'choke-weights' },
    el('h2', {}, t('cpWeights')),
    el('div', { class: 'controls' }, ...inputs.map((input, k) => el('label', {}, t(`drv_${COMPONENTS[k]}` as Key), input)),
      sum, apply, reset),
    ...(custom ? [el('p', { class: 'note', 'data-testid': 'weights-custom' }, t('cpWeightsCustom'))] : []));
}
