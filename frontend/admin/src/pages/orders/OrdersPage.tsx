import { ModalForm, PageContainer, ProFormText, ProFormTextArea, type ProColumns } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Form, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CellText } from '../../components/CellText';
import { CursorTable } from '../../components/CursorTable';
import { DayRangeFilter } from '../../components/DayRangeFilter';
import { useReportError } from '../../components/useReportError';
import { useUrlFilter } from '../../components/useUrlFilter';
import { can, Permission, useMe } from '../../auth/session';
import { graphql } from '../../gql';
import { Channel, RechargeOrderState, type OrdersPageQuery, type RechargeOrderFilter, type RefundState } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { useSubscription } from '../../graphql/ws';
import { compactFilter } from '../../lib/listFilter';
import { formatFen, parseYuan } from '../../lib/money';
import { dayEnd, dayStart, formatTime } from '../../lib/time';

const ordersQuery = graphql(`
  query OrdersPage($filter: RechargeOrderFilter, $first: Int, $after: String, $last: Int, $before: String) {
    rechargeOrders(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        outTradeNo
        account {
          id
          no
          tenantName
          shopNo
          balanceFen
        }
        channel
        method
        amountFen
        state
        transactionId
        refundedFen
        flag
        createdAt
        paidAt
        refunds {
          id
          outRefundNo
          amountFen
          reason
          state
          actor
          flag
          createdAt
          settledAt
        }
      }
    }
  }
`);

const refundOrder = graphql(`
  mutation RefundRechargeOrder($input: RefundRechargeOrderInput!) {
    refundRechargeOrder(input: $input) {
      id
      state
      amountFen
    }
  }
`);

const ordersLive = graphql(`
  subscription OrdersPageLive {
    balanceChanged {
      order {
        id
      }
    }
  }
`);

type Row = OrdersPageQuery['rechargeOrders']['nodes'][number];
type Refund = Row['refunds'][number];

const stateColour: Record<RechargeOrderState, string> = { pending: 'processing', paid: 'success', closed: 'default', refunded: 'warning' };
const refundColour: Record<RefundState, string> = { processing: 'processing', succeeded: 'success', failed: 'error' };

