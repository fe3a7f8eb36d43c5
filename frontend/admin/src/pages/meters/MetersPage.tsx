import { DownloadOutlined } from '@ant-design/icons';
import { PageContainer, ProTable } from '@ant-design/pro-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Input, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, Permission, useMe } from '../../auth/session';
import { CursorPager } from '../../components/CursorPager';
import { ErrorState } from '../../components/ErrorState';
import type { MetersConsoleQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { currentLanguage } from '../../i18n';
import { pageArgs } from '../../lib/cursorPage';
import { useUrlFilter } from '../../components/useUrlFilter';
import { formatWh } from '../../lib/energy';
import { meterStatuses, relayColour } from '../../lib/meterStatus';
import { formatShanghai } from '../../lib/shanghai';
import { BatchBar, type Selection } from './BatchBar';
import { meterFilter, meterPageSizes, metersExportHref, readFilters, type MeterListFilters } from './listState';
import { MeterDrawer } from './MeterDrawer';
import { meterPlacesQuery, metersKey, metersQuery } from './operations';
import { StatusLegend, StatusTag } from './StatusTag';

export type MeterRow = MetersConsoleQuery['meters']['nodes'][number];

/**
 * The meters console: every meter with its status in colour, filtered and paged on the
 * server (the page's cursor in the URL), rows drawn virtually so a page of 1,000 scrolls
 * smoothly, batch remote control of the meters ticked or of a whole building, and a drawer
 * with one meter's details.
 */
export default function MetersPage() {
  const { t } = useTranslation();
  const { params, set: setUrlFilter } = useUrlFilter();
  const state = readFilters(params);
  // A filter changed goes back to the first page: a cursor belongs to its filter.
  const go = (change: Partial<Record<keyof MeterListFilters, string | undefined>>) => setUrlFilter(change);
  const me = useMe().data;
  const mayControl = can(me, [Permission.Control]);

  const filter = meterFilter(state);
  const vars = { filter, ...pageArgs(params, meterPageSizes) };
  const list = useQuery({
    queryKey: [...metersKey, vars],
    queryFn: ({ signal }) => request(metersQuery, vars, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const places = useQuery({ queryKey: ['meter-places'], queryFn: ({ signal }) => request(meterPlacesQuery, {}, signal), staleTime: 60_000 });
  const buildings = useMemo(
    () => (places.data?.buildings.nodes ?? []).filter((b) => !state.site || b.site.id === state.site),
    [places.data, state.site],
  );
  const buildingName = places.data?.buildings.nodes.find((b) => b.id === state.building)?.name;

  const [selection, setSelection] = useState<Selection>({ ids: [], rows: new Map() });
  const [open, setOpen] = useState<string>();

  const tableHeight = useTableHeight();
  const conn = list.data?.meters;
  const rows = conn?.nodes ?? [];
  const filtered = Object.values(state).some(Boolean);

  return (
    <PageContainer title={t('meters.title')} subTitle={t('meters.subtitle')} extra={[<StatusLegend key="legend" />]}>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Space wrap data-testid="meter-filters">
          <Select
            allowClear
            placeholder={t('meters.filter.site')}
            style={{ width: 180 }}
            value={state.site}
            onChange={(site?: string) => go({ site, building: undefined })}
            options={(places.data?.sites ?? []).map((s) => ({ value: s.id, label: s.name }))}
            data-testid="filter-site"
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('meters.filter.building')}
            style={{ width: 200 }}
            value={state.building}
            onChange={(building?: string) => go({ building })}
            options={buildings.map((b) => ({ value: b.id, label: b.name }))}
            data-testid="filter-building"
          />
          <Select
              allowClear
              placeholder={t('meters.filter.status')}
              style={{ width: 140 }}
              value={state.status}
              onChange={(status) => go({ status })}
              options={meterStatuses.map((s) => ({ value: s.status, label: <StatusTag status={s.status} /> }))}
              data-testid="filter-status"
            />
          <Select
            allowClear
            placeholder={t('meters.filter.assigned')}
            style={{ width: 120 }}
            value={state.assigned}
            onChange={(assigned) => go({ assigned })}
            options={[
              { value: 'yes', label: t('meters.filter.assignedYes') },
              { value: 'no', label: t('meters.filter.assignedNo') },
            ]}
            data-testid="filter-assigned"
          />
          <Input.Search
            allowClear
            key={state.q ?? ''}
            defaultValue={state.q}
            placeholder={t('meters.filter.search')}
            style={{ width: 260 }}
            maxLength={100}
            onSearch={(q) => go({ q: q.trim() || undefined })}
            data-testid="filter-search"
          />
          <Button onClick={() => go({ site: undefined, building: undefined, status: undefined, q: undefined, assigned: undefined })} disabled={!filtered}>
            {t('meters.filter.reset')}
          </Button>
        </Space>
        {mayControl && (
          <BatchBar
            selection={selection}
            onClear={() => setSelection({ ids: [], rows: new Map() })}
            onBuilding={(b) => setSelection({ ids: [], rows: new Map(), building: b })}
            building={state.building ? { id: state.building, name: buildingName ?? state.building } : undefined}
          />
        )}
        {list.isError && !conn ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <ProTable<MeterRow>
            rowKey="id"
            size="small"
            search={false}
            options={false}
            loading={list.isFetching && !conn}
            dataSource={rows}
            pagination={false}
            tableAlertRender={false}
            virtual
            scroll={{ x: 1160, y: tableHeight }}
            toolBarRender={() => [
              <Button key="export" icon={<DownloadOutlined />} href={metersExportHref(state, currentLanguage())} data-testid="meter-export">
                {t('meters.export')}
              </Button>,
            ]}
            locale={{ emptyText: <Empty description={filtered ? t('meters.empty') : t('meters.emptyAll')} /> }}
            rowSelection={
              mayControl
                ? {
                    fixed: true,
                    columnWidth: 48,
                    preserveSelectedRowKeys: true,
                    selectedRowKeys: selection.ids,
                    onChange: (keys, picked) => {
                      const next = new Map(selection.rows);
                      for (const r of picked) if (r) next.set(r.id, r);
                      const ids = keys.map(String);
                      for (const id of [...next.keys()]) if (!ids.includes(id)) next.delete(id);
                      setSelection({ ids, rows: next });
                    },
                  }
                : undefined
            }
            onRow={(r) => ({ 'data-meter': r.address }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('meters.col.address'),
                dataIndex: 'address',
                width: 170,
                fixed: 'left',
                render: (_, r) => (
                  <Typography.Link onClick={() => setOpen(r.id)} data-testid="meter-open">
                    {r.address}
                    {r.channel ? ` #${r.channel}` : ''}
                  </Typography.Link>
                ),
              },
              {
                title: t('meters.col.place'),
                key: 'place',
                width: 200,
                ellipsis: true,
                render: (_, r) => [r.building?.name, r.floor, r.room].filter(Boolean).join(' · ') || '—',
              },
              {
                title: t('meters.col.tenant'),
                key: 'tenant',
                width: 200,
                ellipsis: true,
                render: (_, r) => (r.account ? [r.account.shopNo, r.account.tenantName].filter(Boolean).join(' ') : '—'),
              },
              {
                title: t('meters.col.status'),
                dataIndex: 'displayStatus',
                width: 100,
                render: (_, r) => <StatusTag status={r.displayStatus} />,
              },
              {
                title: t('meters.col.relay'),
                dataIndex: 'relay',
                width: 110,
                render: (_, r) => (
                  <Tag color={relayColour(r.relay)} data-testid="meter-relay" data-relay={r.relay}>
                    {t(`meters.relay.${r.relay}`)}
                  </Tag>
                ),
              },
              {
                title: t('meters.col.controlMode'),
                dataIndex: 'controlMode',
                width: 130,
                render: (_, r) => t(`meters.controlMode.${r.controlMode}`),
              },
              {
                title: t('meters.col.energy'),
                dataIndex: 'lastEnergyWh',
                width: 130,
                align: 'right',
                render: (_, r) => formatWh(r.lastEnergyWh, false),
              },
              {
                title: t('meters.col.lastRead'),
                dataIndex: 'lastReadAt',
                width: 170,
                render: (_, r) => (r.lastReadAt ? formatShanghai(r.lastReadAt) : <Typography.Text type="secondary">{t('meters.col.never')}</Typography.Text>),
              },
            ]}
          />
        )}
        <CursorPager total={conn?.totalCount} pageInfo={conn?.pageInfo} totalLabel={t('meters.total', { count: conn?.totalCount ?? 0 })} sizes={meterPageSizes} />
        {list.isError && conn && <Alert type="error" showIcon message={t('error.loadFailed')} />}
      </Space>
      <MeterDrawer id={open} onClose={() => setOpen(undefined)} />
    </PageContainer>
  );
}

/**
 * The table body's height: the window's less the header, filters and toolbars above it, so the
 * page does not scroll around a scrolling table. Virtual rows need a height in pixels.
 */
function useTableHeight(): number {
  const measure = () => Math.max(320, window.innerHeight - 400);
  const [h, setH] = useState(measure);
  useEffect(() => {
    const on = () => setH(measure());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h;
}
