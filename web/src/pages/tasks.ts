// 任务清单制: the national demand list (imported from the ministries' workbook), the home
// province's labs and firms as capability profiles (patents, chain segments, scenario projects),
// each demand's best-matched bodies with the terms they share, and the pre-research pool
// 储备 → 成熟 → 申报 where every move names the gate criteria it met.
import { can, getJson, sendJson } from '../api';
import { dataText, el, table } from '../dom';
import { t, tf } from '../i18n';
import { beijingTime } from '../time';
import { termsCell } from './transfer';

interface Task { id: number; year: number; ref: string; title: string; field: string; text: string; department: string; deadline: string; source: string; imported_at: string }
interface Term { key: string; en: string; zh: string; idf: number }
interface Match { task_id: number; org: string; kind: string; score: number; coverage: number; terms: Term[]; patents: number; segments: string[]; candidate_id: number; stage: string }
interface Profile { org: string; kind: string; patents: number; first_filed: string; last_filed: string; subclasses: { code: string; patents: number; zh: string }[]; segments: string[]; projects: string[] }
interface Move { from: string; to: string; criteria: Record<string, boolean>; note: string; moved_by: string; moved_at: string }
interface Candidate { id: number; task_id: number; task_title: string; org: string; kind: string; stage: string; score: number; moves: Move[] }

const STAGES = ['储备', '成熟', '申报'] as const;
const GATES: Record<string, string[]> = { 成熟: ['team', 'prior_results', 'partner'], 申报: ['materials', 'matching_funds', 'endorsement'] };

function label(prefix: 'tkKind_' | 'tkCrit_', code: string): string {
  return t(`${prefix}${code}` as Parameters<typeof t>[0]);
}

function say(host: HTMLElement, text: string, error = false): void {
  host.replaceChildren(el('p', { class: `banner${error ? ' error' : ''}`, 'data-testid': 'tasks-message', role: 'status' }, text));
}

