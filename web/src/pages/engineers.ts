// 共享工程师平台: SME requests (a firm or lab sees and opens its own; a request may start from a
// chain gap or a chokepoint row, #/engineers?chain=…&segment=…&origin=…), dispatch rounds as one
// optimal assignment under each engineer's monthly capacity, every proposal with why (score
// parts, matched terms, earlier answers, alternates and what choosing them would cost), the
// engineer's answer, hours and outcome, the registry and each engineer's load by month.
import { can, currentUser, getJson, sendJson } from '../api';
import { dataText, el, table } from '../dom';
import { t, tf } from '../i18n';
import { beijingTime } from '../time';

interface EngineerRequest {
  id: number; firm: string; region: string; chain: string; segment: string; origin: string; problem: string;
  skills: string[]; month: string; engineers: number; budget: number; status: string; created_at: string; sample: boolean;
}
interface Engineer {
  id: number; name: string; org: string; region: string; certification: string; skills: string[];
  segments: { chain: string; segment: string }[]; sample: boolean;
}
interface Alternate { engineer: string; score: number; loss: number }
interface Explanation {
  skills: number; segment: number; location: number; matched: string[];
  feedback: { code: string; count: number }[]; alternates: Alternate[];
}
interface Dispatch {
  id: number; round: number; request: number; engineer: string; firm: string; month: string; status: string; reason: string;
  score: number; hours: number; outcome: string; explanation: Explanation;
}
interface Unmet { request: number; firm: string; missing: number; reason: string }
interface Round { id: number; month: string; created_at: string; requests: number; engineers: number; pairs: number; missing: number; total: number; unmet: Unmet[] }
interface Load { engineer_id: number; engineer: string; month: string; capacity: number; proposed: number; accepted: number; done: number; hours: number }

const REASONS = ['no_time', 'skills_mismatch', 'too_far', 'conflict', 'firm_declined'] as const;
const f2 = (x: number) => x.toFixed(2);

// A link from a chain segment (a missing or weak link, or a chokepoint row) to the request form.
export function askEngineers(chain: string, segment: string, origin: 'chain_gap' | 'chokepoint'): HTMLElement {
  const query = new URLSearchParams({ chain, segment, origin });
  return el('a', { href: `#/engineers?${query}`, 'data-testid': 'ask-engineers', 'data-segment': segment }, t('engAsk'));
}

function thisMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

function label(prefix: 'engStatus_' | 'engOrigin_' | 'engReason_' | 'engUnmet_' | 'engFeedback_', code: string): string {
  return t(`${prefix}${code}` as Parameters<typeof t>[0]);
}

function message(host: HTMLElement, text: string, error = false): void {
  host.replaceChildren(el('p', { class: `banner${error ? ' error' : ''}`, 'data-testid': 'engineers-message', role: 'status' }, text));
}

function whyCell(e: Explanation): HTMLElement {
  const parts = el('div', {}, tf('engParts', { skills: f2(e.skills), segment: f2(e.segment), location: f2(e.location) }));
  const matched = el('div', {}, `${t('engMatched')}：`, ...(e.matched.length ? [dataText(e.matched.join('、'))] : [t('engNone')]));
  const feedback = e.feedback.map((f) => el('div', { class: 'note' }, tf(`engFeedback_${f.code}` as 'engFeedback_skills_halved', { n: f.count })));
  return el('div', {}, parts, matched, ...feedback);
}

function alternatesCell(e: Explanation): HTMLElement {
  if (!e.alternates.length) return el('span', {}, t('engNone'));
  return el('div', {}, ...e.alternates.map((a) => el('div', {}, dataText(a.engineer), tf('engAlternate', { score: f2(a.score), loss: f2(a.loss) }))));
}

