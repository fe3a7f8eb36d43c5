import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DashboardQuery } from '../../gql/graphql';
import { meterStatusColour, meterStatusLabel, meterStatuses } from '../../lib/meterStatus';

type Count = DashboardQuery['meterStatusCounts'][number];

/**
 * The active meters by display status, one tile per status in the server's order with the
 * colour and name of lib/meterStatus.ts; a tile opens the meters console filtered to it.
 */
export function StatusTiles({ counts }: { counts: readonly Count[] }) {
  const { t } = useTranslation();
  const countOf = new Map(counts.map((c) => [c.status, c.count]));
  return (
    <div className="vp-status-tiles">
      {meterStatuses.map(({ status }) => {
        const n = countOf.get(status) ?? 0;
        return (
          <Link
            key={status}
            to={`/meters?status=${status}`}
            className={n ? 'vp-status-tile' : 'vp-status-tile vp-status-tile-zero'}
            style={{ borderTopColor: meterStatusColour(status) }}
            data-testid={`status-tile-${status}`}
          >
            <span className="vp-status-tile-label">
              <span className="vp-status-dot" style={{ background: meterStatusColour(status) }} />
              {meterStatusLabel(t, status)}
            </span>
            <span className="vp-status-tile-count">{n.toLocaleString()}</span>
          </Link>
        );
      })}
    </div>
  );
}
