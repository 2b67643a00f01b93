// 场景创新合伙人: published scenario lists; a scenario's applications, experts, scoring form,
// evaluation (weights, TOPSIS and fuzzy ranking, weight sensitivity chart), lifecycle and report.
// What a visitor sees and may do follows the role: managers publish and decide, enterprises and
// labs apply for their own organisation, assigned experts judge and score.
import { can, currentUser, getJson, sendJson } from '../api';
import { mountChart } from '../charts';
import { dataText, el, table } from '../dom';
import { t, tf } from '../i18n';
import { scenarioTechnologies } from './transfer';

interface ScenarioList { id: number; title: string; description: string; org: string; status: string; scenarios: number }
interface Scenario {
  id: number; list_id: number; list_title: string; list_status: string; title: string; field: string; owner_org: string; location: string; needs: string;
  budget: number; deadline: string; stage: string; weighting: string; ranking: string; decision: string; decided_application: number;
  applications: number;
}
interface Indicator { id: number; parent_id: number; name: string }
interface Application { id: number; org: string; org_id: number; solution: string; evidence: string; trl: number; submitted_at: string }
interface Evaluation {
  leaves: string[]; ahp_weights: number[]; entropy_weights: number[]; weights: number[]; grades: string[];
  groups: { parent: string; children: string[]; local_weights: number[]; cr: number; consistent: boolean; matrix: number[] }[];
  applications: { id: number; org: string; trl: number; scores: number[]; closeness: number; topsis_rank: number; fce_score: number;
    fce_grade: string; fce_rank: number; rank: number }[];
  reversals: { indicator: string; weight: number; current_weight: number; ahead_below: string; ahead_above: string; changes_top: boolean }[];
  curves: { indicator: string; weights: number[]; scores: number[][] }[];
}

interface Review {
  judgements: { parent_id: number; matrix: number[] }[];
  scores: { application_id: number; indicator_id: number; score: number }[];
}

const STAGES = ['征集', '评估', '首试首用', '推广'];
const SCALE = ['1/9', '1/7', '1/5', '1/3', '1', '3', '5', '7', '9'];
const f4 = (x: number) => x.toFixed(4);

// What the last action did, shown once on the redrawn page: every write redraws the page, so a
// message kept only in the old page would vanish before anyone read it.
let doneNotice = '';

function message(): HTMLElement {
  return el('p', { class: 'banner', 'data-testid': 'scenario-message', style: 'display:none' });
}
function notice(): HTMLElement {
  const box = el('p', { class: 'banner success', 'data-testid': 'scenario-notice', role: 'status' }, doneNotice);
  if (!doneNotice) box.style.display = 'none';
  doneNotice = '';
  return box;
}
// Runs a write; on success redraws the page with `done` as the confirmation, on failure shows
// the server's reason in `out`.
async function act(out: HTMLElement, action: () => Promise<unknown>, done: string): Promise<void> {
  out.style.display = 'none'; // an earlier refusal no longer applies to this try
  try {
    await action();
    doneNotice = done;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } catch (e) {
    out.className = 'banner error';
    out.textContent = (e as Error).message;
    out.style.display = '';
  }
}
function field(label: string, input: HTMLElement): HTMLElement {
  return el('label', {}, label, input);
}

