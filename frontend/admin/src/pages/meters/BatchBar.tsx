import { CloseOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../components/useReportError';
import type { CommandKind } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { batchCommands, dangerousCommands } from '../../lib/meterStatus';
import { BatchProgress, type Batch } from './BatchProgress';
import type { MeterRow } from './MetersPage';
import { buildingMetersQuery, metersKey, controlMetersMutation, readMetersMutation } from './operations';

/** What the batch acts on: the meters ticked (kept across pages), or a whole building. */
export interface Selection {
  ids: string[];
  rows: Map<string, MeterRow>;
  building?: { id: string; name: string };
}

// The server's limits: controlMeters takes up to 2000 meters, readMeters 500.
const maxControl = 2000;
const maxRead = 500;

/** A fresh batch key: 32 hex digits (getRandomValues works outside secure contexts too). */
function batchKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

type Action = CommandKind | 'read';

/**
 * The batch toolbar: what is selected, one button per remote control, each confirmed first
 * with what it does and to how many meters; then the batch's progress, meter by meter.
 */
export function BatchBar({
  selection,
  building,
  onClear,
  onBuilding,
}: {
  selection: Selection;
  building?: { id: string; name: string };
  onClear: () => void;
  onBuilding: (b: { id: string; name: string }) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queries = useQueryClient();
  const [batch, setBatch] = useState<Batch>();

  const countQuery = (id?: string) => ({
    queryKey: ['building-meters', id],
    queryFn: ({ signal }: { signal: AbortSignal }) => request(buildingMetersQuery, { buildingId: id! }, signal),
    enabled: !!id,
  });
  const filterCount = useQuery(countQuery(building?.id)).data?.meters.totalCount;
  const chosenCount = useQuery(countQuery(selection.building?.id)).data?.meters.totalCount;

  const count = selection.building ? (chosenCount ?? 0) : selection.ids.length;
  const nothing = count === 0;

  const control = useMutation({
    mutationFn: (kind: CommandKind) => {
      const key = batchKey();
      // Follow the batch before sending it, so that no progress event is missed.
      setBatch({ key, kind, meters: labels(selection), results: [] });
      return request(controlMetersMutation, {
        input: {
          kind,
          idempotencyKey: key,
          ...(selection.building ? { buildingId: selection.building.id } : { meterIds: selection.ids }),
        },
      });
    },
    onSuccess: (data, kind) => {
      const r = data.controlMeters;
      setBatch({ key: r.batchKey, kind, meters: labels(selection), results: r.results });
      void message.success(t('meters.sent', { count: r.results.filter((x) => x.command).length }));
    },
    onError: (err) => {
      setBatch(undefined);
      report(err);
    },
  });

  const read = useMutation({
    mutationFn: () =>
      request(readMetersMutation, selection.building ? { buildingId: selection.building.id } : { meterIds: selection.ids }),
    onSuccess: (data) => {
      const r = data.readMeters;
      void message.success(t('meters.readDone', { count: r.readings.length }));
      if (r.errors.length) void message.warning(t('meters.readFailed', { count: r.errors.length, first: r.errors[0] }), 8);
      void queries.invalidateQueries({ queryKey: metersKey });
    },
    onError: (err) => report(err),
  });

  const run = (a: Action) => {
    const max = a === 'read' ? maxRead : maxControl;
    if (count > max) {
      void message.error(t('meters.tooMany', { max }));
      return;
    }
    if (a === 'read') read.mutate();
    else control.mutate(a);
  };

  const question = (a: Action) => {
    const action = t(`meters.command.${a}`);
    const what = selection.building
      ? t('meters.confirmBuilding', { action, count, building: selection.building.name })
      : t('meters.confirm', { action, count });
    const note = a === 'read' ? t('meters.confirmRead') : dangerousCommands.has(a) ? t('meters.confirmTrip') : undefined;
    return (
      <div style={{ maxWidth: 320 }} data-testid="batch-confirm">
        <div>{what}</div>
        {note && <Typography.Text type="secondary">{note}</Typography.Text>}
      </div>
    );
  };

  const actions: Action[] = [...batchCommands, 'read'];
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }}>
      <Space wrap className="vp-batch-bar" data-testid="batch-bar">
        <Typography.Text strong>{t('meters.batch')}</Typography.Text>
        <Typography.Text data-testid="batch-selected">
          {selection.building
            ? t('meters.buildingSelected', { name: selection.building.name, count })
            : nothing
              ? t('meters.needSelection')
              : t('meters.selected', { count })}
        </Typography.Text>
        {building && !selection.building && (
          <Button size="small" onClick={() => onBuilding(building)} data-testid="select-building">
            {t('meters.selectBuilding', { count: filterCount ?? '…' })}
          </Button>
        )}
        {(!nothing || selection.building) && (
          <Button size="small" type="text" icon={<CloseOutlined />} onClick={onClear}>
            {t('meters.clearSelection')}
          </Button>
        )}
        {actions.map((a) => (
          <Popconfirm
            key={a}
            title={question(a)}
            okText={t('meters.ok')}
            cancelText={t('meters.cancel')}
            okButtonProps={{ danger: a !== 'read' && dangerousCommands.has(a), ...({ 'data-testid': 'batch-ok' } as Record<string, string>) }}
            disabled={nothing}
            onConfirm={() => run(a)}
          >
            <Button
              size="small"
              danger={a !== 'read' && dangerousCommands.has(a)}
              disabled={nothing}
              loading={(a === 'read' && read.isPending) || (control.isPending && control.variables === a)}
              data-testid={`batch-${a}`}
            >
              {t(`meters.command.${a}`)}
            </Button>
          </Popconfirm>
        ))}
      </Space>
      {batch && <BatchProgress batch={batch} onClose={() => setBatch(undefined)} />}
    </Space>
  );
}

/** How each selected meter is named in the progress list, for the meters on this page. */
function labels(s: Selection): Map<string, string> {
  return new Map([...s.rows].map(([id, r]) => [id, [r.address, r.room].filter(Boolean).join(' · ')]));
}
