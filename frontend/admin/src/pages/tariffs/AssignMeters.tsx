import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Modal, Popconfirm, Progress, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { describeError } from '../../graphql/errors';
import type { AssignMetersQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { assignInBatches } from './bulkAssign';
import { assignBuildingsQuery, assignMetersQuery, setMetersTariffMutation } from './operations';

// The result lists at most this many refused meters (they stay selected, however many).
const maxShownFailures = 50;

type MeterRow = AssignMetersQuery['meters']['nodes'][number];

/**
 * Puts meters of the tariff's site on it from now on: pick them by building and/or search,
 * on this page or every meter the filter finds, confirm, and watch each one done or refused.
 */
export function AssignMeters({ tariff, onClose }: { tariff: { id: string; name: string; site: { id: string; name: string } }; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [buildingId, setBuildingId] = useState<string>();
  const [search, setSearch] = useState('');
  const [after, setAfter] = useState<string[]>([]); // the cursors of the pages before this one
  const [selected, setSelected] = useState<Map<string, string>>(new Map()); // id → address
  const [progress, setProgress] = useState<{ total: number; done: number; changed?: number; failed: { address: string; error: string }[] }>();
  const [running, setRunning] = useState(false);
  const filter = { siteId: tariff.site.id, status: 'active' as const, ...(buildingId ? { buildingId } : {}), ...(search ? { search } : {}) };
  const buildings = useQuery({
    queryKey: ['assign-buildings', tariff.site.id],
    queryFn: ({ signal }) => request(assignBuildingsQuery, { siteId: tariff.site.id }, signal),
  });
  const meters = useQuery({
    queryKey: ['assign-meters', filter, after.at(-1)],
    queryFn: ({ signal }) => request(assignMetersQuery, { filter, first: 20, after: after.at(-1) }, signal),
  });
  const rows = meters.data?.meters.nodes ?? [];

  const selectMatching = async () => {
    const all = new Map(selected);
    let cursor: string | undefined;
    do {
      const page = await request(assignMetersQuery, { filter, first: 1000, after: cursor });
      page.meters.nodes.forEach((m) => all.set(m.id, m.address));
      cursor = page.meters.pageInfo.hasNextPage ? (page.meters.pageInfo.endCursor ?? undefined) : undefined;
    } while (cursor);
    setSelected(all);
  };

  const run = async () => {
    setRunning(true);
    const chosen = new Map(selected);
    setProgress({ total: chosen.size, done: 0, failed: [] });
    const r = await assignInBatches([...chosen.keys()], (meterIds) => request(setMetersTariffMutation, { meterIds, tariffId: tariff.id }), {
      onProgress: (done) => setProgress((p) => p && { ...p, done }),
    });
    const line = (err: unknown) => {
      const d = describeError(t, err);
      return [d.summary, d.detail].filter(Boolean).join(' · ');
    };
    const failed = [
      ...r.failed.map((f) => ({ address: chosen.get(f.id) ?? f.id, error: line(f.error) })),
      ...r.notTried.map((n) => ({ address: t('tariffs.assign.notTried', { count: n.ids.length }), error: line(n.error) })),
    ];
    setProgress({ total: chosen.size, done: chosen.size, changed: r.changed, failed });
    setRunning(false);
    void queries.invalidateQueries({ queryKey: ['assign-meters'] });
    void queries.invalidateQueries({ queryKey: ['meters'] });
    if (r.changed > 0) void message.success(t('tariffs.assign.done', { count: r.changed, name: tariff.name }));
    // What changed is done; what was refused stays selected, to fix and send again.
    const left = new Map<string, string>();
    for (const f of r.failed) left.set(f.id, chosen.get(f.id) ?? f.id);
    for (const n of r.notTried) for (const id of n.ids) left.set(id, chosen.get(id) ?? id);
    setSelected(left);
  };

  return (
    <Modal open width={900} title={t('tariffs.assign.title', { name: tariff.name })} onCancel={onClose} footer={null} destroyOnClose>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('tariffs.assign.hint', { site: tariff.site.name })}</Typography.Text>
        <Space wrap>
          <Select
            allowClear
            placeholder={t('tariffs.assign.building')}
            style={{ width: 200 }}
            value={buildingId}
            loading={buildings.isPending}
            onChange={(v) => {
              setBuildingId(v);
              setAfter([]);
            }}
            options={buildings.data?.buildings.nodes.map((b) => ({ value: b.id, label: b.name }))}
            data-testid="assign-building"
          />
          <Input.Search
            allowClear
            placeholder={t('tariffs.assign.search')}
            style={{ width: 260 }}
            maxLength={100}
            onSearch={(v) => {
              setSearch(v.trim());
              setAfter([]);
            }}
            data-testid="assign-search"
          />
          <Button onClick={() => void selectMatching()} disabled={!meters.data?.meters.totalCount}>
            {t('tariffs.assign.selectMatching', { count: meters.data?.meters.totalCount ?? 0 })}
          </Button>
          {selected.size > 0 && <Button onClick={() => setSelected(new Map())}>{t('tariffs.assign.clear')}</Button>}
        </Space>
        {meters.isError ? (
          <ErrorState error={meters.error} onRetry={() => void meters.refetch()} />
        ) : (
          <Table<MeterRow>
            size="small"
            rowKey="id"
            loading={meters.isFetching}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: t('tariffs.assign.noMeters') }}
            rowSelection={{
              preserveSelectedRowKeys: true,
              selectedRowKeys: [...selected.keys()],
              onChange: (keys, picked) => {
                const next = new Map(selected);
                for (const r of rows) if (!keys.includes(r.id)) next.delete(r.id);
                for (const r of picked) if (r) next.set(r.id, r.address);
                setSelected(next);
              },
            }}
            columns={[
              { title: t('tariffs.assign.address'), dataIndex: 'address' },
              { title: t('tariffs.assign.building'), render: (_, m) => m.building?.name ?? '—' },
              { title: t('tariffs.assign.room'), render: (_, m) => [m.floor, m.room].filter(Boolean).join(' / ') || '—' },
              { title: t('tariffs.assign.current'), render: (_, m) => m.tariff?.name ?? <Typography.Text type="secondary">{t('tariffs.assign.none')}</Typography.Text> },
            ]}
          />
        )}
        <Space style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text type="secondary">{t('tariffs.total', { count: meters.data?.meters.totalCount ?? 0 })}</Typography.Text>
          <Space>
            <Button disabled={after.length === 0} onClick={() => setAfter(after.slice(0, -1))}>
              {t('pager.prev')}
            </Button>
            <Button
              disabled={!meters.data?.meters.pageInfo.hasNextPage}
              onClick={() => meters.data?.meters.pageInfo.endCursor && setAfter([...after, meters.data.meters.pageInfo.endCursor])}
            >
              {t('pager.next')}
            </Button>
          </Space>
        </Space>
        {progress && (
          <div data-testid="assign-progress">
            <Progress
              percent={Math.round((progress.done / Math.max(1, progress.total)) * 100)}
              status={running ? 'active' : progress.failed.length ? 'exception' : 'success'}
              format={() => `${progress.done}/${progress.total}`}
            />
            {progress.changed !== undefined && (
              <Alert
                type={progress.failed.length ? 'warning' : 'success'}
                showIcon
                data-testid="assign-result"
                message={t(progress.failed.length ? 'tariffs.assign.resultPartial' : 'tariffs.assign.result', {
                  changed: progress.changed,
                  failed: progress.total - progress.changed,
                  name: tariff.name,
                })}
                description={
                  progress.failed.length > 0 && (
                    <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 200, overflowY: "auto" }} data-testid="assign-failures">
                      {progress.failed.slice(0, maxShownFailures).map((f) => (
                        <li key={f.address}>
                          <Typography.Text strong>{f.address}</Typography.Text>: {f.error}
                        </li>
                      ))}
                      {progress.failed.length > maxShownFailures && <li>{t('tariffs.assign.moreFailures', { count: progress.failed.length - maxShownFailures })}</li>}
                    </ul>
                  )
                }
                style={{ marginTop: 4 }}
              />
            )}
          </div>
        )}
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Typography.Text data-testid="assign-selected">{t('tariffs.assign.selected', { count: selected.size })}</Typography.Text>
          <Popconfirm
            title={t('tariffs.assign.confirmTitle')}
            description={t('tariffs.assign.confirm', { count: selected.size, name: tariff.name })}
            okText={t('tariffs.assign.ok')}
            cancelText={t('tariffs.cancel')}
            onConfirm={() => void run()}
            disabled={selected.size === 0 || running}
          >
            <Button type="primary" disabled={selected.size === 0} loading={running} data-testid="assign-run">
              {t('tariffs.assign.run', { count: selected.size })}
            </Button>
          </Popconfirm>
        </Space>
      </Space>
    </Modal>
  );
}
