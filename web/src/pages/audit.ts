// 审计日志: the hash-chained audit trail for auditors and administrators — filter by
// account, action and date, and verify the chain (the server recomputes every hash).
import { getJson, type AuditEntry } from '../api';
import { dataText, el, table } from '../dom';
import { localizeError, t } from '../i18n';
import { beijingDayStartUtc, beijingTime } from '../time';

export async function renderAudit(root: HTMLElement): Promise<void> {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const actor = el('input', { id: 'audit-actor', value: params.get('actor') ?? '' });
  const action = el('input', { id: 'audit-action', value: params.get('action') ?? '', placeholder: 'import' });
  const since = el('input', { id: 'audit-since', type: 'date', value: params.get('since') ?? '' });
  const show = el('button', { type: 'button', id: 'audit-show' }, t('show'));
  show.addEventListener('click', () => {
    const q = new URLSearchParams();
    if (actor.value) q.set('actor', actor.value);
    if (action.value) q.set('action', action.value);
    if (since.value) q.set('since', since.value);
    location.hash = `#/audit?${q}`;
  });
  const verdict = el('p', { 'data-testid': 'audit-verdict', style: 'display:none' });
  const verify = el('button', { type: 'button', id: 'audit-verify' }, t('verifyChain'));
  verify.addEventListener('click', async () => {
    const v = await getJson<{ ok: boolean; entries: number; first_bad_seq: number; problem: string; problem_key: string;
      problem_params: Record<string, string>; head_hash: string }>('/api/audit/verify');
    verdict.className = v.ok ? 'banner' : 'banner error';
    // The problem in the user's language, as errors are said (its key and params).
    const problem = localizeError({ key: v.problem_key, params: v.problem_params, message: v.problem });
    verdict.textContent = v.ok ? `${t('chainIntact')}：${v.entries} ${t('entries')}，${t('headHash')} ${v.head_hash}`
      : `${t('chainBroken')} #${v.first_bad_seq}：${problem}`;
    verdict.style.display = '';
  });
  const q = new URLSearchParams();
  for (const k of ['actor', 'action']) if (params.get(k)) q.set(k, params.get(k)!);
  // The date picked is a Beijing day; the trail stores UTC.
  if (params.get('since')) q.set('since', beijingDayStartUtc(params.get('since')!));
  const { entries } = await getJson<{ entries: AuditEntry[] }>(`/api/audit?${q}`);
  // Every entry the filter selects (not only the page shown), as CSV for a report: the server
  // streams it however long the trail (UTF-8 with a BOM so that Excel reads the Chinese; times
  // in UTC as stored, Beijing time beside them; each entry's hash).
  const exportCsv = el('a', { class: 'button-link', id: 'audit-export', 'data-testid': 'audit-export',
    href: `/api/audit.csv?${q}`, download: 'audit.csv' }, t('exportCsv'));
  root.replaceChildren(
    el('h1', {}, t('audit')),
    el('p', { class: 'note' }, t('auditNote')),
    el('div', { class: 'controls' }, el('label', {}, t('username'), actor), el('label', {}, t('action'), action),
      el('label', {}, t('sinceBeijing'), since), show, verify, exportCsv),
    verdict,
    table(['#', t('time'), t('username'), t('orgs'), t('action'), t('auditTarget'), t('detail')],
      // Action codes, record ids and the stored detail are the trail's own data, shown as written.
      entries.map((e) => [String(e.seq), beijingTime(e.at), dataText(e.actor), dataText(e.org), dataText(e.action, 'code'),
        dataText(`${e.target_kind}:${e.target_id}`, 'code'), dataText(e.detail, 'code')]),
      'audit-table'),
  );
}