async function requestForm(statusHost: HTMLElement, reload: () => Promise<void>): Promise<HTMLElement> {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const me = currentUser();
  const ownOnly = !can('engineers.dispatch');
  const field = (id: string, text: string, input: HTMLElement) => el('label', { for: id }, text, input);
  const firm = el('input', { id: 'eng-firm', value: ownOnly ? me?.org.name ?? '' : '' });
  if (ownOnly) firm.setAttribute('readonly', '');
  const problem = el('textarea', { id: 'eng-problem', rows: '2' });
  const skills = el('input', { id: 'eng-skills', placeholder: t('engSkillsHint') });
  const month = el('input', { id: 'eng-month', type: 'month', value: thisMonth() });
  const count = el('input', { id: 'eng-count', type: 'number', min: '1', max: '20', value: '1' });
  const chain = el('input', { id: 'eng-chain', value: params.get('chain') ?? '' });
  const segment = el('input', { id: 'eng-segment', value: params.get('segment') ?? '' });
  const origin = params.get('origin') ?? 'manual';
  const status = el('div');
  const submit = el('button', { type: 'submit', id: 'eng-submit' }, t('engSubmit'));
  const form = el('form', { 'data-testid': 'engineer-request-form', class: 'controls' },
    field('eng-firm', t('engFirm'), firm), field('eng-problem', t('engProblem'), problem), field('eng-skills', t('engSkills'), skills),
    field('eng-month', t('engMonth'), month), field('eng-count', t('engCount'), count), field('eng-chain', t('engChain'), chain),
    field('eng-segment', t('engSegment'), segment), submit, status);
  if (origin !== 'manual')
    form.prepend(el('p', { class: 'note', 'data-testid': 'engineer-request-origin' }, tf('engFromOrigin', { origin: label('engOrigin_', origin) }),
      dataText(`${params.get('chain') ?? ''} · ${params.get('segment') ?? ''}`)));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const body = {
        firm: firm.value, problem: problem.value, month: month.value, engineers: Number(count.value),
        skills: skills.value.split(/[,，、]/).map((s) => s.trim()).filter(Boolean),
        ...(chain.value ? { chain: chain.value } : {}), ...(segment.value ? { segment: segment.value } : {}),
        origin: chain.value && segment.value ? origin : 'manual',
      };
      const r = await sendJson<{ id: number }>('POST', '/api/engineer-requests', body);
      await reload();
      message(statusHost, tf('engOpened', { id: r.id }));
    } catch (e) {
      message(status, (e as Error).message, true);
    }
  });
  return form;
}

