// Editing an indicator system (指标体系编辑) for analysts: start from a template or a saved system,
// change dimensions, indicators, units, directions and formulas over the imported series (picked
// from the series list with their years and provinces), and save under an id of one's own. The
// server checks a system by computing its index before it keeps it, so an error here names the
// field and the character in Chinese.
import { getJson, sendJson } from '../api';
import { el, table } from '../dom';
import { t, tf } from '../i18n';

export interface SystemIndicator {
  id: string; name: string; unit: string; direction: string; series?: string; numerator?: string; denominator?: string;
  scale?: number; formula?: string; note?: string;
}
export interface SystemJson {
  id: string; name: string; after: string; note: string; template?: boolean; saved_by?: string; saved_at?: string;
  dimensions: { name: string; indicators: SystemIndicator[] }[];
}
interface SeriesInfo { code: string; label: string; unit: string; source: string; first: number; last: number; provinces: number }

// The one formula an indicator reads: its own, its series, or its ratio written out.
export function formulaOf(i: SystemIndicator): string {
  if (i.formula) return i.formula;
  if (i.series) return `{${i.series}}`;
  return `{${i.numerator}} / {${i.denominator}}${i.scale && i.scale !== 1 ? ` * ${i.scale}` : ''}`;
}

interface Row { id: string; note?: string; dimension: HTMLInputElement; name: HTMLInputElement; unit: HTMLInputElement; direction: HTMLSelectElement; formula: HTMLInputElement; tr: HTMLElement }

// Opening the editor twice quickly: only the last opening draws.
let openings = 0;

