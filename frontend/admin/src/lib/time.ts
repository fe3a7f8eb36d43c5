import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

// Times are shown in the property office's zone, whatever the browser's, so that a manager
// abroad and the cashier read the same hour on a receipt and in the audit log.
dayjs.extend(utc);
dayjs.extend(timezone);

/** The zone times are shown in. */
export const officeZone = 'Asia/Shanghai';

/** An API time (RFC 3339) as office time, "2026-12-07 20:15:03"; empty for null. */
export function formatTime(at: string | null | undefined, format = 'YYYY-MM-DD HH:mm:ss'): string {
  return at ? dayjs(at).tz(officeZone).format(format) : '';
}

/** A date picked in the console (a day of the office) as the API time of its local midnight. */
export function dayStart(day: string): string {
  return dayjs.tz(day, officeZone).format();
}

/** The API time of the midnight after day: an exclusive upper bound for "to". */
export function dayEnd(day: string): string {
  return dayjs.tz(day, officeZone).add(1, 'day').format();
}

/** The office's date of an API time, YYYY-MM-DD. */
export function officeDay(at: string): string {
  return dayjs(at).tz(officeZone).format('YYYY-MM-DD');
}