export async function renderEngineers(page: HTMLElement): Promise<void> {
  const dispatcher = can('engineers.dispatch');
  const statusHost = el('div', { 'data-testid': 'engineers-status' });
  const requestsHost = el('section', { 'data-testid': 'engineer-requests' });
  const proposalsHost = el('section', { 'data-testid': 'engineer-dispatches' });
  const roundHost = el('section', { 'data-testid': 'engineer-round' });
  const registryHost = el('section', { 'data-testid': 'engineer-registry' });
  const loadHost = el('section', { 'data-testid': 'engineer-load' });
  page.replaceChildren(el('h1', {}, t('engTitle')), el('p', { class: 'note' }, t('engIntro')), statusHost, requestsHost,
    ...(dispatcher ? [roundHost] : []), proposalsHost, ...(dispatcher ? [registryHost, loadHost] : []));

  const reload = async (): Promise<void> => {
    const [requests, dispatches] = await Promise.all([
      getJson<{ requests: EngineerRequest[] }>('/api/engineer-requests'),
      getJson<{ dispatches: Dispatch[] }>('/api/engineer-dispatches'),
    ]);
    drawRequests(requests.requests);
    drawDispatches(dispatches.dispatches);
    if (dispatcher) await Promise.all([drawRound(), drawRegistry(), drawLoad()]);
  };

  const drawRequests = (list: EngineerRequest[]) => {
    const rows = list.map((r) => [String(r.id), dataText(r.firm), dataText(r.segment || '—'), label('engOrigin_', r.origin),
      dataText(r.problem), dataText(r.skills.join('、') || '—'), r.month, String(r.engineers), label('engStatus_', r.status)]);
    requestsHost.replaceChildren(el('h2', {}, t('engRequests')),
      ...(list.some((r) => r.sample) ? [el('p', { class: 'banner sample' }, t('engSample'))] : []),
      list.length ? table([t('engId'), t('engFirm'), t('engSegment'), t('engOrigin'), t('engProblem'), t('engSkills'), t('engMonth'),
        t('engCount'), t('engStatus')], rows, 'engineer-requests-table') : el('p', { class: 'note' }, t('engNoRequests')));
    void requestForm(statusHost, reload).then((form) => requestsHost.append(el('h3', {}, t('engNewRequest')), form));
  };

  const answerControls = (d: Dispatch): HTMLElement => {
    const box = el('div', { class: 'controls' });
    if (!dispatcher) return box;
    const act = async (path: string, body: unknown) => {
      try {
        await sendJson('POST', `/api/engineer-dispatches/${d.id}/${path}`, body);
        await reload();
        message(statusHost, t('engSaved'));
      } catch (e) {
        message(statusHost, (e as Error).message, true);
      }
    };
    if (d.status === 'proposed') {
      const accept = el('button', { type: 'button', 'data-testid': `accept-${d.id}` }, t('engAccept'));
      accept.addEventListener('click', () => void act('answer', { answer: 'accept' }));
      const reason = el('select', { 'aria-label': t('engReason') }, ...REASONS.map((r) => el('option', { value: r }, label('engReason_', r))));
      const decline = el('button', { type: 'button', 'data-testid': `decline-${d.id}` }, t('engDecline'));
      decline.addEventListener('click', () => void act('answer', { answer: 'decline', reason: reason.value }));
      box.append(accept, reason, decline);
    } else if (d.status === 'accepted') {
      const hours = el('input', { type: 'number', min: '0.5', step: '0.5', value: '8', 'aria-label': t('engHours') });
      const outcome = el('input', { placeholder: t('engOutcome'), 'aria-label': t('engOutcome') });
      const report = el('button', { type: 'button', 'data-testid': `report-${d.id}` }, t('engReport'));
      report.addEventListener('click', () => void act('report', { hours: Number(hours.value), outcome: outcome.value }));
      box.append(hours, outcome, report);
    }
    return box;
  };

  const drawDispatches = (list: Dispatch[]) => {
    const rows = list.map((d) => [dataText(d.firm), dataText(d.engineer), f2(d.score), whyCell(d.explanation),
      alternatesCell(d.explanation), el('span', {}, label('engStatus_', d.status), ...(d.reason ? [`（${label('engReason_', d.reason)}）`] : []),
        ...(d.status === 'done' ? [tf('engDone', { h: d.hours }), dataText(d.outcome)] : [])),
      answerControls(d)]);
    proposalsHost.replaceChildren(el('h2', {}, t('engProposals')), el('p', { class: 'note' }, t('engScoreRule')),
      list.length ? table([t('engFirm'), t('engEngineer'), t('engScore'), t('engWhy'), t('engAlternates'), t('engStatus'), t('engAction')],
        rows, 'engineer-dispatches-table') : el('p', { class: 'note' }, t('engNoProposals')));
  };

  const drawRound = async () => {
    const { rounds } = await getJson<{ rounds: Round[] }>('/api/engineer-rounds');
    const month = el('input', { id: 'round-month', type: 'month', value: thisMonth() });
    const fair = el('input', { id: 'round-fair', type: 'checkbox' });
    const run = el('button', { type: 'button', id: 'round-run' }, t('engRun'));
    run.addEventListener('click', async () => {
      run.disabled = true;  // one round per click: a double click would run two
      try {
        await sendJson('POST', '/api/engineer-rounds', { month: month.value, fair: fair.checked });
        await reload();
        message(statusHost, t('engRoundDone'));
      } catch (e) {
        message(statusHost, (e as Error).message, true);
      } finally {
        run.disabled = false;
      }
    });
    const last = rounds[0];
    roundHost.replaceChildren(el('h2', {}, t('engRound')), el('p', { class: 'note' }, t('engRoundRule')),
      el('div', { class: 'controls' }, el('label', { for: 'round-month' }, t('engMonth'), month),
        el('label', { for: 'round-fair' }, fair, t('engFair')), run),
      ...(last ? [el('p', { 'data-testid': 'engineer-round-summary' }, tf('engRoundSummary', {
        id: last.id, month: last.month, at: beijingTime(last.created_at), requests: last.requests, engineers: last.engineers,
        pairs: last.pairs, missing: last.missing })),
      ...(last.unmet.length ? [table([t('engFirm'), t('engMissing'), t('engUnmetWhy')],
        last.unmet.map((u) => [dataText(u.firm), String(u.missing), label('engUnmet_', u.reason)]), 'engineer-unmet-table')] : [])] : []));
  };

  const drawRegistry = async () => {
    const { engineers } = await getJson<{ engineers: Engineer[] }>('/api/engineers');
    registryHost.replaceChildren(el('h2', {}, tf('engRegistry', { n: engineers.length })),
      table([t('engName'), t('engOrg'), t('engRegion'), t('engSkills'), t('engSegment'), t('engCert')],
        engineers.map((e) => [dataText(e.name), dataText(e.org), dataText(e.region || '—'), dataText(e.skills.join('、')),
          dataText(e.segments.map((s) => s.segment).join('、') || '—'), dataText(e.certification || '—')]), 'engineer-registry-table'));
  };

  const drawLoad = async () => {
    const from = thisMonth();
    const [y, m] = from.split('-').map(Number);
    const to = `${y + (m + 2 > 12 ? 1 : 0)}-${String(((m + 1) % 12) + 1).padStart(2, '0')}`;
    const { load } = await getJson<{ load: Load[] }>(`/api/engineers/load?from=${from}&to=${to}`);
    const months = [...new Set(load.map((c) => c.month))].sort();
    // By id: two engineers of different organisations may share a name.
    const ids = [...new Set(load.map((c) => c.engineer_id))];
    const nameOf = (id: number) => load.find((c) => c.engineer_id === id)?.engineer ?? '';
    const cell = (id: number, month: string) => {
      const c = load.find((x) => x.engineer_id === id && x.month === month);
      if (!c) return '—';
      const busy = c.proposed + c.accepted + c.done;
      return el('span', { class: busy >= c.capacity && c.capacity > 0 ? 'tag' : '' },
        tf('engLoadCell', { busy, capacity: c.capacity, hours: c.hours }));
    };
    loadHost.replaceChildren(el('h2', {}, t('engLoad')), el('p', { class: 'note' }, t('engLoadRule')),
      table([t('engName'), ...months], ids.map((id) => [dataText(nameOf(id)), ...months.map((mo) => cell(id, mo))]), 'engineer-load-table'));
  };

  await reload();
}