export async function renderScenario(root: HTMLElement): Promise<void> {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const id = Number(params.get('s') ?? 0);
  if (id) return renderOne(root, id);
  const { lists } = await getJson<{ lists: ScenarioList[] }>('/api/scenario-lists');
  const { scenarios } = await getJson<{ scenarios: Scenario[] }>('/api/scenarios');
  const out = message();
  root.replaceChildren(el('h1', {}, t('scenarioTitle')), el('p', { class: 'note' }, t('scenarioIntro')), notice(), out);
  for (const l of lists) {
    const rows = scenarios.filter((s) => s.list_id === l.id).map((s) => [
      el('a', { href: `#/scenario?s=${s.id}`, 'data-testid': `scenario-link-${s.id}` }, s.title), s.field, s.owner_org, s.location,
      s.budget ? `${s.budget} 万元` : '—', s.deadline || '—', s.stage, String(s.applications)]);
    const publish = el('button', { type: 'button', 'data-testid': `publish-${l.id}` }, t('publish'));
    publish.addEventListener('click', () => act(out, () => sendJson('POST', `/api/scenario-lists/${l.id}/publish`), t('done_publish')));
    root.append(el('section', {}, el('h2', {}, `${l.title}`, el('span', { class: 'tag' }, ` ${l.status === 'draft' ? t('draft') : t('published')} · ${l.org}`)),
      ...(l.status === 'draft' && can('scenario.manage') ? [publish] : []),
      table([t('scenario'), t('scenarioField'), t('owner'), t('location'), t('budget'), t('deadline'), t('stage'), t('applications')],
        rows, `scenario-table-${l.id}`)));
  }
  if (can('scenario.manage')) {
    const title = el('input', { id: 'new-list-title' });
    const addList = el('button', { type: 'button', id: 'new-list-add' }, t('addList'));
    addList.addEventListener('click', () => act(out, () => sendJson('POST', '/api/scenario-lists', { title: title.value }), t('done_list')));
    const list = el('select', { id: 'new-scenario-list' }, ...lists.map((l) => el('option', { value: String(l.id) }, l.title)));
    const inputs = Object.fromEntries(['title', 'field', 'location', 'needs', 'budget', 'deadline'].map((k) =>
      [k, el('input', { id: `new-scenario-${k}`, ...(k === 'deadline' ? { type: 'date' } : k === 'budget' ? { type: 'number', min: '0' } : {}) })]));
    const addScenario = el('button', { type: 'button', id: 'new-scenario-add' }, t('addScenario'));
    addScenario.addEventListener('click', () => act(out, () => sendJson('POST', '/api/scenarios', {
      list_id: Number(list.value), title: inputs.title.value, field: inputs.field.value, location: inputs.location.value,
      needs: inputs.needs.value, budget: Number(inputs.budget.value || 0), deadline: inputs.deadline.value }), t('done_scenario')));
    root.append(el('section', {}, el('h2', {}, t('manageScenarios')),
      el('div', { class: 'controls' }, field(t('listTitle'), title), addList),
      el('div', { class: 'controls' }, field(t('list'), list), field(t('scenario'), inputs.title), field(t('scenarioField'), inputs.field),
        field(t('location'), inputs.location), field(t('needs'), inputs.needs), field(t('budget'), inputs.budget),
        field(t('deadline'), inputs.deadline), addScenario)));
  }
}

// An expert as people know them: GET /api/scenarios/{id}/experts gives every role that sees the
// scenario each expert's username and display name.
type Expert = { username: string; display_name?: string };
const expertName = (x: Expert) => x.display_name || x.username;

