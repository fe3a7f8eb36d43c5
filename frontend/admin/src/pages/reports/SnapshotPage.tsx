import { PageContainer, type ProColumns } from '@ant-design/pro-components';
import { Empty, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CursorTable } from '../../components/CursorTable';
import { PageLoading } from '../../components/PageLoading';
import { useUrlFilter } from '../../components/useUrlFilter';
import { graphql } from '../../gql';
import type { MeterSnapshotPageQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { formatWh } from '../../lib/energy';
import { meterStatuses } from '../../lib/meterStatus';
import { compactFilter } from '../../lib/listFilter';
import { formatFen } from '../../lib/money';
import { formatTime } from '../../lib/time';
import { useSiteFilter } from './common';

const snapshotQuery = graphql(`
  query MeterSnapshotPage($filter: MeterSnapshotFilter!, $first: Int, $after: String, $last: Int, $before: String) {
    meterSnapshot(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        meterId
        address
        channel
        buildingName
        floor
        room
        accountNo
        tenantName
        energyWh
        sharpWh
        peakWh
        flatWh
        valleyWh
        reverseWh
        balanceFen
        meterBalanceFen
        relay
        displayStatus
        online
        lastReadAt
      }
    }
  }
`);

type Row = MeterSnapshotPageQuery['meterSnapshot']['nodes'][number];

/** 抄表: every meter of a site with its registers, balance, relay and status now; the export streams them all. */
export default function SnapshotPage() {
  const { t } = useTranslation();
  const f = useUrlFilter();
  const site = useSiteFilter(f);
  const filter = compactFilter({ siteId: site.siteId, buildingId: site.buildingId });
  const kwh = (v: number | null | undefined) => formatWh(v, false);
  const columns: ProColumns<Row>[] = [
    { title: t('reports.snapshot.meter'), key: 'meter', fixed: 'left', width: 170, render: (_, m) => [m.address, m.channel ? `#${m.channel}` : ''].join('') },
    { title: t('reports.building'), key: 'where', width: 150, render: (_, m) => [m.buildingName, m.floor, m.room].filter(Boolean).join(' · ') || '—' },
    { title: t('reports.snapshot.tenant'), key: 'tenant', width: 150, render: (_, m) => m.tenantName ?? t('reports.snapshot.noAccount') },
    { title: t('reports.snapshot.total'), dataIndex: 'energyWh', width: 110, align: 'right', render: (_, m) => kwh(m.energyWh) },
    { title: t('reports.snapshot.sharp'), dataIndex: 'sharpWh', width: 90, align: 'right', render: (_, m) => kwh(m.sharpWh) },
    { title: t('reports.snapshot.peak'), dataIndex: 'peakWh', width: 90, align: 'right', render: (_, m) => kwh(m.peakWh) },
    { title: t('reports.snapshot.flat'), dataIndex: 'flatWh', width: 90, align: 'right', render: (_, m) => kwh(m.flatWh) },
    { title: t('reports.snapshot.valley'), dataIndex: 'valleyWh', width: 90, align: 'right', render: (_, m) => kwh(m.valleyWh) },
    { title: t('reports.snapshot.reverse'), dataIndex: 'reverseWh', width: 90, align: 'right', render: (_, m) => kwh(m.reverseWh) },
    {
      title: t('reports.snapshot.balance'),
      dataIndex: 'balanceFen',
      width: 110,
      align: 'right',
      render: (_, m) => (m.balanceFen === null || m.balanceFen === undefined ? '—' : formatFen(m.balanceFen)),
    },
    { title: t('reports.snapshot.relay'), dataIndex: 'relay', width: 80, render: (_, m) => t(`meters.relay.${m.relay}`) },
    {
      title: t('reports.snapshot.status'),
      dataIndex: 'displayStatus',
      width: 90,
      render: (_, m) => <Tag color={meterStatuses.find((s) => s.status === m.displayStatus)?.colour}>{t(`meters.status.${m.displayStatus}`)}</Tag>,
    },
    { title: t('reports.snapshot.lastRead'), dataIndex: 'lastReadAt', width: 150, render: (_, m) => (m.lastReadAt ? formatTime(m.lastReadAt, 'minute') : t('reports.snapshot.neverRead')) },
  ];
  return (
    <PageContainer title={t('reports.snapshot.title')} subTitle={t('reports.snapshot.subtitle')}>
      {site.noSite ? (
        <Empty description={t('reports.noSite')} />
      ) : !site.ready ? (
        <PageLoading />
      ) : (
        <CursorTable<Row>
          testId="snapshot-table"
          queryKey={['meterSnapshot', filter]}
          load={(page, signal) => request(snapshotQuery, { filter: { siteId: site.siteId!, buildingId: site.buildingId }, ...page }, signal).then((d) => d.meterSnapshot)}
          rowKey="meterId"
          columns={columns}
          title={site.pickers}
          exportList="meterSnapshot"
          exportFilter={filter}
          emptyText={t('reports.snapshot.none')}
          scrollX={1600}
        />
      )}
    </PageContainer>
  );
}
