// The page of a mechanism that is not implemented yet: it says so plainly and shows no data.
import { el } from '../dom';
import { t } from '../i18n';
import { mechanismName, mechanismPlan, type Mechanism } from '../mechanisms';

export function renderNotBuilt(root: HTMLElement, m: Mechanism): void {
  root.replaceChildren(
    el('h1', {}, mechanismName(m)),
    el('p', { class: 'banner not-built', 'data-testid': 'not-built' }, `${t('notBuilt')}。${t('notBuiltText')}`),
    el('p', {}, mechanismPlan(m)),
  );
}