async function renderOne(root: HTMLElement, id: number): Promise<void> {
  const me = currentUser()!;
  const s = await getJson<Scenario>(`/api/scenarios/${id}`);
  const [{ indicators }, { applications }, { experts }] = await Promise.all([
    getJson<{ indicators: Indicator[] }>(`/api/scenarios/${id}/indicators`),
    getJson<{ applications: Application[] }>(`/api/scenarios/${id}/applications`),
    getJson<{ experts: Expert[] }>(`/api/scenarios/${id}/experts`),
  ]);
  const out = message();
  const manage = can('scenario.manage');
  const isExpert = experts.some((x) => x.username === me.username) && can('scenario.score');
  // The evaluation comes first: the decision form defaults to its top-ranked application.
  const evaluation = applications.length >= 2 && s.stage !== '征集' && (manage || isExpert || can('audit.read'))
    ? await getJson<Evaluation>(`/api/scenarios/${id}/evaluation`).catch((err: Error) => err) : null;
  const chosen = applications.find((a) => a.id === s.decided_application);
  const decisionText = chosen ? tf('decisionBanner', { org: chosen.org, decision: s.decision }) : `${t('decision')}：${s.decision}`;
  root.replaceChildren(
    el('p', {}, el('a', { href: '#/scenario' }, `← ${s.list_title}`)),
    el('h1', { 'data-testid': 'scenario-title' }, s.title),
    el('ol', { class: 'stepper', 'data-testid': 'scenario-stage' },
      ...STAGES.map((st) => el('li', { class: st === s.stage ? 'current' : STAGES.indexOf(st) < STAGES.indexOf(s.stage) ? 'done' : '' }, st)),
      ...(s.stage === '终止' ? [el('li', { class: 'current' }, '终止')] : [])),
    el('p', {}, `${s.field} · ${s.owner_org} · ${s.location} · ${s.budget ? `${s.budget} 万元` : ''} · ${t('deadline')} ${s.deadline || '—'}`),
    el('p', { class: 'note' }, s.needs),
    ...(s.decision ? [el('p', { class: 'banner', 'data-testid': 'scenario-decision' }, decisionText)] : []),
    notice(), out);

  // Overseas technologies that answer this scenario, once its list is published (国际技术转移).
  if (s.list_status === 'published' && can('transfer.request')) root.append(await scenarioTechnologies(id));
  root.append(el('h2', {}, t('applications')), table([t('applicant'), 'TRL', t('solution'), t('evidence')],
    applications.map((a) => [a.org, String(a.trl), a.solution, a.evidence]), 'application-table'));
  if (can('scenario.apply') && s.stage === '征集' && !applications.some((a) => a.org_id === me.org.id)) {
    const solution = el('textarea', { id: 'apply-solution', rows: '3' });
    const evidence = el('input', { id: 'apply-evidence' });
    const trl = el('select', { id: 'apply-trl' }, ...Array.from({ length: 9 }, (_, i) => el('option', { value: String(i + 1) }, `TRL ${i + 1}`)));
    const submit = el('button', { type: 'button', id: 'apply-submit' }, t('applySubmit'));
    submit.addEventListener('click', () => act(out, () => sendJson('POST', `/api/scenarios/${id}/applications`,
      { solution: solution.value, evidence: evidence.value, trl: Number(trl.value) }), t('done_apply')));
    root.append(el('div', { class: 'form-grid' }, field(t('solution'), solution), field(t('evidence'), evidence), field(t('trlSelf'), trl)),
      el('div', { class: 'controls' }, submit), el('p', { class: 'note' }, t('trlNote')));
  }

  const names = experts.map(expertName);
  root.append(el('h2', {}, t('experts')), el('p', { 'data-testid': 'expert-list' },
    ...(names.length ? names.flatMap((n, i) => (i ? ['、', dataText(n)] : [dataText(n)])) : ['—'])));
  if (manage) {
    const user = el('input', { id: 'expert-username' });
    const add = el('button', { type: 'button', id: 'expert-add' }, t('assignExpert'));
    add.addEventListener('click', () => act(out, () => sendJson('POST', `/api/scenarios/${id}/experts`, { username: user.value }),
      tf('done_expert', { name: user.value })));
    root.append(el('div', { class: 'controls' }, field(t('username'), user), add));
  }

  if (manage) renderMethodAndIndicators(root, s, indicators, out);
  if (isExpert && s.stage === '评估') {
    const mine = await getJson<Review>(`/api/scenarios/${id}/my-review`);
    renderScoring(root, id, indicators, applications, out, mine);
  }
  const ranked = evaluation && !(evaluation instanceof Error) ? evaluation : null;
  if (manage) renderLifecycle(root, s, applications, ranked, out);
  if (evaluation instanceof Error) {
    root.append(el('h2', {}, t('evaluation')), el('p', { class: 'banner', 'data-testid': 'evaluation-pending' }, evaluation.message));
  } else if (evaluation) renderEvaluation(root, id, evaluation);
}

