import { PrinterOutlined } from '@ant-design/icons';
import { PageContainer, ProCard } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Empty, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { PageLoading } from '../../components/PageLoading';
import { useUrlFilter } from '../../components/useUrlFilter';
import { graphql } from '../../gql';
import type { DailySettlementQuery, SettlementFilter } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { compactFilter } from '../../lib/listFilter';
import { formatFen } from '../../lib/money';
import { formatShanghai } from '../../lib/shanghai';
import { ExportButton, SitePicker, today, type Figures } from './reportParts';
import './reports.css';

const settlementQuery = graphql(`
  query DailySettlement($filter: SettlementFilter!) {
    dailySettlement(filter: $filter) {
      day
      cashiers {
        operatorId
        name
        byChannel {
          channel
          salesFen
          salesCount
          refundsFen
          refundCount
          reversalsFen
          reversalCount
          netFen
        }
        total {
          salesFen
          salesCount
          refundsFen
          refundCount
          reversalsFen
          reversalCount
          netFen
        }
      }
      byChannel {
        channel
        salesFen
        salesCount
        refundsFen
        refundCount
        reversalsFen
        reversalCount
        netFen
      }
      total {
        salesFen
        salesCount
        refundsFen
        refundCount
        reversalsFen
        reversalCount
        netFen
      }
    }
  }
`);

type Settlement = DailySettlementQuery['dailySettlement'];

/** One line of the sheet: a cashier's channel, a cashier's subtotal, or the day's total. */
interface Line extends Figures {
  key: string;
  cashier: string;
  channel: string;
  kind: 'channel' | 'subtotal' | 'total';
}

function lines(d: Settlement, total: string): Line[] {
  const out: Line[] = [];
  for (const c of d.cashiers) {
    const who = `${c.operatorId ?? ''}:${c.name}`;
    c.byChannel.forEach((ch, i) => out.push({ ...ch, key: `${who}:${ch.channel}`, cashier: i === 0 ? c.name : '', kind: 'channel' }));
    out.push({ ...c.total, key: `${who}:total`, cashier: '', channel: '', kind: 'subtotal' });
  }
  d.byChannel.forEach((ch, i) => out.push({ ...ch, key: `day:${ch.channel}`, cashier: i === 0 ? total : '', kind: 'channel' }));
  out.push({ ...d.total, key: 'day:total', cashier: '', channel: '', kind: 'total' });
  return out;
}

/** The settlement table: on screen, and in the printed sheet. */
function SettlementTable({ d }: { d: Settlement }) {
  const { t } = useTranslation();
  const cell = (fen: number, n: number) => (n === 0 ? '—' : `${formatFen(fen)} (${n})`);
  if (d.cashiers.length === 0) return <Empty description={t('reports.settlement.none')} />;
  return (
    <Table<Line>
      size="small"
      bordered
      pagination={false}
      dataSource={lines(d, t('reports.settlement.dayTotal'))}
      rowClassName={(l) => (l.kind === 'channel' ? '' : 'vp-report-total')}
      columns={[
        { title: t('reports.settlement.cashier'), dataIndex: 'cashier' },
        {
          title: t('reports.channel'),
          dataIndex: 'channel',
          render: (_, l) => (l.kind === 'subtotal' ? t('reports.subtotal') : l.kind === 'total' ? t('reports.total') : t(`channel.${l.channel}` as 'channel.cash')),
        },
        { title: t('reports.col.sales'), key: 'sales', align: 'right', render: (_, l) => cell(l.salesFen, l.salesCount) },
        { title: t('reports.col.refunds'), key: 'refunds', align: 'right', render: (_, l) => cell(l.refundsFen, l.refundCount) },
        { title: t('reports.col.reversals'), key: 'reversals', align: 'right', render: (_, l) => cell(l.reversalsFen, l.reversalCount) },
        { title: t('reports.col.net'), key: 'net', align: 'right', render: (_, l) => <strong>{formatFen(l.netFen)}</strong> },
      ]}
      data-testid="settlement-table"
    />
  );
}

/**
 * 日结: what each cashier took on a day, by channel, with the day's totals; printed from the
 * browser as a sheet to sign. A cashier sees their own takings (the server confines it).
 */
export default function SettlementPage() {
  const { t } = useTranslation();
  const f = useUrlFilter();
  const day = f.get('day') ?? today();
  const filter: SettlementFilter = { ...compactFilter({ siteId: f.get('siteId') }), day };
  const q = useQuery({ queryKey: ['reports', 'settlement', filter], queryFn: ({ signal }) => request(settlementQuery, { filter }, signal) });
  const d = q.data?.dailySettlement;
  return (
    <PageContainer title={t('reports.settlement.title')} subTitle={t('reports.settlement.subtitle')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <SitePicker filter={f} />
        <DatePicker allowClear={false} value={dayjs(day)} onChange={(v) => f.set({ day: v?.format('YYYY-MM-DD') })} data-testid="settlement-day" />
        <ExportButton report="dailySettlement" filter={filter} />
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!d} data-testid="settlement-print">
          {t('reports.settlement.print')}
        </Button>
      </Space>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : !d ? (
        <PageLoading />
      ) : (
        <>
          <ProCard title={t('reports.settlement.sheet', { day: d.day })} bordered>
            <SettlementTable d={d} />
          </ProCard>
          {/* The printed sheet: directly under <body>, hidden on screen; printing shows only it. */}
          {createPortal(
            <div className="vp-print-root vp-settlement-print">
              <h2>{t('reports.settlement.sheet', { day: d.day })}</h2>
              <SettlementTable d={d} />
              <p className="vp-settlement-sign">
                <span>{t('reports.settlement.signCashier')}</span>
                <span>{t('reports.settlement.signFinance')}</span>
                <span>{t('reports.settlement.printedAt', { at: formatShanghai(new Date()).slice(0, 16) })}</span>
              </p>
            </div>,
            document.body,
          )}
        </>
      )}
    </PageContainer>
  );
}
