import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Modal, Popconfirm, Progress, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { describeError } from '../../graphql/errors';
import type { AssignMetersQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { assignBuildingsQuery, assignMetersQuery, setMeterTariffMutation } from './operations';

type MeterRow = AssignMetersQuery['meters']['nodes'][number];

// Meters are put on the tariff one setMeterTariff each (the API has no batch form), a few at a
// time, so one refused meter (another site's, a charged reading after now) does not stop the
// rest and is reported by its address.
const parallel = 4;

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
  const [progress, setProgress] = useState<{ total: number; done: number; failed: { address: string; error: string }[] }>();
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
    const todo = [...selected.entries()];
    const state = { total: todo.length, done: 0, failed: [] as { address: string; error: string }[] };
    setProgress({ ...state });
    const worker = async () => {
      for (let next = todo.shift(); next; next = todo.shift()) {
        const [meterId, address] = next;
        try {
          await request(setMeterTariffMutation, { meterId, tariffId: tariff.id });
        } catch (err) {
          const d = describeError(t, err);
          state.failed.push({ address, error: [d.summary, d.detail].filter(Boolean).join(' · ') });
        }
        state.done++;
        setProgress({ total: state.total, done: state.done, failed: [...state.failed] });
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    setRunning(false);
    void queries.invalidateQueries({ queryKey: ['assign-meters'] });
    if (state.failed.length === 0) {
      void message.success(t('tariffs.assign.done', { count: state.done, name: tariff.name }));
      setSelected(new Map());
    }
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
            <Progress percent={Math.round((progress.done / Math.max(1, progress.total)) * 100)} status={progress.failed.length ? 'exception' : running ? 'active' : 'success'} format={() => `${progress.done - progress.failed.length}/${progress.total}`} />
            {progress.failed.map((f) => (
              <Alert key={f.address} type="error" showIcon message={`${f.address}: ${f.error}`} style={{ marginTop: 4 }} />
            ))}
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