// An expert's form: pairwise judgements per parent (upper triangle on Saaty's 1–9 scale) and a
// score 0–100 per application and leaf indicator, showing what the expert entered before.
function renderScoring(root: HTMLElement, id: number, indicators: Indicator[], applications: Application[], out: HTMLElement,
  mine: Review): void {
  const label = (v: number) => (v >= 1 ? String(Math.round(v)) : `1/${Math.round(1 / v)}`);
  const groups = [0, ...indicators.filter((i) => i.parent_id === 0).map((i) => i.id)]
    .map((p) => ({ parent: p, children: indicators.filter((i) => i.parent_id === p) })).filter((g) => g.children.length >= 2);
  const leaves = indicators.filter((i) => !indicators.some((c) => c.parent_id === i.id));
  const section = el('section', { 'data-testid': 'scoring' }, el('h2', {}, t('expertScoring')), el('p', { class: 'note' }, t('judgeNote')));
  const selects: Map<number, HTMLSelectElement[][]> = new Map();
  for (const g of groups) {
    const grid: HTMLSelectElement[][] = [];
    const rows = g.children.map((a, i) => {
      grid.push([]);
      return [a.name, ...g.children.map((_, j) => {
        if (j <= i) return j === i ? '1' : '';
        const sel = el('select', { 'data-judge': `${g.parent}-${i}-${j}` }, ...SCALE.map((v) => el('option', { value: v }, v)));
        const before = mine.judgements.find((x) => x.parent_id === g.parent && x.matrix.length === g.children.length ** 2);
        const given = before ? label(before.matrix[i * g.children.length + j]) : '1';
        sel.value = SCALE.includes(given) ? given : '1';
        grid[i][j] = sel;
        return sel;
      })];
    });
    selects.set(g.parent, grid);
    const title = g.parent === 0 ? t('topLevel') : indicators.find((i) => i.id === g.parent)!.name;
    section.append(el('h3', {}, title), table([t('judgeCorner'), ...g.children.map((c) => c.name)], rows, `judge-${g.parent}`));
  }
  const scoreInputs = applications.map((a) => leaves.map((l) => el('input', { type: 'number', min: '0', max: '100',
    value: String(mine.scores.find((x) => x.application_id === a.id && x.indicator_id === l.id)?.score ?? 75),
    'data-score': `${a.id}-${l.id}`, class: 'score-input' })));
  section.append(el('h3', {}, t('scores')), table([t('applicant'), ...leaves.map((l) => l.name)],
    applications.map((a, i) => [a.org, ...scoreInputs[i]]), 'score-table'));
  const submit = el('button', { type: 'button', id: 'scoring-submit' }, t('submitScores'));
  const value = (v: string) => (v.includes('/') ? 1 / Number(v.split('/')[1]) : Number(v));
  submit.addEventListener('click', () => act(out, async () => {
    for (const g of groups) {
      const n = g.children.length;
      const grid = selects.get(g.parent)!;
      const m: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
        m[i][j] = value(grid[i][j].value);
        m[j][i] = 1 / m[i][j];
      }
      await sendJson('POST', `/api/scenarios/${id}/judgements`, { parent_id: g.parent, matrix: m });
    }
    for (const [i, a] of applications.entries()) {
      const scores: Record<string, number> = {};
      leaves.forEach((l, j) => { scores[String(l.id)] = Number(scoreInputs[i][j].value); });
      await sendJson('POST', `/api/scenarios/${id}/scores`, { application_id: a.id, scores });
    }
  }, t('done_scores')));
  section.append(el('div', { class: 'controls' }, submit));
  root.append(section);
}

// Managers choose the weighting and ranking methods, and edit the indicator tree while 征集
// lasts: one line per top-level indicator, "名称：子指标、子指标".
function renderMethodAndIndicators(root: HTMLElement, s: Scenario, indicators: Indicator[], out: HTMLElement): void {
  const weighting = el('select', { id: 'scenario-weighting' },
    ...[['combined', t('wCombined')], ['ahp', 'AHP'], ['entropy', t('entropy')]].map(([v, l]) => el('option', { value: v }, l)));
  weighting.value = s.weighting;
  const ranking = el('select', { id: 'scenario-ranking' },
    ...[['topsis', 'TOPSIS'], ['fce', t('fceScore')]].map(([v, l]) => el('option', { value: v }, l)));
  ranking.value = s.ranking;
  const save = el('button', { type: 'button', id: 'scenario-method-save' }, t('save'));
  save.addEventListener('click', () => act(out, () => sendJson('PATCH', `/api/scenarios/${s.id}`, { weighting: weighting.value, ranking: ranking.value }),
    t('done_method')));
  const section = el('section', { 'data-testid': 'scenario-method' }, el('h2', {}, t('method')),
    el('div', { class: 'controls' }, field(t('weightingMethod'), weighting), field(t('rankingMethod'), ranking), save));
  if (s.stage === '征集') {
    const lines = indicators.filter((i) => i.parent_id === 0).map((top) =>
      `${top.name}：${indicators.filter((c) => c.parent_id === top.id).map((c) => c.name).join('、')}`);
    const editor = el('textarea', { id: 'indicator-editor', rows: String(lines.length + 1), style: 'width:100%' });
    editor.value = lines.join('\n');
    const saveTree = el('button', { type: 'button', id: 'indicator-save' }, t('saveIndicators'));
    saveTree.addEventListener('click', () => act(out, () => sendJson('POST', `/api/scenarios/${s.id}/indicators`, {
      tree: editor.value.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
        const [name, rest = ''] = l.split(/[：:]/);
        return { name: name.trim(), children: rest.split(/[、,，]/).map((c) => c.trim()).filter(Boolean) };
      }) }), t('done_indicators')));
    section.append(el('h3', {}, t('indicatorTree')), el('p', { class: 'note' }, t('indicatorTreeNote')), editor,
      el('div', { class: 'controls' }, saveTree));
  }
  root.append(section);
}

