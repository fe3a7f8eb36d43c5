import { graphql } from '../../gql';
import type { EnergyInterval } from '../../gql/graphql';
import { dayEnd, dayStart } from '../../lib/time';
import { formatShanghai } from '../../lib/shanghai';

export const energyTrendQuery = graphql(`
  query EnergyTrend($scope: EnergyScope!, $id: ID!, $from: Time!, $to: Time!, $interval: EnergyInterval!) {
    energyUsage(scope: $scope, id: $id, from: $from, to: $to, interval: $interval) {
      start
      energyWh
      amountFen
      sharpWh
      peakWh
      flatWh
      valleyWh
    }
  }
`);

/**
 * The window a trend shows, ending with today (Beijing): today by hour, the last 30 days by
 * day, or the last 12 months by month.
 */
export function trendWindow(interval: EnergyInterval, now: Date = new Date()): { from: string; to: string } {
  const today = formatShanghai(now).slice(0, 10);
  if (interval === 'hour') return { from: dayStart(today), to: dayEnd(today) };
  if (interval === 'day') {
    const first = formatShanghai(new Date(Date.parse(dayStart(today)) - 29 * 24 * 3600_000)).slice(0, 10);
    return { from: dayStart(first), to: dayEnd(today) };
  }
  const [y, m] = today.split('-').map(Number);
  const month = (yy: number, mm: number) => {
    const t = yy * 12 + (mm - 1);
    return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`;
  };
  return { from: dayStart(month(y, m - 11)), to: dayStart(month(y, m + 1)) };
}
