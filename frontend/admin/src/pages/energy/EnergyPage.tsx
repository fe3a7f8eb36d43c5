import { PageContainer, ProCard, type ProColumns } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Select, Space, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorTable } from '../../components/CursorTable';
import { PageLoading } from '../../components/PageLoading';
import { useUrlFilter } from '../../components/useUrlFilter';
import { graphql } from '../../gql';
import type { EnergyInterval, EnergyMetersQuery, EnergyScope, MeterFilter } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { compactFilter } from '../../lib/listFilter';
import { formatWh } from '../../lib/energy';
import { formatTime } from '../../lib/time';
import { touPeriods, touSplit } from './tou';
import { EnergyTrendCard } from './EnergyTrendCard';

// ECharts is loaded only when this page draws a chart (its own chunk).
const TouCharts = lazy(() => import('./TouCharts'));

const buildingsQuery = graphql(`
  query EnergyBuildings {
    sites {
      id
      name
    }
    buildings(first: 100) {
      nodes {
        id
        name
        site {
          name
        }
      }
    }
  }
`);

const metersQuery = graphql(`
  query EnergyMeters($filter: MeterFilter, $first: Int, $after: String, $last: Int, $before: String) {
    meters(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        address
        channel
        room
        floor
        ctRatio
        lastEnergyWh
        lastReadAt
        building {
          id
          name
        }
        account {
          id
          tenantName
          shopNo
        }
        latestReading {
          readAt
          energyWh
          sharpWh
          peakWh
          flatWh
          valleyWh
          powerW
        }
      }
    }
  }
`);

type Row = EnergyMetersQuery['meters']['nodes'][number];

/**
 * Readings and energy by meter: each meter's registers as last read, split by time-of-use
 * period, charted for the meters shown. Filters (building, account or meter search) and the
 * page live in the URL.
 */
export default function EnergyPage() {
  const { t } = useTranslation();
  const f = useUrlFilter();
  const building = f.get('building');
  const search = f.get('q');
  const filter: MeterFilter = compactFilter({ status: 'active' as const, buildingId: building, search });
  const buildings = useQuery({ queryKey: ['energy', 'buildings'], queryFn: ({ signal }) => request(buildingsQuery, {}, signal) });
  // The trend shows a meter or account picked in the table, else the building filtered, else the site.
  const interval = (['hour', 'day', 'month'].includes(f.get('interval') ?? '') ? f.get('interval') : 'day') as EnergyInterval;
  const picked = f.get('scope') === 'meter' || f.get('scope') === 'account' ? { scope: f.get('scope') as EnergyScope, id: f.get('id') ?? '', name: f.get('name') ?? '' } : undefined;
  const site = buildings.data?.sites[0];
  const buildingName = buildings.data?.buildings.nodes.find((b) => b.id === building)?.name;
  const trend = picked ?? (building ? { scope: 'building' as EnergyScope, id: building, name: buildingName ?? '' } : site && { scope: 'site' as EnergyScope, id: site.id, name: site.name });

  const columns: ProColumns<Row>[] = [
    {
      title: t('energy.meter'),
      key: 'meter',
      render: (_, m) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>
            {m.address}
            {m.channel ? ` #${m.channel}` : ''}
          </Typography.Text>
          <Typography.Text type="secondary">{[m.building?.name, m.floor, m.room].filter(Boolean).join(' · ')}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('energy.account'),
      key: 'account',
      render: (_, m) => (m.account ? [m.account.shopNo, m.account.tenantName].filter(Boolean).join(' ') : <Typography.Text type="secondary">{t('energy.noAccount')}</Typography.Text>),
    },
    {
      title: t('energy.total'),
      dataIndex: 'lastEnergyWh',
      align: 'right',
      render: (_, m) => (m.lastEnergyWh == null ? '—' : formatWh(Number(m.lastEnergyWh))),
    },
    ...touPeriods.map(
      (p): ProColumns<Row> => ({
        title: t(`energy.period.${p}`),
        key: p,
        align: 'right',
        render: (_, m) => {
          const v = m.latestReading?.[`${p}Wh`];
          return v == null ? '—' : formatWh(Number(v) * m.ctRatio, false);
        },
      }),
    ),
    { title: t('energy.power'), key: 'power', align: 'right', render: (_, m) => (m.latestReading?.powerW == null ? '—' : `${m.latestReading.powerW} W`) },
    { title: t('energy.readAt'), dataIndex: 'lastReadAt', render: (_, m) => formatTime(m.lastReadAt, 'minute') || t('energy.neverRead') },
    {
      title: t('energy.trend'),
      key: 'trend',
      fixed: 'right',
      render: (_, m) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => f.set({ scope: 'meter', id: m.id, name: m.address })}>
            {t('energy.meterTrend')}
          </Button>
          {m.account && (
            <Button
              type="link"
              size="small"
              onClick={() => m.account && f.set({ scope: 'account', id: m.account.id, name: [m.account.shopNo, m.account.tenantName].filter(Boolean).join(' ') })}
            >
              {t('energy.accountTrend')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const filters = (
    <Space wrap key="filters">
      <Select<string>
        allowClear
        placeholder={t('energy.anyBuilding')}
        value={building}
        style={{ width: 200 }}
        loading={buildings.isLoading}
        onChange={(v) => f.set({ building: v })}
        options={buildings.data?.buildings.nodes.map((b) => ({ value: b.id, label: `${b.site.name} · ${b.name}` }))}
      />
      <Input.Search
        allowClear
        placeholder={t('energy.searchPlaceholder')}
        defaultValue={search}
        key={search ?? ''}
        maxLength={100}
        style={{ width: 240 }}
        onSearch={(v) => f.set({ q: v.trim() || undefined })}
      />
    </Space>
  );

  return (
    <PageContainer title={t('energy.title')} subTitle={t('energy.subtitle')}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {trend && (
          <EnergyTrendCard
            scope={trend.scope}
            id={trend.id}
            interval={interval}
            onInterval={(i) => f.set({ interval: i === 'day' ? undefined : i })}
            title={t(`energy.trendOf.${trend.scope}`, { name: trend.name })}
            extra={
              picked && (
                <Button size="small" onClick={() => f.set({ scope: undefined, id: undefined, name: undefined })} style={{ marginRight: 8 }}>
                  {t('energy.backToAll')}
                </Button>
              )
            }
          />
        )}
        <CursorTable<Row>
          testId="energy-table"
          queryKey={['energy', 'meters', filter]}
          load={(vars, signal) => request(metersQuery, { filter, ...vars }, signal).then((d) => d.meters)}
          above={(rows) => (
            <ProCard title={t('energy.chartTitle')} bordered style={{ marginBottom: 16 }}>
              <Suspense fallback={<PageLoading />}>
                <TouCharts
                  meters={rows.map((m) => ({
                    name: `${m.address}${m.channel ? `#${m.channel}` : ''}`,
                    split: touSplit(m.latestReading, m.ctRatio),
                  }))}
                />
              </Suspense>
            </ProCard>
          )}
          rowKey="id"
          columns={columns}
          title={filters}
          exportList="meters"
          exportFilter={filter}
          emptyText={t('energy.none')}
        />
      </Space>
    </PageContainer>
  );
}
