// 产业关联 on the chain atlas: each segment read as a sector of a stored input–output table,
// with that sector's output multiplier, its rank in the table and its backward and forward
// linkages (GET /api/chains/{chain}/linkages). Analysts who may edit pick the sector here.
import { can, getJson, sendJson } from '../api';
import { dataText, el, table } from '../dom';
import { t, tf } from '../i18n';
import { beijingTime } from '../time';

interface IoTable { name: string; file: string; sectors: number; sample: boolean; imported_at: string }
interface LinkageRow {
  segment: string; stage: string; sector: string | null;
  output_multiplier?: number; backward_linkage?: number; forward_linkage?: number; key_sector?: boolean; multiplier_rank?: number;
}
interface ChainLinkages {
  chain: string; table: IoTable | null; segments: LinkageRow[]; mapped: number; unmapped: number; stale: string[];
  sector_names: string[]; tables: string[];
}

const enc = encodeURIComponent;
const f3 = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(3));

// ⓘ beside a measure: its definition on hover and focus; the page's docs/linkage.md has the rest.
function info(key: 'ioDefMultiplier' | 'ioDefBackward' | 'ioDefForward' | 'ioDefKey'): HTMLElement {
  return el('span', { class: 'info', role: 'note', tabindex: '0', title: t(key), 'aria-label': t(key),
    style: 'cursor:help;color:#1677ff;margin-left:2px' }, 'ⓘ');
}

function header(label: string, key?: Parameters<typeof info>[0]): HTMLElement {
  const span = el('span', {}, label);
  if (key) span.append(info(key));
  return span;
}

export async function renderLinkages(host: HTMLElement, chain: string, tableName = ''): Promise<void> {
  const section = el('section', { 'data-testid': 'linkages' }, el('h2', {}, t('ioTitle')));
  host.replaceChildren(section);
  const data = await getJson<ChainLinkages>(`/api/chains/${enc(chain)}/linkages${tableName ? `?table=${enc(tableName)}` : ''}`);
  const tb = data.table;
  // No table stored yet is a state, not a failure: say what is missing and how it gets there.
  if (tb === null) {
    section.append(el('p', { class: 'banner', 'data-testid': 'linkages-empty' }, t('ioNoTables')));
    return;
  }
  const source = el('p', { class: 'note', 'data-testid': 'linkages-source' }, `${t('ioSource')}：`, dataText(tb.name),
    tf('ioSourceDetail', { n: tb.sectors, at: beijingTime(tb.imported_at) }), dataText(tb.file.split('/').pop() ?? tb.file, 'code'),
    t('ioUnit'), info('ioDefMultiplier'));
  section.append(source);
  if (tb.sample) section.append(el('p', { class: 'banner sample', 'data-testid': 'linkages-sample' }, t('ioSampleBanner')));
  if (data.tables.length > 1) {
    const picker = el('select', { id: 'io-table' }, ...data.tables.map((n) => el('option', { value: n }, n)));
    picker.value = tb.name;
    picker.addEventListener('change', () => void renderLinkages(host, chain, picker.value));
    section.append(el('div', { class: 'controls' }, el('label', {}, t('ioTable'), picker)));
  }
  section.append(el('p', { 'data-testid': 'linkages-summary' },
    tf('ioSummary', { mapped: data.mapped, total: data.segments.length, unmapped: data.unmapped })));

  const editable = can('analytics.write');
  const message = el('p', { class: 'banner error', 'data-testid': 'linkages-message', style: 'display:none' });
  const listId = 'io-sector-names';
  const rows = data.segments.map((r) => {
    const sector: (string | Node)[] = [r.sector === null ? el('span', { class: 'missing', 'data-testid': 'linkage-unmapped' }, t('ioUnmapped')) : dataText(r.sector)];
    if (editable) {
      const input = el('input', { list: listId, value: r.sector ?? '', 'aria-label': tf('ioSectorFor', { segment: r.segment }),
        'data-segment': r.segment, class: 'sector-input' });
      const save = el('button', { type: 'button', 'data-save-segment': r.segment }, t('save'));
      save.addEventListener('click', async () => {
        message.style.display = 'none';
        try {
          await sendJson('POST', `/api/chains/${enc(chain)}/linkages`, { segment: r.segment, table: tb.name, sector: input.value.trim() });
          await renderLinkages(host, chain, tb.name);
        } catch (e) {
          message.textContent = (e as Error).message;
          message.style.display = '';
        }
      });
      sector.splice(0, sector.length, el('span', { class: 'row-actions' }, input, save));
    }
    return [r.segment, ...sector, f3(r.output_multiplier),
      r.multiplier_rank ? tf('ioRankOf', { rank: r.multiplier_rank, n: tb.sectors }) : '—',
      f3(r.backward_linkage), f3(r.forward_linkage), r.key_sector === undefined ? '—' : r.key_sector ? t('yes') : t('no')];
  });
  const headers = [header(t('segment')), header(t('ioSector')), header(t('ioMultiplier'), 'ioDefMultiplier'),
    header(t('ioRank')), header(t('ioBackward'), 'ioDefBackward'), header(t('ioForward'), 'ioDefForward'), header(t('ioKeySector'), 'ioDefKey')];
  const grid = table(headers.map((h) => h.textContent ?? ''), rows, 'linkages-table');
  // The headers carry their ⓘ: put the elements in place of the plain texts table() wrote.
  grid.querySelectorAll('th').forEach((th, i) => th.replaceChildren(headers[i]));
  section.append(grid, message);
  if (editable) section.append(el('datalist', { id: listId }, ...data.sector_names.map((n) => el('option', { value: n }))));
  if (data.stale.length)
    section.append(el('p', { class: 'note', 'data-testid': 'linkages-stale' }, tf('ioStale', { segments: data.stale.join('、') })));
}
