import { useQuery } from '@tanstack/react-query';
import { Badge, Descriptions, Drawer, Empty, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import type { AlarmKind, CommandKind, CommandState, MeterDetailQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { formatWh } from '../../lib/energy';
import { formatFen } from '../../lib/money';
import { formatShanghai } from '../../lib/shanghai';
import { meterDetailQuery } from './operations';
import { StatusTag } from './StatusTag';
import { meterStatusLabel, relayColour } from '../../lib/meterStatus';

type Detail = NonNullable<MeterDetailQuery['meter']>;
type CommandRow = NonNullable<Detail['commands']>['nodes'][number];

/** Tenths, hundredths, thousandths of a unit as a decimal string, without a float step. */
function scaled(v: number | null | undefined, digits: number, unit: string): string {
  if (v == null) return '—';
  const s = String(Math.abs(v)).padStart(digits + 1, '0');
  return `${v < 0 ? '-' : ''}${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)} ${unit}`.trim();
}

/** One meter: what it is, its latest reading and registers, its relay, commands and alarms. */
export function MeterDrawer({ id, onClose }: { id?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['meter-detail', id],
    queryFn: ({ signal }) => request(meterDetailQuery, { id: id! }, signal),
    enabled: !!id,
    refetchInterval: 15_000,
  });
  const m = q.data?.meter;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={720}
      title={m ? t('meters.detail.title', { address: m.address }) : ''}
      extra={m && <StatusTag status={m.displayStatus} />}
      loading={q.isLoading}
      data-testid="meter-drawer"
    >
      {q.isError && !m ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : m ? <DetailBody m={m} /> : null}
    </Drawer>
  );
}

function DetailBody({ m }: { m: Detail }) {
  const { t } = useTranslation();
  const r = m.latestReading;
  const balance = m.balanceFen ?? m.account?.balanceFen;
  return (
    <Space direction="vertical" size={20} style={{ width: '100%' }}>
      <Descriptions size="small" bordered column={2} title={t('meters.detail.basics')}>
        <Descriptions.Item label={t('meters.col.place')}>{[m.building?.name, m.floor, m.room].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('meters.detail.model')}>{[m.model, `${m.phases}φ`].filter(Boolean).join(' ')}</Descriptions.Item>
        <Descriptions.Item label={t('meters.detail.gateway')}>{m.gateway?.name ?? t('meters.detail.direct')}</Descriptions.Item>
        <Descriptions.Item label={t('meters.detail.protocol')}>{m.protocol === 'dlt645' ? 'DL/T 645' : 'Modbus'}</Descriptions.Item>
        <Descriptions.Item label={t('meters.detail.ctRatio')}>{m.ctRatio}</Descriptions.Item>
        <Descriptions.Item label={t('meters.detail.tariff')}>{m.tariff?.name ?? t('meters.detail.none')}</Descriptions.Item>
        <Descriptions.Item label={t('meters.detail.account')}>
          {m.account ? [m.account.shopNo, m.account.tenantName].filter(Boolean).join(' ') : meterStatusLabel(t, 'not_opened')}
        </Descriptions.Item>
        <Descriptions.Item label={t('meters.detail.balance')}>{balance == null ? '—' : formatFen(balance)}</Descriptions.Item>
        <Descriptions.Item label={t('meters.col.relay')}>
          <Tag color={relayColour(m.relay)} data-testid="drawer-relay">
            {t(`meters.relay.${m.relay}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('meters.col.controlMode')}>{t(`meters.controlMode.${m.controlMode}`)}</Descriptions.Item>
        <Descriptions.Item label={t('meters.detail.online')}>
          <Badge status={m.online ? 'success' : 'error'} text={m.online ? t('dashboard.online') : t('dashboard.offline')} />
        </Descriptions.Item>
        <Descriptions.Item label={t('meters.detail.prepaidMode')}>{t(`meters.prepaidMode.${m.prepaidMode}`)}</Descriptions.Item>
      </Descriptions>

      {r ? (
        <>
          <Descriptions size="small" bordered column={3} title={t('meters.detail.latest')} extra={<Typography.Text type="secondary">{formatShanghai(r.readAt)}</Typography.Text>}>
            <Descriptions.Item label={t('meters.detail.voltage')}>{scaled(r.voltageDv, 1, 'V')}</Descriptions.Item>
            <Descriptions.Item label={t('meters.detail.current')}>{scaled(r.currentMa, 3, 'A')}</Descriptions.Item>
            <Descriptions.Item label={t('meters.detail.power')}>{r.powerW == null ? '—' : `${r.powerW} W`}</Descriptions.Item>
            <Descriptions.Item label={t('meters.detail.powerFactor')}>{scaled(r.powerFactorMilli, 3, '')}</Descriptions.Item>
            <Descriptions.Item label={t('meters.detail.frequency')}>{scaled(r.frequencyChz, 2, 'Hz')}</Descriptions.Item>
            <Descriptions.Item label={t('meters.col.relay')}>{r.relay ? t(`meters.relay.${r.relay}`) : '—'}</Descriptions.Item>
          </Descriptions>
          <Descriptions size="small" bordered column={3} title={t('meters.detail.registers')}>
            <Descriptions.Item label={t('meters.detail.total')}>{formatWh(r.energyWh, false)}</Descriptions.Item>
            <Descriptions.Item label={t('meters.detail.sharp')}>{formatWh(r.sharpWh, false)}</Descriptions.Item>
            <Descriptions.Item label={t('meters.detail.peak')}>{formatWh(r.peakWh, false)}</Descriptions.Item>
            <Descriptions.Item label={t('meters.detail.flat')}>{formatWh(r.flatWh, false)}</Descriptions.Item>
            <Descriptions.Item label={t('meters.detail.valley')}>{formatWh(r.valleyWh, false)}</Descriptions.Item>
            <Descriptions.Item label={t('meters.detail.reverse')}>{formatWh(r.reverseWh, false)}</Descriptions.Item>
          </Descriptions>
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meters.detail.noReading')} />
      )}

      <div>
        <Typography.Title level={5}>{t('meters.detail.commands')}</Typography.Title>
        <Table<CommandRow>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={m.commands?.nodes ?? []}
          locale={{ emptyText: t('meters.detail.noCommands') }}
          columns={[
            { title: t('meters.detail.commandKind'), dataIndex: 'kind', render: (k: CommandKind) => t(`meters.command.${k}`) },
            { title: t('meters.progressState'), dataIndex: 'state', render: (s: CommandState) => t(`meters.commandState.${s}`) },
            { title: t('meters.detail.attempts'), dataIndex: 'attempts', width: 70, align: 'right' },
            { title: t('meters.detail.by'), dataIndex: 'createdBy', ellipsis: true },
            { title: t('meters.detail.createdAt'), dataIndex: 'createdAt', width: 170, render: (at: string) => formatShanghai(at) },
          ]}
        />
      </div>

      <div>
        <Typography.Title level={5}>{t('meters.detail.alarms')}</Typography.Title>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={m.activeAlarms}
          locale={{ emptyText: t('meters.detail.noAlarms') }}
          columns={[
            { title: t('dashboard.alarmKind'), dataIndex: 'kind', width: 130, render: (k: AlarmKind) => t(`alarmKind.${k}`) },
            { title: t('dashboard.alarmMessage'), dataIndex: 'message', ellipsis: true },
            { title: t('dashboard.alarmRaisedAt'), dataIndex: 'raisedAt', width: 170, render: (at: string) => formatShanghai(at) },
          ]}
        />
      </div>
    </Space>
  );
}
