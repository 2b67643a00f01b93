// 本机构: the signed-in account's organisation — its profile (editable with org.edit) and
// its accounts. Enterprise, lab and insurer users see only this organisation.
import { can, currentUser, getJson, sendJson, type Account, type Organisation } from '../api';
import { el, table } from '../dom';
import { t } from '../i18n';

const FIELDS = ['name', 'region', 'credit_code', 'contact', 'description'] as const;

export async function renderOrg(root: HTMLElement): Promise<void> {
  const me = currentUser()!;
  const org = await getJson<Organisation>(`/api/orgs/${me.org.id}`);
  const { accounts } = await getJson<{ accounts: Account[] }>(`/api/orgs/${me.org.id}/members`);
  const editable = can('org.edit');
  const inputs = Object.fromEntries(FIELDS.map((f) => {
    const input = f === 'description' ? el('textarea', { id: `org-${f}`, rows: '3' }) : el('input', { id: `org-${f}` });
    input.value = org[f];
    if (!editable) input.setAttribute('readonly', '');
    return [f, input];
  })) as Record<(typeof FIELDS)[number], HTMLInputElement | HTMLTextAreaElement>;
  const message = el('p', { class: 'banner', 'data-testid': 'org-message', style: 'display:none' });
  const save = el('button', { type: 'button', id: 'org-save' }, t('save'));
  save.addEventListener('click', async () => {
    const body: Record<string, string> = {};
    for (const f of FIELDS) if (inputs[f].value !== org[f]) body[f] = inputs[f].value;
    try {
      const updated = await sendJson<Organisation>('PATCH', `/api/orgs/${org.id}`, body);
      Object.assign(org, updated);
      message.className = 'banner';
      message.textContent = t('saved');
    } catch (e) {
      message.className = 'banner error';
      message.textContent = (e as Error).message;
    }
    message.style.display = '';
  });
  root.replaceChildren(
    el('h1', {}, t('myOrg')),
    el('p', { 'data-testid': 'org-title' }, `${org.name} · ${org.kind_zh}`),
    el('div', { class: 'form-grid' }, ...FIELDS.map((f) => el('label', {}, t(`org_${f}`), inputs[f]))),
    ...(editable ? [el('div', { class: 'controls' }, save)] : []), message,
    el('h2', {}, t('members')),
    table([t('username'), t('displayName'), t('role'), t('status')],
      accounts.map((a) => [a.username, a.display_name, a.role_zh, a.disabled ? t('disabled') : t('active')]), 'org-members'),
  );
}
