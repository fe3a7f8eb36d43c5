import { CloseOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Progress, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandKind, CommandState, ControlMetersBatchMutation } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { useSubscription } from '../../graphql/ws';
import { commandDone } from '../../lib/meterStatus';
import { batchCommandsQuery, commandProgressSubscription, metersKey } from './operations';

/** A batch sent with controlMeters: its key, what it does and what became of each meter. */
export interface Batch {
  key: string;
  kind: CommandKind;
  /** Names of the meters selected on screen, by id (a whole building's are not all known). */
  meters: Map<string, string>;
  results: ControlMetersBatchMutation['controlMeters']['results'];
}

interface Line {
  meterId: string;
  name: string;
  state?: CommandState;
  error?: string;
}

const stateColour: Record<CommandState, string> = {
  pending: 'default',
  sent: 'processing',
  confirmed: 'success',
  failed: 'error',
  expired: 'warning',
  cancelled: 'default',
};

/**
 * The progress of a batch, meter by meter, live from commandProgress. Each command confirmed
 * refreshes the list, so the relay the meter read back shows in its row.
 */
export function BatchProgress({ batch, onClose }: { batch: Batch; onClose: () => void }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  // Command states by command id, from the subscription and the poll below; they win over
  // the mutation's answer.
  const [live, setLive] = useState<Map<string, { state: CommandState; error: string }>>(new Map());
  useEffect(() => setLive(new Map()), [batch.key]);

  const refresh = useRef<ReturnType<typeof setTimeout>>(undefined);
  const learn = (cs: { id: string; state: CommandState; lastError: string }[]) => {
    setLive((m) => {
      const next = new Map(m);
      for (const c of cs) next.set(c.id, { state: c.state, error: c.lastError });
      return next;
    });
    if (cs.some((c) => commandDone(c.state))) {
      // Several meters confirm together: refresh the list once for them, so that the relay
      // each read back shows in its row.
      clearTimeout(refresh.current);
      refresh.current = setTimeout(() => void queries.invalidateQueries({ queryKey: metersKey }), 300);
    }
  };
  useSubscription(commandProgressSubscription, { batchKey: batch.key }, (d) => learn([d.commandProgress]));
  useEffect(() => () => clearTimeout(refresh.current), []);

  // The subscription starts as the batch is sent, on a socket perhaps still opening: a meter
  // quick to confirm may do so before it listens. Until every command is done, the newest
  // commands of the batch's kind are also asked for every few seconds.
  const ids = useMemo(() => new Set(batch.results.flatMap((r) => (r.command ? [r.command.id] : []))), [batch.results]);
  const unfinished = batch.results.some((r) => r.command && !commandDone(live.get(r.command.id)?.state ?? r.command.state));
  useQuery({
    queryKey: ['batch-commands', batch.key],
    queryFn: async ({ signal }) => {
      const d = await request(batchCommandsQuery, { kind: batch.kind, first: Math.min(1000, ids.size + 50) }, signal);
      learn(d.commands.nodes.filter((c) => ids.has(c.id)));
      return d;
    },
    enabled: unfinished && ids.size > 0,
    refetchInterval: 3000,
    gcTime: 0,
  });

  const lines: Line[] = useMemo(
    () =>
      batch.results.map((r) => {
        const l = r.command ? live.get(r.command.id) : undefined;
        const name = batch.meters.get(r.meterId) ?? [r.meter?.address, r.meter?.room].filter(Boolean).join(' · ') ?? r.meterId;
        if (!r.command) return { meterId: r.meterId, name, error: r.error ?? '' };
        return { meterId: r.meterId, name, state: l?.state ?? r.command.state, error: l?.error ?? r.command.lastError };
      }),
    [batch, live],
  );
  const total = lines.length;
  const done = lines.filter((l) => l.state === 'confirmed').length;
  const failed = lines.filter((l) => !l.state || (commandDone(l.state) && l.state !== 'confirmed')).length;

  return (
    <Card
      size="small"
      data-testid="batch-progress"
      title={t('meters.progress', { action: t(`meters.command.${batch.kind}`) })}
      extra={<Button type="text" size="small" icon={<CloseOutlined />} onClick={onClose} aria-label={t('meters.cancel')} />}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space>
          <Progress
            type="circle"
            size={40}
            percent={total ? Math.round(((done + failed) * 100) / total) : 0}
            success={{ percent: total ? Math.round((done * 100) / total) : 0 }}
            status={failed ? 'exception' : undefined}
          />
          <Typography.Text data-testid="batch-summary">{t('meters.progressSummary', { done, total, failed })}</Typography.Text>
        </Space>
        <Table<Line>
          rowKey="meterId"
          size="small"
          pagination={false}
          dataSource={lines}
          loading={total === 0}
          scroll={{ y: 240 }}
          columns={[
            { title: t('meters.progressMeter'), dataIndex: 'name', width: 240 },
            {
              title: t('meters.progressState'),
              dataIndex: 'state',
              width: 120,
              render: (s?: CommandState) =>
                s ? (
                  <Tag color={stateColour[s]} data-testid="batch-state" data-state={s}>
                    {t(`meters.commandState.${s}`)}
                  </Tag>
                ) : (
                  <Tag color="error">{t('meters.noCommand')}</Tag>
                ),
            },
            { title: t('meters.progressError'), dataIndex: 'error', ellipsis: true },
          ]}
        />
      </Space>
    </Card>
  );
}