export async function renderSystemEditor(host: HTMLElement, base: SystemJson, onSaved: (id: string) => Promise<void>,
  onDeleted: () => Promise<void>): Promise<void> {
  const mine = ++openings;
  const catalogue = await getJson<{ available: boolean; series: SeriesInfo[] }>('/api/nqpf/series');
  if (mine !== openings) return;
  const own = !base.template;
  const id = el('input', { id: 'nqpf-edit-id', value: own ? base.id : `${base.id}-mine`, pattern: '[a-z0-9-]{1,40}', required: 'true' });
  const name = el('input', { id: 'nqpf-edit-name', value: own ? base.name : `${base.name}（${t('nqpfEditCopy')}）` });
  const after = el('input', { id: 'nqpf-edit-after', value: base.after });
  const note = el('input', { id: 'nqpf-edit-note', value: base.note });
  const body = el('tbody');
  const rows: Row[] = [];
  let lastFormula: HTMLInputElement | null = null;
  // A new indicator's id: the first x1, x2 … no row holds (a saved system may hold some).
  const freshId = () => {
    let n = 1;
    while (rows.some((r) => r.id === `x${n}`)) ++n;
    return `x${n}`;
  };
  const addRow = (dimension: string, i: SystemIndicator | null) => {
    const row: Row = {
      id: i?.id ?? freshId(),
      note: i?.note,
      dimension: el('input', { value: dimension, 'aria-label': t('nqpfDimension') }),
      name: el('input', { value: i?.name ?? '', 'aria-label': t('nqpfIndicator') }),
      unit: el('input', { value: i?.unit ?? '', size: '8', 'aria-label': t('nqpfUnit') }),
      direction: el('select', { 'aria-label': t('nqpfDirection') },
        el('option', { value: '+' }, t('nqpfBenefit')), el('option', { value: '-' }, t('nqpfCost'))),
      formula: el('input', { value: i ? formulaOf(i) : '', size: '48', class: 'formula', 'aria-label': t('nqpfFormula') }),
      tr: el('tr'),
    };
    row.direction.value = i?.direction ?? '+';
    row.formula.addEventListener('focus', () => { lastFormula = row.formula; });
    const remove = el('button', { type: 'button', class: 'secondary', 'aria-label': t('nqpfEditRemove') }, '×');
    remove.addEventListener('click', () => { rows.splice(rows.indexOf(row), 1); row.tr.remove(); });
    row.tr.append(...[row.dimension, row.name, row.unit, row.direction, row.formula, remove].map((c) => el('td', {}, c)));
    rows.push(row);
    body.append(row.tr);
    return row;
  };
  for (const d of base.dimensions) for (const i of d.indicators) addRow(d.name, i);

  // The series an indicator may read, with their years and provinces, inserted where the
  // cursor last was.
  const picker = el('select', { id: 'nqpf-edit-series', 'aria-label': t('nqpfSeries') },
    ...catalogue.series.map((s) => el('option', { value: s.code },
      `${s.source} · ${s.label}（${s.unit}，${s.first}–${s.last}，${tf('nqpfEditProvinces', { n: s.provinces })}）`)));
  const insert = el('button', { type: 'button', class: 'secondary', id: 'nqpf-edit-insert' }, t('nqpfEditInsert'));
  insert.addEventListener('click', () => {
    const target = lastFormula ?? rows[rows.length - 1]?.formula;
    if (!target) return;
    const at = target.selectionStart ?? target.value.length;
    target.value = `${target.value.slice(0, at)}{${picker.value}}${target.value.slice(at)}`;
    target.focus();
  });
  const add = el('button', { type: 'button', class: 'secondary', id: 'nqpf-edit-add' }, t('nqpfEditAdd'));
  add.addEventListener('click', () => { addRow(rows[rows.length - 1]?.dimension.value ?? '', null).name.focus(); });

  const status = el('p', { class: 'note', role: 'status', 'data-testid': 'nqpf-edit-status' });
  const save = el('button', { type: 'button', id: 'nqpf-edit-save' }, t('nqpfEditSave'));
  const close = el('button', { type: 'button', class: 'secondary', id: 'nqpf-edit-close' }, t('cancel'));
  close.addEventListener('click', () => host.replaceChildren());
  save.addEventListener('click', async () => {
    // Rows grouped by dimension in the order dimensions first appear.
    const dims: { name: string; indicators: SystemIndicator[] }[] = [];
    for (const r of rows) {
      const dname = r.dimension.value.trim();
      let d = dims.find((x) => x.name === dname);
      if (!d) dims.push(d = { name: dname, indicators: [] });
      d.indicators.push({ id: r.id, name: r.name.value.trim(), unit: r.unit.value.trim(), direction: r.direction.value,
        formula: r.formula.value.trim(), ...(r.note ? { note: r.note } : {}) });
    }
    save.disabled = true;
    status.className = 'note';
    status.textContent = t('nqpfEditChecking');
    try {
      const saved = await sendJson<SystemJson>('POST', '/api/nqpf/systems',
        { id: id.value.trim(), name: name.value.trim(), after: after.value.trim(), note: note.value.trim(), dimensions: dims });
      await onSaved(saved.id);
      status.textContent = tf('nqpfEditSaved', { id: saved.id });
    } catch (e) {
      status.className = 'note error';
      status.textContent = (e as Error).message;
    } finally {
      save.disabled = false;
    }
  });
  const actions = el('div', { class: 'controls' }, save, close);
  if (own) {
    const del = el('button', { type: 'button', class: 'secondary', id: 'nqpf-edit-delete' }, t('nqpfEditDelete'));
    const yes = el('button', { type: 'button', id: 'nqpf-edit-delete-yes' }, t('nqpfEditDeleteYes'));
    const no = el('button', { type: 'button', id: 'nqpf-edit-delete-no' }, t('cancel'));
    const ask = el('div', { class: 'banner warning confirm-box', role: 'alertdialog', 'data-testid': 'nqpf-edit-confirm' },
      tf('nqpfEditConfirmDelete', { name: base.name }), yes, no);
    ask.style.display = 'none';
    del.addEventListener('click', () => { ask.style.display = ''; yes.focus(); });
    no.addEventListener('click', () => { ask.style.display = 'none'; });
    yes.addEventListener('click', async () => {
      try {
        await sendJson('DELETE', `/api/nqpf/systems/${encodeURIComponent(base.id)}`);
        await onDeleted();
        host.replaceChildren(el('p', { class: 'note', role: 'status' }, tf('nqpfEditDeleted', { name: base.name })));
      } catch (e) {
        status.className = 'note error';
        status.textContent = (e as Error).message;
      }
    });
    actions.append(del, ask);
  }
  const grid = table([t('nqpfDimension'), t('nqpfIndicator'), t('nqpfUnit'), t('nqpfDirection'), t('nqpfFormula'), ''], [], 'nqpf-edit-table');
  grid.querySelector('tbody')?.replaceWith(body);
  host.replaceChildren(el('section', { class: 'editor', 'data-testid': 'nqpf-editor' },
    el('h3', {}, t('nqpfEditTitle')),
    el('p', { class: 'note' }, t('nqpfEditHelp')),
    el('div', { class: 'controls' },
      el('label', { for: 'nqpf-edit-id' }, t('nqpfEditId'), id), el('label', { for: 'nqpf-edit-name' }, t('nqpfEditName'), name)),
    el('div', { class: 'controls' },
      el('label', { for: 'nqpf-edit-after' }, t('nqpfEditAfter'), after), el('label', { for: 'nqpf-edit-note' }, t('nqpfEditNote'), note)),
    grid,
    el('div', { class: 'controls' }, add, el('label', { for: 'nqpf-edit-series' }, t('nqpfSeries'), picker), insert),
    catalogue.available ? el('span') : el('p', { class: 'note' }, t('nqpfNoData')),
    actions, status));
}
