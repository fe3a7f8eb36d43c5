import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The property offices' time zone: times are shown there, wherever the browser is. */
export const officeZone = 'Asia/Shanghai';

/** A server time (RFC 3339) as the office's local time, to the second by default. */
export function formatTime(at: string | null | undefined, format = 'YYYY-MM-DD HH:mm:ss'): string {
  return at ? dayjs(at).tz(officeZone).format(format) : '—';
}
