// Times are shown in the sites' local time, China's, whatever the browser's zone: an office
// in Shenzhen and a manager travelling abroad must read the same clock as the meters.

export const siteTimeZone = 'Asia/Shanghai';

const dateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: siteTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An RFC 3339 time as "YYYY-MM-DD HH:mm" in China time. */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}
