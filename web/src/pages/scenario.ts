// 场景创新合伙人: published scenario lists; a scenario's applications, experts, scoring form,
// evaluation (weights, TOPSIS and fuzzy ranking, weight sensitivity chart), lifecycle and report.
// What a visitor sees and may do follows the role: managers publish and decide, enterprises and
// labs apply for their own organisation, assigned experts judge and score.
import { can, currentUser, getJson, sendJson } from '../api';
import { mountChart } from '../charts';
import { el, table } from '../dom';
import { t } from '../i18n';

interface ScenarioList { id: number; title: string; description: string; org: string; status: string; scenarios: number }
interface Scenario {
  id: number; list_id: number; list_title: string; title: string; field: string; owner_org: string; location: string; needs: string;
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

function message(): HTMLElement {
  return el('p', { class: 'banner', 'data-testid': 'scenario-message', style: 'display:none' });
}
async function act(out: HTMLElement, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
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
  root.replaceChildren(el('h1', {}, t('scenarioTitle')), el('p', { class: 'note' }, t('scenarioIntro')), out);
  for (const l of lists) {
    const rows = scenarios.filter((s) => s.list_id === l.id).map((s) => [
      el('a', { href: `#/scenario?s=${s.id}`, 'data-testid': `scenario-link-${s.id}` }, s.title), s.field, s.owner_org, s.location,
      s.budget ? `${s.budget} 万元` : '—', s.deadline || '—', s.stage, String(s.applications)]);
    const publish = el('button', { type: 'button', 'data-testid': `publish-${l.id}` }, t('publish'));
    publish.addEventListener('click', () => act(out, () => sendJson('POST', `/api/scenario-lists/${l.id}/publish`)));
    root.append(el('section', {}, el('h2', {}, `${l.title}`, el('span', { class: 'tag' }, ` ${l.status === 'draft' ? t('draft') : t('published')} · ${l.org}`)),
      ...(l.status === 'draft' && can('scenario.manage') ? [publish] : []),
      table([t('scenario'), t('scenarioField'), t('owner'), t('location'), t('budget'), t('deadline'), t('stage'), t('applications')],
        rows, `scenario-table-${l.id}`)));
  }
  if (can('scenario.manage')) {
    const title = el('input', { id: 'new-list-title' });
    const addList = el('button', { type: 'button', id: 'new-list-add' }, t('addList'));
    addList.addEventListener('click', () => act(out, () => sendJson('POST', '/api/scenario-lists', { title: title.value })));
    const list = el('select', { id: 'new-scenario-list' }, ...lists.map((l) => el('option', { value: String(l.id) }, l.title)));
    const inputs = Object.fromEntries(['title', 'field', 'location', 'needs', 'budget', 'deadline'].map((k) =>
      [k, el('input', { id: `new-scenario-${k}`, ...(k === 'deadline' ? { type: 'date' } : k === 'budget' ? { type: 'number', min: '0' } : {}) })]));
    const addScenario = el('button', { type: 'button', id: 'new-scenario-add' }, t('addScenario'));
    addScenario.addEventListener('click', () => act(out, () => sendJson('POST', '/api/scenarios', {
      list_id: Number(list.value), title: inputs.title.value, field: inputs.field.value, location: inputs.location.value,
      needs: inputs.needs.value, budget: Number(inputs.budget.value || 0), deadline: inputs.deadline.value })));
    root.append(el('section', {}, el('h2', {}, t('manageScenarios')),
      el('div', { class: 'controls' }, field(t('listTitle'), title), addList),
      el('div', { class: 'controls' }, field(t('list'), list), field(t('scenario'), inputs.title), field(t('scenarioField'), inputs.field),
        field(t('location'), inputs.location), field(t('needs'), inputs.needs), field(t('budget'), inputs.budget),
        field(t('deadline'), inputs.deadline), addScenario)));
  }
}

async function renderOne(root: HTMLElement, id: number): Promise<void> {
  const me = currentUser()!;
  const s = await getJson<Scenario>(`/api/scenarios/${id}`);
  const [{ indicators }, { applications }, { experts }] = await Promise.all([
    getJson<{ indicators: Indicator[] }>(`/api/scenarios/${id}/indicators`),
    getJson<{ applications: Application[] }>(`/api/scenarios/${id}/applications`),
    getJson<{ experts: string[] }>(`/api/scenarios/${id}/experts`),
  ]);
  const out = message();
  const manage = can('scenario.manage');
  const isExpert = experts.includes(me.username) && can('scenario.score');
  root.replaceChildren(
    el('p', {}, el('a', { href: '#/scenario' }, `← ${s.list_title}`)),
    el('h1', { 'data-testid': 'scenario-title' }, s.title),
    el('ol', { class: 'stepper', 'data-testid': 'scenario-stage' },
      ...STAGES.map((st) => el('li', { class: st === s.stage ? 'current' : STAGES.indexOf(st) < STAGES.indexOf(s.stage) ? 'done' : '' }, st)),
      ...(s.stage === '终止' ? [el('li', { class: 'current' }, '终止')] : [])),
    el('p', {}, `${s.field} · ${s.owner_org} · ${s.location} · ${s.budget ? `${s.budget} 万元` : ''} · ${t('deadline')} ${s.deadline || '—'}`),
    el('p', { class: 'note' }, s.needs),
    ...(s.decision ? [el('p', { class: 'banner', 'data-testid': 'scenario-decision' }, `${t('decision')}：${s.decision}`)] : []),
    out);

  root.append(el('h2', {}, t('applications')), table([t('applicant'), 'TRL', t('solution'), t('evidence')],
    applications.map((a) => [a.org, String(a.trl), a.solution, a.evidence]), 'application-table'));
  if (can('scenario.apply') && s.stage === '征集' && !applications.some((a) => a.org_id === me.org.id)) {
    const solution = el('textarea', { id: 'apply-solution', rows: '3' });
    const evidence = el('input', { id: 'apply-evidence' });
    const trl = el('select', { id: 'apply-trl' }, ...Array.from({ length: 9 }, (_, i) => el('option', { value: String(i + 1) }, `TRL ${i + 1}`)));
    const submit = el('button', { type: 'button', id: 'apply-submit' }, t('applySubmit'));
    submit.addEventListener('click', () => act(out, () => sendJson('POST', `/api/scenarios/${id}/applications`,
      { solution: solution.value, evidence: evidence.value, trl: Number(trl.value) })));
    root.append(el('div', { class: 'form-grid' }, field(t('solution'), solution), field(t('evidence'), evidence), field(t('trlSelf'), trl)),
      el('div', { class: 'controls' }, submit), el('p', { class: 'note' }, t('trlNote')));
  }

  root.append(el('h2', {}, t('experts')), el('p', { 'data-testid': 'expert-list' }, experts.join('、') || '—'));
  if (manage) {
    const user = el('input', { id: 'expert-username' });
    const add = el('button', { type: 'button', id: 'expert-add' }, t('assignExpert'));
    add.addEventListener('click', () => act(out, () => sendJson('POST', `/api/scenarios/${id}/experts`, { username: user.value })));
    root.append(el('div', { class: 'controls' }, field(t('username'), user), add));
  }

  if (manage) renderMethodAndIndicators(root, s, indicators, out);
  if (isExpert && s.stage === '评估') {
    const mine = await getJson<Review>(`/api/scenarios/${id}/my-review`);
    renderScoring(root, id, indicators, applications, out, mine);
  }
  if (manage) renderLifecycle(root, s, applications, out);
  if (applications.length >= 2 && s.stage !== '征集' && (manage || isExpert || can('audit.read'))) await renderEvaluation(root, id);
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
    section.append(el('h3', {}, title), table(['', ...g.children.map((c) => c.name)], rows, `judge-${g.parent}`));
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
  }));
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
  save.addEventListener('click', () => act(out, () => sendJson('PATCH', `/api/scenarios/${s.id}`, { weighting: weighting.value, ranking: ranking.value })));
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
      }) })));
    section.append(el('h3', {}, t('indicatorTree')), el('p', { class: 'note' }, t('indicatorTreeNote')), editor,
      el('div', { class: 'controls' }, saveTree));
  }
  root.append(section);
}

