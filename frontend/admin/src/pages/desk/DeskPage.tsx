import { FilePdfOutlined, PrinterOutlined, RollbackOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Form, Input, type InputRef, Modal, Radio, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { can, Permission, useMe } from '../../auth/session';
import { ErrorState } from '../../components/ErrorState';
import { useReportError } from '../../components/useReportError';
import { Channel, type DeskAccountFragment, type DeskEntryFragment } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { useSubscription } from '../../graphql/ws';
import { IntentKeys } from '../../lib/intent';
import { formatFen, parseYuan } from '../../lib/money';
import { printableTypes, receiptHref } from '../../lib/receiptLink';
import { formatShanghai } from '../../lib/shanghai';
import { PrintReceipt, Receipt, type ReceiptData } from './Receipt';
import { TenantSearch } from './TenantSearch';
import { TodayTakings } from './TodayTakings';
import { deskAccountQuery, deskBalanceSubscription, refundMutation, reverseMutation, sellMutation } from './operations';
import './desk.css';
import { validated } from '../../lib/forms';

type Op = 'sale' | 'refund';

interface Pending {
  op: Op;
  amountFen: number;
  channel: Channel;
  meterId?: string;
  note: string;
}

const channels = [Channel.Cash, Channel.Wechat, Channel.Alipay, Channel.Bank];

/**
 * The cashier's desk, keyboard first: find the tenant (/ or F2), type the amount, Enter,
 * check the balance before and after, Enter again; the receipt prints from the browser.
 */
export default function DeskPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const queries = useQueryClient();
  const reportError = useReportError();
  const searchRef = useRef<InputRef>(null);
  const amountRef = useRef<InputRef>(null);
  const [chosen, setChosen] = useState<DeskAccountFragment>();
  const [form] = Form.useForm<{ op: Op; amount: string; channel: Channel; meterId?: string; note: string }>();
  const [pending, setPending] = useState<Pending>();
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<ReceiptData>();
  const [reversing, setReversing] = useState<DeskEntryFragment>();
  const keys = useRef(new IntentKeys());
  const mayRefund = can(me, [Permission.Refund]);
  const mayReverse = can(me, [Permission.Reverse]);
  const maySell = can(me, [Permission.Sell]);

  // Coming from an account's page (/desk?account=12): that tenant is chosen already.
  const [params] = useSearchParams();
  const preset = params.get('account');
  useEffect(() => {
    if (!preset) return;
    const ac = new AbortController();
    request(deskAccountQuery, { id: preset }, ac.signal)
      .then((d) => d.account?.status === 'open' && choose(d.account))
      .catch(() => {});
    return () => ac.abort();
  }, [preset]);

  const detailKey = ['desk-account', chosen?.id];
  const detail = useQuery({
    queryKey: detailKey,
    queryFn: ({ signal }) => request(deskAccountQuery, { id: chosen!.id }, signal),
    enabled: !!chosen,
  });
  const account = detail.data?.account ?? chosen;
  // The balance moves with payments made elsewhere (a tenant paying by WeChat, another desk).
  useSubscription(deskBalanceSubscription, { accountId: chosen?.id }, () => void queries.invalidateQueries({ queryKey: ['desk-account', chosen?.id] }), {
    enabled: !!chosen,
  });

  const focusSearch = useCallback(() => {
    searchRef.current?.focus({ cursor: 'all' });
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && (e.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName));
      if (e.key === 'F2' || (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey)) {
        e.preventDefault();
        focusSearch();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focusSearch]);

  const choose = (a: DeskAccountFragment) => {
    setChosen(a);
    setReceipt(undefined);
    form.setFieldsValue({ amount: '', note: '', meterId: a.balanceMode === 'per_meter' ? a.meters[0]?.id : undefined });
    setTimeout(() => amountRef.current?.focus(), 0);
  };

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setPending({ op: v.op, amountFen: parseYuan(v.amount), channel: v.channel, meterId: v.meterId, note: v.note ?? '' });
  };

  const confirm = async () => {
    if (!pending || !account) return;
    const input = { accountId: account.id, amountFen: pending.amountFen, channel: pending.channel, meterId: pending.meterId, note: pending.note };
    const idempotencyKey = keys.current.keyFor(JSON.stringify({ op: pending.op, ...input }));
    setBusy(true);
    try {
      const entry =
        pending.op === 'sale'
          ? (await request(sellMutation, { input: { ...input, idempotencyKey } })).sell
          : (await request(refundMutation, { input: { ...input, idempotencyKey } })).refund;
      keys.current.done();
      finish(entry);
      form.setFieldsValue({ amount: '', note: '' });
    } catch (err) {
      setPending(undefined);
      reportError(err, form);
    } finally {
      setBusy(false);
    }
  };

  const finish = (entry: DeskEntryFragment) => {
    setPending(undefined);
    setReversing(undefined);
    if (account) setReceipt({ account: { ...account, balanceFen: entry.balanceAfterFen }, entry, cashier: me?.name ?? entry.actor });
    void queries.invalidateQueries({ queryKey: ['desk-account', account?.id] });
    void queries.invalidateQueries({ queryKey: ['desk-takings'] });
    void queries.invalidateQueries({ queryKey: ['desk-search'] });
  };

  const balance = account?.balanceFen ?? 0;
  const after = pending ? balance + (pending.op === 'sale' ? pending.amountFen : -pending.amountFen) : balance;

  return (
    <PageContainer title={t('desk.title')} subTitle={t('desk.subtitle')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card title={t('desk.findTenant')}>
            <TenantSearch inputRef={searchRef} onChoose={choose} />
          </Card>
          <TodayTakings />
        </Col>
        <Col xs={24} lg={15}>
          {!account ? (
            <Card>
              <Empty description={t('desk.chooseFirst')} />
            </Card>
          ) : (
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              <Card
                title={
                  <Space>
                    {account.shopNo && <Tag color="blue">{account.shopNo}</Tag>}
                    <span data-testid="desk-tenant">{account.tenantName}</span>
                  </Space>
                }
                extra={<Typography.Text type="secondary">{account.no}</Typography.Text>}
              >
                <Row gutter={16} align="middle">
                  <Col flex="220px">
                    <Statistic
                      className="vp-desk-balance"
                      title={t('desk.balance')}
                      value={formatFen(balance)}
                      valueStyle={{ color: balance <= 0 ? '#cf1322' : undefined }}
                      data-testid="desk-balance"
                    />
                  </Col>
                  <Col flex="auto">
                    <Descriptions size="small" column={1}>
                      <Descriptions.Item label={t('desk.phone')}>{account.phone}</Descriptions.Item>
                      <Descriptions.Item label={t('desk.site')}>{account.site.name}</Descriptions.Item>
                      <Descriptions.Item label={t('desk.meters')}>
                        {account.meters.length ? account.meters.map((m) => `${m.address}${m.room ? `（${m.room}）` : ''}`).join('、') : t('desk.noMeters')}
                      </Descriptions.Item>
                    </Descriptions>
                  </Col>
                </Row>
                {detail.isError && <Alert type="warning" showIcon message={t('desk.detailFailed')} />}
              </Card>
              {(maySell || mayRefund) && (
                <Card title={t('desk.operation')}>
                  <Form
                    form={form}
                    layout="vertical"
                    initialValues={{ op: maySell ? 'sale' : 'refund', channel: Channel.Cash, amount: '', note: '' }}
                    onFinish={() => void submit()}
                    requiredMark={false}
                  >
                    <Row gutter={16}>
                      <Col xs={24} md={8}>
                        <Form.Item name="op" label={t('desk.kind')}>
                          <Radio.Group optionType="button" buttonStyle="solid">
                            {maySell && <Radio.Button value="sale">{t('desk.type.sale')}</Radio.Button>}
                            {mayRefund && <Radio.Button value="refund">{t('desk.type.refund')}</Radio.Button>}
                          </Radio.Group>
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8}>
                        <Form.Item
                          name="amount"
                          label={t('desk.amount')}
                          rules={[
                            { required: true, message: t('desk.amountRequired') },
                            {
                              validator: (_, value: string) => {
                                if (!value) return Promise.resolve();
                                let fen: number;
                                try {
                                  fen = parseYuan(value);
                                } catch {
                                  return Promise.reject(new Error(t('desk.amountInvalid')));
                                }
                                if (fen <= 0) return Promise.reject(new Error(t('desk.amountPositive')));
                                if (form.getFieldValue('op') === 'refund' && fen > balance) {
                                  return Promise.reject(new Error(t('desk.refundTooMuch', { balance: formatFen(balance) })));
                                }
                                return Promise.resolve();
                              },
                            },
                          ]}
                        >
                          <Input ref={amountRef} size="large" prefix="¥" inputMode="decimal" autoComplete="off" data-testid="desk-amount" aria-label={t('desk.amount')} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8}>
                        <Form.Item name="channel" label={t('desk.channelLabel')}>
                          <Select size="large" options={channels.map((c) => ({ value: c, label: t(`desk.channel.${c}`) }))} />
                        </Form.Item>
                      </Col>
                      {account.balanceMode === 'per_meter' && (
                        <Col xs={24} md={12}>
                          <Form.Item name="meterId" label={t('desk.meter')} rules={[{ required: true, message: t('desk.meterRequired') }]}>
                            <Select
                              options={account.meters.map((m) => ({ value: m.id, label: `${m.address} ${m.room} · ${formatFen(m.balanceFen ?? 0)}` }))}
                            />
                          </Form.Item>
                        </Col>
                      )}
                      <Col xs={24} md={account.balanceMode === 'per_meter' ? 12 : 24}>
                        <Form.Item name="note" label={t('desk.note')} rules={[{ max: 500 }]}>
                          <Input maxLength={500} placeholder={t('desk.notePlaceholder')} />
                        </Form.Item>
                      </Col>
                    </Row>
                    <Space>
                      <Button type="primary" htmlType="submit" size="large" data-testid="desk-submit">
                        {t('desk.submit')} <Typography.Text keyboard>Enter</Typography.Text>
                      </Button>
                      <Typography.Text type="secondary">{t('desk.keysHint')}</Typography.Text>
                    </Space>
                  </Form>
                </Card>
              )}
              {receipt && (
                <Card
                  title={t('desk.done')}
                  extra={
                    <Space>
                      <Button type="primary" icon={<FilePdfOutlined />} href={receiptHref(receipt.entry.receiptNo, i18n.language)} target="_blank" data-testid="desk-print-pdf">
                        {t('desk.printPdf')}
                      </Button>
                      <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="desk-print">
                        {t('desk.print')}
                      </Button>
                    </Space>
                  }
                >
                  <Receipt data={receipt} testId="receipt" />
                  <PrintReceipt data={receipt} />
                </Card>
              )}
              <RecentEntries
                entries={detail.data?.account?.entries.nodes ?? []}
                reversed={new Set((detail.data?.reversals.nodes ?? []).map((r) => r.reverses?.id).filter((id): id is string => !!id))}
                loading={detail.isLoading}
                error={detail.isError ? detail.error : undefined}
                onRetry={() => void detail.refetch()}
                onReverse={mayReverse ? setReversing : undefined}
              />
            </Space>
          )}
        </Col>
      </Row>
      <Modal
        open={!!pending}
        title={pending && t('desk.confirmTitle', { type: t(`desk.type.${pending.op}`) })}
        okText={t('desk.confirmOk')}
        cancelText={t('desk.confirmCancel')}
        okButtonProps={{ autoFocus: true, id: 'desk-confirm' }}
        confirmLoading={busy}
        onOk={() => void confirm()}
        onCancel={() => {
          setPending(undefined);
          setTimeout(() => amountRef.current?.focus(), 0);
        }}
        destroyOnHidden
      >
        {pending && account && (
          <Descriptions column={1} bordered size="small" data-testid="desk-confirm-details">
            <Descriptions.Item label={t('desk.receipt.tenant')}>{`${account.tenantName}${account.shopNo ? `（${account.shopNo}）` : ''}`}</Descriptions.Item>
            <Descriptions.Item label={t('desk.receipt.amount')}>
              <Typography.Text strong>{formatFen(pending.amountFen)}</Typography.Text> · {t(`desk.channel.${pending.channel}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('desk.balanceBefore')}>{formatFen(balance)}</Descriptions.Item>
            <Descriptions.Item label={t('desk.balanceAfter')}>
              <Typography.Text strong type={after < 0 ? 'danger' : 'success'}>
                {formatFen(after)}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('desk.confirmHint')}
        </Typography.Paragraph>
      </Modal>
      {reversing && account && (
        <ReverseModal
          entry={reversing}
          balance={balance}
          onCancel={() => setReversing(undefined)}
          onDone={finish}
        />
      )}
    </PageContainer>
  );
}

// Amounts keep their sign and symbol on one line however narrow the column.
const noWrap = () => ({ style: { whiteSpace: 'nowrap' as const } });

function RecentEntries({
  entries,
  reversed,
  loading,
  error,
  onRetry,
  onReverse,
}: {
  entries: (DeskEntryFragment & { reverses?: { id: string } | null })[];
  reversed: Set<string>;
  loading: boolean;
  error?: unknown;
  onRetry: () => void;
  onReverse?: (e: DeskEntryFragment) => void;
}) {
  const { t, i18n } = useTranslation();
  if (error) {
    return (
      <Card title={t('desk.recent')}>
        <ErrorState error={error} onRetry={onRetry} />
      </Card>
    );
  }
  return (
    <Card title={t('desk.recent')}>
      <Table
        size="small"
        rowKey="id"
        loading={loading}
        pagination={false}
        dataSource={entries}
        locale={{ emptyText: t('desk.noEntries') }}
        columns={[
          { title: t('desk.col.time'), dataIndex: 'createdAt', render: (v: string) => formatShanghai(v), width: 170 },
          { title: t('desk.col.type'), dataIndex: 'type', render: (v: string) => t(`desk.type.${v}` as 'desk.type.sale') },
          { title: t('desk.col.amount'), dataIndex: 'amountFen', align: 'right', onCell: noWrap, render: (v: number) => formatFen(v, { plusSign: true }) },
          { title: t('desk.col.balanceAfter'), dataIndex: 'balanceAfterFen', align: 'right', onCell: noWrap, render: (v: number) => formatFen(v) },
          {
            title: t('desk.col.receiptNo'),
            dataIndex: 'receiptNo',
            ellipsis: true,
            // A printable entry's number reprints its receipt (PDF, marked 重打).
            render: (no: string, e: DeskEntryFragment) =>
              printableTypes.includes(e.type) ? (
                <a href={receiptHref(no, i18n.language, true)} target="_blank" rel="noreferrer" title={t('desk.reprint')} data-testid="desk-reprint">
                  <FilePdfOutlined /> {no}
                </a>
              ) : (
                no
              ),
          },
          { title: t('desk.col.actor'), dataIndex: 'actor', ellipsis: true },
          ...(onReverse
            ? [
                {
                  title: t('desk.col.action'),
                  key: 'action',
                  render: (_: unknown, e: DeskEntryFragment) =>
                    (e.type === 'sale' || e.type === 'refund') &&
                    (reversed.has(e.id) ? (
                      <Tag>{t('desk.reversed')}</Tag>
                    ) : (
                      <Button size="small" danger icon={<RollbackOutlined />} onClick={() => onReverse(e)}>
                        {t('desk.reverse')}
                      </Button>
                    )),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function ReverseModal({ entry, balance, onCancel, onDone }: { entry: DeskEntryFragment; balance: number; onCancel: () => void; onDone: (e: DeskEntryFragment) => void }) {
  const { t } = useTranslation();
  const reportError = useReportError();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const keys = useMemo(() => new IntentKeys(), []);
  // Reversing a sale also reverses the service fee taken on it.
  const delta = -(entry.amountFen + (entry.fee?.amountFen ?? 0));
  const run = async () => {
    const v = await validated(form);
    if (!v) return;
    const { reason } = v;
    setBusy(true);
    try {
      const idempotencyKey = keys.keyFor(JSON.stringify({ entryId: entry.id, reason }));
      const done = (await request(reverseMutation, { input: { entryId: entry.id, reason, idempotencyKey } })).reverseEntry;
      keys.done();
      onDone(done);
    } catch (err) {
      reportError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open cancelText={t('accounts.cancel')} title={t('desk.reverseTitle')} okText={t('desk.reverse')} okButtonProps={{ danger: true }} confirmLoading={busy} onOk={() => void run()} onCancel={onCancel}>
      <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('desk.col.receiptNo')}>{entry.receiptNo}</Descriptions.Item>
        <Descriptions.Item label={t('desk.col.type')}>{t(`desk.type.${entry.type}` as 'desk.type.sale')}</Descriptions.Item>
        <Descriptions.Item label={t('desk.col.amount')}>{formatFen(entry.amountFen, { plusSign: true })}</Descriptions.Item>
        <Descriptions.Item label={t('desk.balanceBefore')}>{formatFen(balance)}</Descriptions.Item>
        <Descriptions.Item label={t('desk.balanceAfter')}>
          <Typography.Text strong type={balance + delta < 0 ? 'danger' : undefined}>
            {formatFen(balance + delta)}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Form form={form} layout="vertical" onFinish={() => void run()}>
        <Form.Item name="reason" label={t('desk.reverseReason')} rules={[{ required: true, whitespace: true, message: t('desk.reverseReasonRequired') }, { max: 500 }]}>
          <Input.TextArea autoFocus maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
