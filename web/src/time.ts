// The one place that turns a time from the API into text. The server keeps UTC (ISO 8601 with
// a Z, or epoch seconds); people using Xinzhi read Beijing time, so every time is shown in
// Asia/Shanghai and says so, whatever time zone the browser is in.
import { t } from './i18n';

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

// "2026-12-01T13:35:00Z" → "2026-12-01 21:35 北京时间" ("… Beijing time" in English). A time
// without a zone is UTC (that is how the server writes it); epoch seconds are accepted too.
// Text that is not a time comes back unchanged rather than as "Invalid Date".
export function beijingTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '' || value === 0) return '—';
  let date: Date;
  if (typeof value === 'number') date = new Date(value * 1000);
  else {
    const iso = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
    date = new Date(iso);
  }
  if (Number.isNaN(date.getTime())) return String(value);
  const p = Object.fromEntries(parts.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${t('beijingTime')}`;
}

// The UTC instant at which a Beijing calendar day starts ("2026-12-02" → "2026-12-01T16:00:00.000Z"),
// for filters the server compares with its UTC times as text (milliseconds kept, so that
// "…16:00:00.429Z" sorts after it).
export function beijingDayStartUtc(day: string): string {
  const start = new Date(`${day}T00:00:00+08:00`);
  return Number.isNaN(start.getTime()) ? day : start.toISOString();
}