// Managers move the scenario along and decide its first trial. The decision defaults to the
// top-ranked application; choosing another one is allowed but needs a written reason, and
// terminating asks first (it cannot be undone).
function renderLifecycle(root: HTMLElement, s: Scenario, applications: Application[], evaluation: Evaluation | null,
  out: HTMLElement): void {
  const section = el('section', { 'data-testid': 'lifecycle' }, el('h2', {}, t('lifecycle')));
  const note = el('input', { id: 'stage-note', placeholder: t('note') });
  const move = (to: string) => {
    const b = el('button', { type: 'button', 'data-advance': to }, `→ ${to}`);
    b.addEventListener('click', () => act(out, () => sendJson('POST', `/api/scenarios/${s.id}/advance`, { to, note: note.value }),
      tf('done_advance', { stage: to })));
    return b;
  };
  const terminate = () => {
    const b = el('button', { type: 'button', 'data-advance': '终止' }, `→ ${t('terminate')}`);
    const yes = el('button', { type: 'button', id: 'terminate-confirm' }, t('confirmYes'));
    const no = el('button', { type: 'button', id: 'terminate-cancel' }, t('cancel'));
    const ask = el('div', { class: 'banner warning confirm-box', 'data-testid': 'terminate-confirmation', role: 'alertdialog' },
      tf('confirmTerminate', { title: s.title }), yes, no);
    ask.style.display = 'none';
    b.addEventListener('click', () => { ask.style.display = ''; yes.focus(); });
    no.addEventListener('click', () => { ask.style.display = 'none'; });
    yes.addEventListener('click', () => act(out, () => sendJson('POST', `/api/scenarios/${s.id}/advance`, { to: '终止', note: note.value }),
      t('done_terminate')));
    return [b, ask];
  };
  if (s.stage === '征集') {
    const [b, ask] = terminate();
    section.append(el('div', { class: 'controls' }, note, move('评估'), b), ask);
  }
  if (s.stage === '评估') {
    const rank = new Map((evaluation?.applications ?? []).map((a) => [a.id, a.rank]));
    const ordered = [...applications].sort((x, y) => (rank.get(x.id) ?? Infinity) - (rank.get(y.id) ?? Infinity));
    const top = ordered.find((a) => rank.get(a.id) === 1);
    const app = el('select', { id: 'decide-application' }, ...ordered.map((a) =>
      el('option', { value: String(a.id) }, rank.has(a.id) ? `${a.org}（${tf('rankOf', { rank: rank.get(a.id)! })}）` : a.org)));
    if (top) app.value = String(top.id);
    const decision = el('input', { id: 'decide-text', placeholder: t('decisionReason') });
    const warning = el('p', { class: 'banner warning', 'data-testid': 'decide-warning', role: 'alert' });
    const againstRanking = () => !!top && Number(app.value) !== top.id;
    const showWarning = () => {
      const picked = applications.find((a) => a.id === Number(app.value));
      warning.textContent = againstRanking() && picked
        ? tf('againstRanking', { org: picked.org, rank: rank.get(picked.id) ?? '—', top: top!.org }) : '';
      warning.style.display = warning.textContent ? '' : 'none';
    };
    app.addEventListener('change', showWarning);
    showWarning();
    const decide = el('button', { type: 'button', id: 'decide-submit' }, t('decideFirstTrial'));
    decide.addEventListener('click', () => {
      if (!decision.value.trim()) {
        out.className = 'banner error';
        out.textContent = againstRanking() ? t('reasonRequired') : t('decisionRequired');
        out.style.display = '';
        decision.focus();
        return;
      }
      const picked = applications.find((a) => a.id === Number(app.value));
      void act(out, () => sendJson('POST', `/api/scenarios/${s.id}/decision`, { application_id: Number(app.value), decision: decision.value }),
        tf('done_decide', { org: picked?.org ?? '' }));
    });
    const [b, ask] = terminate();
    section.append(el('div', { class: 'controls' }, field(t('applicant'), app), field(t('decision'), decision), decide, b), warning, ask);
  }
  if (s.stage === '首试首用') {
    const [b, ask] = terminate();
    section.append(el('div', { class: 'controls' }, note, move('推广'), b), ask);
  }
  root.append(section);
}

