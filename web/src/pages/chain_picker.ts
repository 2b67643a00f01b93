// What the chain pages share: the chains from the API, the one the URL names, a selector.
import { getJson, type ChainSummary } from '../api';
import { el } from '../dom';
import { t } from '../i18n';

export interface ChainChoice {
  params: URLSearchParams;
  chains: ChainSummary[];
  name: string;
  current?: ChainSummary;
  select: HTMLSelectElement;
}

// Renders the title; returns null (after saying so) when there is no chain yet.
export async function pickChain(root: HTMLElement, title: string, selectId: string): Promise<ChainChoice | null> {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const { chains } = await getJson<{ chains: ChainSummary[] }>('/api/chains');
  root.replaceChildren(el('h1', {}, title));
  if (chains.length === 0) {
    root.append(el('p', { class: 'banner' }, t('noChains')));
    return null;
  }
  const name = params.get('c') ?? chains[0].name;
  const select = el('select', { id: selectId }, ...chains.map((c) => {
    const o = el('option', { value: c.name }, c.name + (c.sample && !c.name.includes('示例') ? `（${t('sample')}）` : ''));
    if (c.name === name) o.selected = true;
    return o;
  }));
  return { params, chains, name, current: chains.find((c) => c.name === name), select };
}