export async function renderTasks(page: HTMLElement): Promise<void> {
  const manager = can('tasks.manage');
  const status = el('div', { 'data-testid': 'tasks-status' });
  const listHost = el('section', { 'data-testid': 'task-list' });
  const matchHost = el('section', { 'data-testid': 'task-matches' });
  const poolHost = el('section', { 'data-testid': 'task-pool' });
  const profileHost = el('section', { 'data-testid': 'task-profiles' });
  page.replaceChildren(el('h1', {}, t('tkTitle')), el('p', { class: 'note' }, t('tkIntro')), status, listHost, matchHost, poolHost, profileHost);
  let chosen = 0;
  let matchTurn = 0;
  let reloadTurn = 0;

  // One write at a time: every action button waits until it settles; a refusal draws the page
  // again too (a 409 means someone else moved the candidate meanwhile).
  const act = async (work: () => Promise<unknown>, done: string, button: HTMLButtonElement) => {
    const buttons = [...page.querySelectorAll<HTMLButtonElement>('[data-testid="task-pool"] button, [data-testid="pool-add"]')];
    buttons.forEach((b) => { b.disabled = true; });
    button.disabled = true;
    try {
      await work();
      await reload();
      say(status, done);
    } catch (e) {
      await reload().catch(() => undefined);
      say(status, (e as Error).message, true);
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
      button.disabled = false;
    }
  };

  const drawList = (tasks: Task[]) => {
    const rows = tasks.map((x) => {
      const show = el('button', { type: 'button', 'data-testid': `task-match-${x.id}` }, t('trShowMatches'));
      show.addEventListener('click', () => { chosen = x.id; void drawMatches(); });
      return [String(x.year), dataText(x.ref), dataText(x.title), dataText(x.field || '—'), dataText(x.department || '—'), x.deadline || '—', show];
    });
    const sources = [...new Set(tasks.map((x) => `${x.year} · ${x.source}`))];
    const imported = tasks.map((x) => x.imported_at).sort().pop();
    listHost.replaceChildren(el('h2', {}, t('tkList')),
      ...(tasks.some((x) => x.title.includes('（示例）')) ? [el('p', { class: 'banner sample' }, t('tkSample'))] : []),
      tasks.length ? el('p', { class: 'note', 'data-testid': 'task-source' }, tf('tkSource', { sources: sources.join('、'), at: imported ? beijingTime(imported) : '—', n: tasks.length }))
        : el('p', { class: 'note' }, t('tkNoTasks')),
      ...(tasks.length ? [table([t('tkYear'), t('trRef'), t('tkTask'), t('tkField'), t('tkDepartment'), t('tkDeadline'), t('engAction')], rows, 'task-table')] : []));
  };

  const poolButton = (m: Match): HTMLElement => {
    if (m.candidate_id) return el('span', { 'data-testid': `in-pool-${m.org}` }, tf('tkInPool', { stage: m.stage }));
    if (!manager) return el('span', {}, '—');
    const add = el('button', { type: 'button', 'data-testid': 'pool-add', 'data-org': m.org }, t('tkAdd'));
    add.addEventListener('click', () => void act(() => sendJson('POST', '/api/task-pool', { task: m.task_id, org: m.org }), tf('tkAdded', { org: m.org }), add));
    return add;
  };

  const drawMatches = async () => {
    if (!chosen) {
      matchHost.replaceChildren(el('h2', {}, t('tkMatches')), el('p', { class: 'note' }, t('tkPick')));
      return;
    }
    const turn = ++matchTurn;
    try {
      const { matches } = await getJson<{ matches: Match[] }>(`/api/tasks/${chosen}/matches?top=10`);
      if (turn !== matchTurn) return;
      matchHost.replaceChildren(el('h2', {}, t('tkMatches')), el('p', { class: 'note' }, t('tkMatchRule')),
        matches.length ? table([t('tkOrg'), t('tkKind'), t('tkPatents'), t('tkSegments'), t('trCoverage'), 'BM25', t('trShared'), t('tkPool')],
          matches.map((m) => [dataText(m.org), label('tkKind_', m.kind), String(m.patents), dataText(m.segments.join('、') || '—'),
            `${Math.round(m.coverage * 100)}%`, m.score.toFixed(2), termsCell(m.terms), poolButton(m)]), 'task-matches-table')
          : el('p', { class: 'note' }, t('tkNoMatches')));
    } catch (e) {
      if (turn === matchTurn) matchHost.replaceChildren(el('h2', {}, t('tkMatches')), el('p', { class: 'banner error' }, (e as Error).message));
    }
  };

  const moveForm = (c: Candidate): HTMLElement => {
    const next = STAGES[STAGES.indexOf(c.stage as typeof STAGES[number]) + 1];
    const to = el('select', { 'aria-label': t('tkMoveTo'), 'data-testid': `move-to-${c.id}` },
      ...(next ? [el('option', { value: next }, next)] : []), el('option', { value: '退出' }, '退出'));
    const boxes = el('span', { class: 'controls' });
    const drawBoxes = () => boxes.replaceChildren(...(GATES[to.value] ?? []).map((k) => el('label', {},
      el('input', { type: 'checkbox', 'data-criterion': k, 'data-testid': `crit-${c.id}-${k}` }), label('tkCrit_', k))));
    to.addEventListener('change', drawBoxes);
    drawBoxes();
    const note = el('input', { 'aria-label': t('trNote'), placeholder: t('trNote') });
    const go = el('button', { type: 'button', 'data-testid': `move-${c.id}` }, t('tkMove'));
    go.addEventListener('click', () => {
      const criteria: Record<string, boolean> = {};
      boxes.querySelectorAll<HTMLInputElement>('input[data-criterion]').forEach((b) => { criteria[b.dataset.criterion!] = b.checked; });
      void act(() => sendJson('POST', `/api/task-pool/${c.id}/move`, { stage: to.value, criteria, note: note.value }), tf('tkMoved', { org: c.org, stage: to.value }), go);
    });
    return el('div', { class: 'controls' }, to, boxes, note, go);
  };

  const history = (c: Candidate): HTMLElement => el('ol', { class: 'note' }, ...c.moves.map((m) => el('li', {},
    `${m.from || '—'} → ${m.to}`, ...Object.entries(m.criteria).filter(([, v]) => v).map(([k]) => `（${label('tkCrit_', k)}）`),
    ...(m.note ? ['：', dataText(m.note)] : []), ` · ${m.moved_by} ${beijingTime(m.moved_at)}`)));

  const drawPool = (list: Candidate[]) => {
    const section = (stage: string) => {
      const rows = list.filter((c) => c.stage === stage).map((c) => [dataText(c.task_title), dataText(c.org), label('tkKind_', c.kind),
        c.score.toFixed(2), history(c), manager && stage !== '退出' ? moveForm(c) : el('span', {}, '—')]);
      return el('div', { 'data-testid': `pool-${stage}` }, el('h3', {}, tf('tkStage', { stage, n: rows.length })),
        rows.length ? table([t('tkTask'), t('tkOrg'), t('tkKind'), t('tkScoreAtEntry'), t('tkHistory'), t('engAction')], rows, `pool-table-${stage}`)
          : el('p', { class: 'note' }, t('tkEmptyStage')));
    };
    poolHost.replaceChildren(el('h2', {}, t('tkPoolTitle')), el('p', { class: 'note' }, t('tkGateRule')),
      ...[...STAGES, '退出'].map(section));
  };

  const drawProfiles = (profiles: Profile[], province: string) => {
    profileHost.replaceChildren(el('h2', {}, t('tkProfiles')), el('p', { class: 'note' }, tf('tkProfileRule', { province })),
      profiles.length ? table([t('tkOrg'), t('tkKind'), t('tkPatents'), t('tkFields'), t('tkSegments'), t('tkProjects')],
        profiles.slice(0, 50).map((p) => [dataText(p.org), label('tkKind_', p.kind),
          p.patents ? tf('tkPatentSpan', { n: p.patents, from: p.first_filed.slice(0, 4), to: p.last_filed.slice(0, 4) }) : '0',
          dataText(p.subclasses.map((s) => `${s.zh || s.code}（${s.patents}）`).join('、') || '—'),
          dataText(p.segments.join('、') || '—'), String(p.projects.length)]), 'task-profiles-table')
        : el('p', { class: 'note' }, t('tkNoProfiles')));
  };

  async function reload(): Promise<void> {
    const turn = ++reloadTurn;
    const [{ tasks }, { candidates }, { profiles, province }] = await Promise.all([
      getJson<{ tasks: Task[] }>('/api/tasks'),
      getJson<{ candidates: Candidate[] }>('/api/task-pool'),
      getJson<{ profiles: Profile[]; province: string }>('/api/tasks/profiles'),
    ]);
    if (turn !== reloadTurn) return;  // a later reload draws instead
    drawList(tasks);
    drawPool(candidates);
    drawProfiles(profiles, province);
    await drawMatches();
  }
  await reload();
}