/** Self-service recharge orders (WeChat Pay, Alipay) and their refunds through the same channel. */
export default function OrdersPage() {
  const { t } = useTranslation();
  const f = useUrlFilter();
  const me = useMe().data;
  const mayRefund = can(me, [Permission.Refund]);
  const queries = useQueryClient();
  // An order paid, closed or refunded anywhere (a refund settles when the provider says so).
  useSubscription(ordersLive, {}, (d) => {
    if (d.balanceChanged.order) void queries.invalidateQueries({ queryKey: ['rechargeOrders'] });
  });
  const state = f.get('state');
  const channel = f.get('channel');
  const flagged = f.get('flagged') === '1';
  const from = f.get('from');
  const to = f.get('to');
  const filter: RechargeOrderFilter = {
    ...compactFilter({
      state: state as RechargeOrderState | undefined,
      channel: channel as Channel | undefined,
      from: from ? dayStart(from) : undefined,
      to: to ? dayEnd(to) : undefined,
    }),
    ...(flagged ? { flagged: true } : {}),
  };

  // At 1440×900 the visible columns fit without scrolling (the account takes what is left); the order number
  // stays at the left and the action at the right when the operator shows more columns.
  const columns: ProColumns<Row>[] = [
    {
      title: t('orders.outTradeNo'),
      dataIndex: 'outTradeNo',
      width: 270,
      fixed: 'left',
      // Wide enough for the whole number (26 characters) and its copy button: never cut.
      render: (_, o) => <Typography.Text copyable>{o.outTradeNo}</Typography.Text>,
    },
    {
      title: t('orders.account'),
      key: 'account',
      ellipsis: true,
      render: (_, o) => <CellText text={[o.account.shopNo, o.account.tenantName].filter(Boolean).join(' ') || o.account.no} />,
    },
    { title: t('orders.channel'), dataIndex: 'channel', width: 90, render: (_, o) => t(`channel.${o.channel}`) },
    { title: t('orders.method'), dataIndex: 'method', width: 80, render: (_, o) => t(`payMethod.${o.method}`) },
    { title: t('orders.amount'), dataIndex: 'amountFen', width: 110, align: 'right', render: (_, o) => formatFen(o.amountFen) },
    {
      title: t('orders.refunded'),
      dataIndex: 'refundedFen',
      width: 90,
      align: 'right',
      render: (_, o) => (Number(o.refundedFen) ? formatFen(o.refundedFen) : '—'),
    },
    {
      title: t('orders.state'),
      dataIndex: 'state',
      width: 120,
      render: (_, o) => (
        <Space size={4}>
          <Tag color={stateColour[o.state]}>{t(`orderState.${o.state}`)}</Tag>
          {o.flag && (
            <Tooltip title={o.flag}>
              <Tag color="red">{t('orders.flagged')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: t('orders.createdAt'), dataIndex: 'createdAt', width: 140, render: (_, o) => formatTime(o.createdAt, 'minute') },
    { title: t('orders.paidAt'), dataIndex: 'paidAt', width: 140, render: (_, o) => formatTime(o.paidAt, 'minute') || '—' },
    {
      title: t('crud.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, o) =>
        mayRefund &&
        o.state === RechargeOrderState.Paid && <RefundForm order={o} onDone={() => void queries.invalidateQueries({ queryKey: ['rechargeOrders'] })} />,
    },
  ];

  const filters = (
    <Space wrap key="filters">
      <Select<string>
        allowClear
        placeholder={t('orders.anyState')}
        value={state}
        style={{ width: 120 }}
        onChange={(v) => f.set({ state: v })}
        options={Object.values(RechargeOrderState).map((s) => ({ value: s, label: t(`orderState.${s}`) }))}
      />
      <Select<string>
        allowClear
        placeholder={t('orders.anyChannel')}
        value={channel}
        style={{ width: 120 }}
        onChange={(v) => f.set({ channel: v })}
        options={[Channel.Wechat, Channel.Alipay].map((c) => ({ value: c, label: t(`channel.${c}`) }))}
      />
      <DayRangeFilter filter={f} />
      <Space size={4}>
        <Switch size="small" checked={flagged} onChange={(v) => f.set({ flagged: v ? '1' : undefined })} />
        {t('orders.onlyFlagged')}
      </Space>
    </Space>
  );

  return (
    <PageContainer title={t('orders.title')} subTitle={t('orders.subtitle')}>
      <CursorTable<Row>
        testId="orders-table"
        queryKey={['rechargeOrders', filter]}
        load={(page, signal) => request(ordersQuery, { filter, ...page }, signal).then((d) => d.rechargeOrders)}
        rowKey="id"
        columns={columns}
        title={filters}
        exportList="rechargeOrders"
        exportFilter={filter}
        emptyText={t('orders.none')}
        expandedRowRender={(o) => <Refunds order={o} />}
        hiddenColumns={['method', 'paidAt']}
        scrollX={1080}
      />
    </PageContainer>
  );
}

function Refunds({ order }: { order: Row }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={3}>
        <Descriptions.Item label={t('orders.accountNo')}>{order.account.no}</Descriptions.Item>
        <Descriptions.Item label={t('orders.transactionId')}>{order.transactionId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('orders.flag')}>{order.flag || '—'}</Descriptions.Item>
      </Descriptions>
      <Table<Refund>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={order.refunds}
        locale={{ emptyText: t('orders.noRefunds') }}
        columns={[
          { title: t('orders.outRefundNo'), dataIndex: 'outRefundNo' },
          { title: t('orders.amount'), dataIndex: 'amountFen', align: 'right', render: (v: Refund['amountFen']) => formatFen(v) },
          { title: t('orders.reason'), dataIndex: 'reason' },
          { title: t('orders.state'), dataIndex: 'state', render: (s: RefundState) => <Tag color={refundColour[s]}>{t(`refundState.${s}`)}</Tag> },
          { title: t('orders.actor'), dataIndex: 'actor' },
          { title: t('orders.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, 'minute') },
          { title: t('orders.settledAt'), dataIndex: 'settledAt', render: (v: string | null) => formatTime(v, 'minute') },
        ]}
      />
    </Space>
  );
}

/** The fen of an order not yet refunded. */
function refundable(o: Row): bigint {
  return BigInt(o.amountFen) - BigInt(o.refundedFen);
}

/**
 * Refunds part or all of a paid order through its channel, after showing what it does: the
 * amount back to the payer and the account's balance before and after.
 */
function RefundForm({ order, onDone }: { order: Row; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const [form] = Form.useForm<{ amount: string; reason: string }>();
  const amountText = Form.useWatch('amount', form);
  const max = refundable(order);
  let amount: number | undefined;
  try {
    amount = amountText ? parseYuan(amountText) : undefined;
  } catch {
    amount = undefined;
  }
  const balance = BigInt(order.account.balanceFen);
  return (
    <ModalForm<{ amount: string; reason: string }>
      title={t('orders.refundTitle', { no: order.outTradeNo })}
      form={form}
      width={520}
      modalProps={{ destroyOnHidden: true, okText: t('orders.refundOk'), okButtonProps: { danger: true } }}
      initialValues={{ amount: formatFen(max, { symbol: false }).replaceAll(',', '') }}
      trigger={
        <Button type="link" danger size="small">
          {t('orders.refund')}
        </Button>
      }
      onFinish={async (v) => {
        try {
          await request(refundOrder, {
            input: { orderId: order.id, amountFen: parseYuan(v.amount), reason: v.reason.trim(), idempotencyKey: idempotencyKey(order.id, form) },
          });
          keys.delete(form);
          void message.success(t('orders.refundAsked'));
          onDone();
          return true;
        } catch (err) {
          report(err, form);
          return false;
        }
      }}
    >
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('orders.account')}>
          {[order.account.shopNo, order.account.tenantName].filter(Boolean).join(' ')} ({order.account.no})
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.paidAmount')}>{formatFen(order.amountFen)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.refundable')}>{formatFen(max)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.balanceBefore')}>{formatFen(balance)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.balanceAfter')}>
          <span data-testid="balance-after">{amount !== undefined ? formatFen(balance - BigInt(amount)) : '—'}</span>
        </Descriptions.Item>
      </Descriptions>
      <ProFormText
        name="amount"
        label={t('orders.refundAmount')}
        fieldProps={{ prefix: '¥', inputMode: 'decimal' }}
        rules={[
          { required: true, message: t('orders.amountRequired') },
          {
            validator: (_, v: string) => {
              if (!v) return Promise.resolve();
              let fen: number;
              try {
                fen = parseYuan(v);
              } catch {
                return Promise.reject(new Error(t('orders.amountInvalid')));
              }
              if (fen <= 0) return Promise.reject(new Error(t('orders.amountInvalid')));
              if (BigInt(fen) > max) return Promise.reject(new Error(t('orders.amountTooLarge', { max: formatFen(max) })));
              return Promise.resolve();
            },
          },
        ]}
      />
      <ProFormTextArea
        name="reason"
        label={t('orders.reason')}
        rules={[
          { required: true, whitespace: true, message: t('orders.reasonRequired') },
          { max: 500, message: t('crud.maxLength', { max: 500 }) },
        ]}
      />
      <Alert type="warning" showIcon message={t('orders.refundWarning')} />
    </ModalForm>
  );
}

// One idempotency key per refund being asked: a retry after a failed or lost answer sends the
// same key, so the provider is asked once; a success forgets it, so the next refund is new.
const keys = new WeakMap<object, string>();
function idempotencyKey(orderId: string, form: object): string {
  let k = keys.get(form);
  if (!k) {
    k = `refund-${orderId}-${crypto.randomUUID()}`;
    keys.set(form, k);
  }
  return k;
}