function renderLifecycle(root: HTMLElement, s: Scenario, applications: Application[], out: HTMLElement): void {
  const section = el('section', { 'data-testid': 'lifecycle' }, el('h2', {}, t('lifecycle')));
  const note = el('input', { id: 'stage-note', placeholder: t('note') });
  const move = (to: string) => {
    const b = el('button', { type: 'button', 'data-advance': to }, `→ ${to}`);
    b.addEventListener('click', () => act(out, () => sendJson('POST', `/api/scenarios/${s.id}/advance`, { to, note: note.value })));
    return b;
  };
  if (s.stage === '征集') section.append(el('div', { class: 'controls' }, note, move('评估'), move('终止')));
  if (s.stage === '评估') {
    const app = el('select', { id: 'decide-application' }, ...applications.map((a) => el('option', { value: String(a.id) }, a.org)));
    const decision = el('input', { id: 'decide-text', placeholder: t('decisionReason') });
    const decide = el('button', { type: 'button', id: 'decide-submit' }, t('decideFirstTrial'));
    decide.addEventListener('click', () => act(out, () => sendJson('POST', `/api/scenarios/${s.id}/decision`,
      { application_id: Number(app.value), decision: decision.value })));
    section.append(el('div', { class: 'controls' }, field(t('applicant'), app), field(t('decision'), decision), decide, move('终止')));
  }
  if (s.stage === '首试首用') section.append(el('div', { class: 'controls' }, note, move('推广'), move('终止')));
  root.append(section);
}

async function renderEvaluation(root: HTMLElement, id: number): Promise<void> {
  let e: Evaluation;
  try {
    e = await getJson<Evaluation>(`/api/scenarios/${id}/evaluation`);
  } catch (err) {
    root.append(el('h2', {}, t('evaluation')), el('p', { class: 'banner', 'data-testid': 'evaluation-pending' }, (err as Error).message));
    return;
  }
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