function renderEvaluation(root: HTMLElement, id: number, e: Evaluation): void {
  const section = el('section', { 'data-testid': 'evaluation' }, el('h2', {}, t('evaluation')),
    el('p', {}, el('a', { class: 'button-link', href: `/api/scenarios/${id}/report.xlsx`, 'data-testid': 'report-xlsx' }, t('reportXlsx')), ' ',
      el('a', { class: 'button-link', href: '#', id: 'report-print' }, t('reportPrint'))));
  section.append(el('h3', {}, t('ranking')), table(['#', t('applicant'), 'TRL', t('closeness'), t('fceScore'), t('grade')],
    [...e.applications].sort((a, b) => a.rank - b.rank).map((a) => [String(a.rank), a.org, String(a.trl), f4(a.closeness),
      a.fce_score.toFixed(2), a.fce_grade]), 'ranking-table'));
  section.append(el('h3', {}, t('weights')), table([t('indicator'), 'AHP', t('entropy'), t('finalWeight')],
    e.leaves.map((l, j) => [l, f4(e.ahp_weights[j]), f4(e.entropy_weights[j]), f4(e.weights[j])]), 'weight-table'));
  section.append(el('h3', {}, t('consistency')), table([t('indicator'), t('localWeights'), 'CR', t('verdict')],
    e.groups.map((g) => [g.parent || t('topLevel'), g.children.map((c, i) => `${c} ${f4(g.local_weights[i])}`).join('；'),
      g.matrix.length ? g.cr.toFixed(4) : '—', !g.matrix.length ? t('noJudgements') : g.consistent ? t('consistentYes') : t('consistentNo')]),
    'consistency-table'));
  // Sensitivity: closeness of each application as one indicator's weight moves across [0, 1].
  const pick = el('select', { id: 'sensitivity-indicator' }, ...e.curves.map((c, i) => el('option', { value: String(i) }, c.indicator)));
  const box = el('div', { class: 'chart', id: 'chart-sensitivity', style: 'height:320px' });
  const draw = () => {
    const c = e.curves[Number(pick.value)];
    mountChart('sensitivity', box, {
      tooltip: { trigger: 'axis' }, legend: { top: 0 },
      xAxis: { type: 'value', min: 0, max: 1, name: t('weightOf') },
      yAxis: { type: 'value', name: t('scoreAxis') },
      series: e.applications.map((a, k) => ({ type: 'line', name: a.org, showSymbol: false,
        data: c.weights.map((w, i) => [w, c.scores[i][k]]) })),
    });
  };
  pick.addEventListener('change', draw);
  section.append(el('h3', {}, t('sensitivity')), el('div', { class: 'controls' }, field(t('indicator'), pick)), box,
    table([t('indicator'), t('currentWeight'), t('reversalAt'), t('overtakes')],
      e.reversals.map((r) => [r.indicator, f4(r.current_weight), f4(r.weight), `${r.ahead_above} ↑ ${r.ahead_below}${r.changes_top ? ` (${t('firstPlace')})` : ''}`]),
      'reversal-table'));
  root.append(section);
  draw();
  document.getElementById('report-print')?.addEventListener('click', (ev) => { ev.preventDefault(); window.print(); });
}
