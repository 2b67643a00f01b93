// 用户与机构: organisations and accounts for administrators (read-only for auditors):
// add organisations and accounts, disable and enable, set a password (which lifts a lockout).
import { can, getJson, sendJson, type Account, type Organisation } from '../api';
import { el, table } from '../dom';
import { t, type Key } from '../i18n';
import { beijingTime } from '../time';

const KINDS = ['bureau', 'park', 'enterprise', 'lab', 'insurer', 'audit_office'];
const ROLES = ['admin', 'analyst', 'park_operator', 'enterprise', 'lab', 'insurer', 'auditor', 'viewer'];

function select(id: string, options: [string, string][]): HTMLSelectElement {
  return el('select', { id }, ...options.map(([v, label]) => el('option', { value: v }, label)));
}

export async function renderAdmin(root: HTMLElement): Promise<void> {
  const [{ orgs }, { accounts }] = await Promise.all([
    getJson<{ orgs: Organisation[] }>('/api/orgs'),
    getJson<{ accounts: Account[] }>('/api/accounts'),
  ]);
  const manage = can('accounts.manage');
  const message = el('p', { class: 'banner', 'data-testid': 'admin-message', style: 'display:none' });
  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      window.dispatchEvent(new HashChangeEvent('hashchange'));  // draw the lists again
    } catch (e) {
      message.className = 'banner error';
      message.textContent = (e as Error).message;
      message.style.display = '';
    }
  };
  const status = (a: Account) =>
    a.disabled ? t('disabled') : a.locked_until * 1000 > Date.now() ? `${t('lockedUntil')} ${beijingTime(a.locked_until)}` : t('active');
  const actions = (a: Account): Node => {
    if (!manage) return document.createTextNode('');
    const toggle = el('button', { type: 'button', 'data-testid': `toggle-${a.username}` }, a.disabled ? t('enable') : t('disable'));
    toggle.addEventListener('click', () => run(() => sendJson('POST', `/api/accounts/${encodeURIComponent(a.username)}/${a.disabled ? 'enable' : 'disable'}`)));
    const pw = el('input', { type: 'password', placeholder: t('newPassword'), 'data-testid': `pw-${a.username}`, autocomplete: 'new-password' });
    const set = el('button', { type: 'button' }, t('setPassword'));
    set.addEventListener('click', () => run(() => sendJson('POST', `/api/accounts/${encodeURIComponent(a.username)}/password`, { password: pw.value })));
    return el('span', { class: 'row-actions' }, toggle, pw, set);
  };

  const sections: Node[] = [
    el('h1', {}, t('admin')), message,
    el('h2', {}, t('orgs')),
    table(['ID', t('org_name'), t('orgKind'), t('org_region'), t('members')],
      orgs.map((o) => [String(o.id), o.name, o.kind_zh, o.region, String(o.members)]), 'admin-orgs'),
  ];
  if (manage) {
    const name = el('input', { id: 'new-org-name' });
    const kind = select('new-org-kind', KINDS.map((k) => [k, t(`kind_${k}` as Key)]));
    const region = el('input', { id: 'new-org-region' });
    const add = el('button', { type: 'button', id: 'new-org-add' }, t('addOrg'));
    add.addEventListener('click', () => run(() => sendJson('POST', '/api/orgs', { name: name.value, kind: kind.value, region: region.value })));
    sections.push(el('div', { class: 'controls' }, el('label', {}, t('org_name'), name), el('label', {}, t('orgKind'), kind),
      el('label', {}, t('org_region'), region), add));
  }
  sections.push(el('h2', {}, t('accounts')),
    table([t('username'), t('displayName'), t('role'), t('orgs'), t('status'), ...(manage ? [t('actions')] : [])],
      accounts.map((a) => [a.username, a.display_name, a.role_zh, a.org, status(a), ...(manage ? [actions(a)] : [])]), 'admin-accounts'));
  if (manage) {
    const username = el('input', { id: 'new-user-name', autocomplete: 'off' });
    const display = el('input', { id: 'new-user-display' });
    const org = select('new-user-org', orgs.map((o) => [String(o.id), o.name]));
    const role = select('new-user-role', ROLES.map((r) => [r, t(`role_${r}` as Key)]));
    const password = el('input', { id: 'new-user-password', type: 'password', autocomplete: 'new-password' });
    const add = el('button', { type: 'button', id: 'new-user-add' }, t('addAccount'));
    add.addEventListener('click', () => run(() => sendJson('POST', '/api/accounts',
      { username: username.value, display_name: display.value, org: org.value, role: role.value, password: password.value })));
    sections.push(el('div', { class: 'controls' }, el('label', {}, t('username'), username), el('label', {}, t('displayName'), display),
      el('label', {}, t('orgs'), org), el('label', {}, t('role'), role), el('label', {}, t('password'), password), add),
    el('p', { class: 'note' }, t('passwordRule')));
  }
  root.replaceChildren(...sections);
}
