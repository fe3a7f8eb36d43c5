import dayjs, { type Dayjs } from 'dayjs';

// The API gives times of day as minutes after local midnight (22:00 is 1320); time pickers
// work on dayjs values. Only the hour and minute matter.

/** Minutes after midnight as a dayjs on an arbitrary day. */
export function fromMinutes(m: number): Dayjs {
  return dayjs('2000-01-01').hour(Math.floor(m / 60)).minute(m % 60);
}

/** The minutes after midnight of a picked time. */
export function toMinutes(d: Dayjs): number {
  return d.hour() * 60 + d.minute();
}
