import { PageContainer, type ProColumns } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CellText } from '../../components/CellText';
import { CursorTable } from '../../components/CursorTable';
import { DayRangeFilter } from '../../components/DayRangeFilter';
import { useUrlFilter } from '../../components/useUrlFilter';
import { graphql } from '../../gql';
import { AlarmKind, type AlarmFilter, type AlarmsPageQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { useSubscription } from '../../graphql/ws';
import { compactFilter } from '../../lib/listFilter';
import { alarmColour } from '../../lib/meterStatus';
import { dayEnd, dayStart, formatTime } from '../../lib/time';

const alarmsQuery = graphql(`
  query AlarmsPage($filter: AlarmFilter, $first: Int, $after: String, $last: Int, $before: String) {
    alarms(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        kind
        message
        raisedAt
        clearedAt
        meter {
          id
          address
          room
        }
        gateway {
          id
          name
        }
        account {
          id
          tenantName
          shopNo
        }
      }
    }
  }
`);

const alarmsLive = graphql(`
  subscription AlarmsPageLive {
    alarmRaised {
      id
      clearedAt
    }
  }
`);

type Row = AlarmsPageQuery['alarms']['nodes'][number];

type View = 'live' | 'history' | 'all';

/** The filter the URL's params name, as AlarmFilter. */
function alarmFilter(view: View, kind?: string, from?: string, to?: string): AlarmFilter {
  return compactFilter({
    active: view === 'live' ? true : view === 'history' ? false : undefined,
    kind: kind as AlarmKind | undefined,
    from: from ? dayStart(from) : undefined,
    to: to ? dayEnd(to) : undefined,
  });
}

/** Alarms: the active ones, live as they are raised, and the history of cleared ones. */
export default function AlarmsPage() {
  const { t } = useTranslation();
  const f = useUrlFilter();
  const queries = useQueryClient();
  const view = (['live', 'history', 'all'].includes(f.get('view') ?? '') ? f.get('view') : 'live') as View;
  const kind = f.get('kind');
  const from = f.get('from');
  const to = f.get('to');
  const filter = alarmFilter(view, kind, from, to);
  // Alarms raised while the page is open, shown highlighted until the operator leaves.
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  useSubscription(alarmsLive, {}, (d) => {
    if (!d.alarmRaised.clearedAt) setFresh((s) => new Set(s).add(d.alarmRaised.id));
    void queries.invalidateQueries({ queryKey: ['alarms'] });
  });

  const columns: ProColumns<Row>[] = [
    {
      title: t('alarms.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (_, a) => <Tag color={alarmColour[a.kind]}>{t(`alarmKind.${a.kind}`)}</Tag>,
    },
    {
      title: t('alarms.subject'),
      key: 'subject',
      ellipsis: true,
      render: (_, a) => <CellText text={subject(t, a)} />,
    },
    {
      title: t('alarms.message'),
      dataIndex: 'message',
      ellipsis: true,
      width: 320,
      render: (_, a) => <CellText text={a.message} />,
    },
    { title: t('alarms.raisedAt'), dataIndex: 'raisedAt', width: 160, render: (_, a) => formatTime(a.raisedAt) },
    {
      title: t('alarms.state'),
      dataIndex: 'clearedAt',
      width: 190,
      render: (_, a) =>
        a.clearedAt ? (
          <Badge status="default" text={t('alarms.clearedAt', { time: formatTime(a.clearedAt, 'minute') })} />
        ) : (
          <Badge status="error" text={t('alarms.active')} />
        ),
    },
  ];

  const filters = (
    <Space wrap key="filters">
      <Select<View>
        value={view}
        style={{ width: 130 }}
        data-testid="alarm-view"
        onChange={(v) => f.set({ view: v === 'live' ? undefined : v })}
        options={(['live', 'history', 'all'] as const).map((v) => ({ value: v, label: t(`alarms.view.${v}`) }))}
      />
      <Select<string>
        allowClear
        placeholder={t('alarms.anyKind')}
        value={kind}
        style={{ width: 150 }}
        data-testid="alarm-kind"
        onChange={(v) => f.set({ kind: v })}
        options={Object.values(AlarmKind).map((k) => ({ value: k, label: t(`alarmKind.${k}`) }))}
      />
      <DayRangeFilter filter={f} />
    </Space>
  );

  return (
    <PageContainer title={t('alarms.title')} subTitle={t('alarms.subtitle')}>
      <CursorTable<Row>
        testId="alarms-table"
        queryKey={['alarms', filter]}
        load={(page, signal) => request(alarmsQuery, { filter, ...page }, signal).then((d) => d.alarms)}
        rowKey="id"
        columns={columns}
        title={filters}
        exportList="alarms"
        exportFilter={filter}
        rowClassName={(a) => (fresh.has(a.id) ? 'vp-row-new' : '')}
        emptyText={view === 'live' ? t('alarms.noneActive') : t('alarms.none')}
        scrollX={1000}
      />
    </PageContainer>
  );
}

function subject(t: TFunction, a: Row): string {
  if (a.gateway) return t('alarms.gatewaySubject', { name: a.gateway.name });
  const parts: string[] = [];
  if (a.account) parts.push([a.account.shopNo, a.account.tenantName].filter(Boolean).join(' '));
  if (a.meter) parts.push(t('alarms.meterSubject', { address: [a.meter.address, a.meter.room].filter(Boolean).join(' · ') }));
  return parts.join('，');
}
