import { DownloadOutlined, LeftOutlined, RightOutlined, VerticalRightOutlined } from '@ant-design/icons';
import { PageContainer, ProTable } from '@ant-design/pro-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Input, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { can, Permission, useMe } from '../../auth/session';
import { ErrorState } from '../../components/ErrorState';
import type { MetersConsoleQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { currentLanguage } from '../../i18n';
import { formatKWh } from '../../lib/energy';
import { meterStatuses } from '../../lib/meterStatus';
import { formatTime } from '../../lib/time';
import { BatchBar, type Selection } from './BatchBar';
import { exportHref, filterableStatuses, meterFilter, pageArgs, pageSizes, readListState, withFilter, writeListState, type MeterListState } from './listState';
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
  const [params, setParams] = useSearchParams();
  const state = readListState(params);
  const go = (s: MeterListState) => setParams(writeListState(s));
  const me = useMe().data;
  const mayControl = can(me, [Permission.Control]);

  const filter = meterFilter(state);
  const vars = { filter, ...pageArgs(state) };
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
  const filtered = params.size > 0 && [...params.keys()].some((k) => k !== 'size' && k !== 'after' && k !== 'before');

  const pager = conn && (
    <Space data-testid="meter-pager">
      <Typography.Text data-testid="meter-total">{t('meters.total', { count: conn.totalCount })}</Typography.Text>
      <Button size="small" icon={<VerticalRightOutlined />} disabled={!state.after && !state.before} onClick={() => go({ ...state, after: undefined, before: undefined })}>
        {t('meters.first')}
      </Button>
      <Button
        size="small"
        icon={<LeftOutlined />}
        disabled={!conn.pageInfo.hasPreviousPage || !conn.pageInfo.startCursor}
        onClick={() => go({ ...state, after: undefined, before: conn.pageInfo.startCursor ?? undefined })}
      >
        {t('meters.prev')}
      </Button>
      <Button
        size="small"
        disabled={!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor}
        onClick={() => go({ ...state, before: undefined, after: conn.pageInfo.endCursor ?? undefined })}
      >
        {t('meters.next')} <RightOutlined />
      </Button>
      <Select
        size="small"
        value={state.size}
        style={{ width: 110 }}
        onChange={(size) => go(withFilter(state, { size }))}
        options={pageSizes.map((size) => ({ value: size, label: t('meters.pageSize', { size }) }))}
        data-testid="meter-page-size"
      />
    </Space>
  );

  return (
    <PageContainer title={t('meters.title')} subTitle={t('meters.subtitle')} extra={[<StatusLegend key="legend" />]}>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Space wrap data-testid="meter-filters">
          <Select
            allowClear
            placeholder={t('meters.filter.site')}
            style={{ width: 180 }}
            value={state.site}
            onChange={(site?: string) => go(withFilter(state, { site, building: undefined }))}
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
            onChange={(building?: string) => go(withFilter(state, { building }))}
            options={buildings.map((b) => ({ value: b.id, label: b.name }))}
            data-testid="filter-building"
          />
          <Select
              allowClear
              placeholder={t('meters.filter.status')}
              style={{ width: 140 }}
              value={state.status}
              onChange={(status) => go(withFilter(state, { status }))}
              options={meterStatuses
                .filter((s) => filterableStatuses.includes(s.status))
                .map((s) => ({ value: s.status, label: <StatusTag status={s.status} /> }))}
              data-testid="filter-status"
              popupMatchSelectWidth={false}
              popupRender={(menu) => (
                <>
                  {menu}
                  <Typography.Paragraph type="secondary" className="vp-select-hint">
                    {t('meters.filter.statusHint')}
                  </Typography.Paragraph>
                </>
              )}
            />
          <Select
            allowClear
            placeholder={t('meters.filter.assigned')}
            style={{ width: 120 }}
            value={state.assigned}
            onChange={(assigned) => go(withFilter(state, { assigned }))}
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
            onSearch={(q) => go(withFilter(state, { q: q.trim() || undefined }))}
            data-testid="filter-search"
          />
          <Button onClick={() => go({ size: state.size })} disabled={!filtered}>
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
            scroll={{ x: 1240, y: tableHeight }}
            headerTitle={pager}
            toolBarRender={() => [
              <Button key="export" icon={<DownloadOutlined />} href={exportHref(state, currentLanguage())} data-testid="meter-export">
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
                width: 220,
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
                  <Tag color={r.relay === 'open' ? 'red' : r.relay === 'closed' ? 'green' : 'default'} data-testid="meter-relay" data-relay={r.relay}>
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
                render: (_, r) => formatKWh(r.lastEnergyWh),
              },
              {
                title: t('meters.col.lastRead'),
                dataIndex: 'lastReadAt',
                width: 170,
                render: (_, r) => (r.lastReadAt ? formatTime(r.lastReadAt) : <Typography.Text type="secondary">{t('meters.col.never')}</Typography.Text>),
              },
            ]}
          />
        )}
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
  const measure = () => Math.max(320, window.innerHeight - 360);
  const [h, setH] = useState(measure);
  useEffect(() => {
    const on = () => setH(measure());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h;
}
