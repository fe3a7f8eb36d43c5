import { useQuery } from '@tanstack/react-query';
import { App, Alert, Col, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../components/useReportError';
import { Channel } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { IntentKeys } from '../../lib/intent';
import { formatFen, parseYuan } from '../../lib/money';
import { freeMetersQuery, openAccountMutation } from './operations';
import { validated } from '../../lib/forms';

/** Mainland mobile (13812345678) or landline (021-12345678), as the server accepts. */
export const phonePattern = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

interface Values {
  siteId: string;
  tenantName: string;
  shopNo?: string;
  phone: string;
  meterIds: string[];
  firstSale: boolean;
  amount?: string;
  channel: Channel;
  note?: string;
}

const amountOrZero = (v?: string) => {
  try {
    return v ? parseYuan(v) : 0;
  } catch {
    return 0;
  }
};

/** Opening an account (开户), with its meters and a first sale (开户售电) in one step. */
export function OpenAccountModal({ sites, onCancel, onOpened }: { sites: { id: string; name: string }[]; onCancel: () => void; onOpened: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [meterSearch, setMeterSearch] = useState('');
  const keys = useMemo(() => new IntentKeys(), []);
  const siteId = Form.useWatch('siteId', form);
  const firstSale = Form.useWatch('firstSale', form);
  const amount = Form.useWatch('amount', form);
  const meters = useQuery({
    queryKey: ['free-meters', siteId, meterSearch],
    queryFn: ({ signal }) => request(freeMetersQuery, { siteId: siteId!, search: meterSearch || undefined }, signal),
    enabled: !!siteId,
  });

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const input = {
      account: { siteId: v.siteId, tenantName: v.tenantName.trim(), shopNo: v.shopNo?.trim() || undefined, phone: v.phone.trim(), note: v.note?.trim() || undefined },
      meterIds: v.meterIds ?? [],
      firstSale: v.firstSale && v.amount ? { amountFen: parseYuan(v.amount), channel: v.channel, idempotencyKey: '' } : undefined,
    };
    const key = keys.keyFor(JSON.stringify(input));
    if (input.firstSale) input.firstSale.idempotencyKey = `${key}-sale`;
    setBusy(true);
    try {
      const r = (await request(openAccountMutation, { input: { ...input, idempotencyKey: key } })).openAccount;
      keys.done();
      void message.success(t('accounts.form.opened', { name: r.account.tenantName }));
      onOpened(r.account.id);
    } catch (err) {
      reportError(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open cancelText={t('accounts.cancel')} width={640} title={t('accounts.form.openTitle')} okText={t('accounts.open')} confirmLoading={busy} onOk={() => void submit()} onCancel={onCancel} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ siteId: sites.length === 1 ? sites[0].id : undefined, meterIds: [], firstSale: true, channel: Channel.Cash }}
        onFinish={() => void submit()}
        data-testid="open-account-form"
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="siteId" label={t('accounts.site')} rules={[{ required: true, message: t('accounts.form.siteRequired') }]}>
              <Select options={sites.map((s) => ({ value: s.id, label: s.name }))} onChange={() => form.setFieldValue('meterIds', [])} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="shopNo" label={t('accounts.form.shopNo')} rules={[{ max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="tenantName" label={t('accounts.form.tenantName')} rules={[{ required: true, whitespace: true, message: t('accounts.form.tenantNameRequired') }, { max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="phone"
              label={t('accounts.form.phone')}
              rules={[
                { required: true, message: t('accounts.form.phoneRequired') },
                { pattern: phonePattern, message: t('accounts.form.phoneInvalid') },
              ]}
            >
              <Input maxLength={32} inputMode="tel" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="meterIds" label={t('accounts.form.meters')}>
              <Select
                mode="multiple"
                showSearch
                filterOption={false}
                onSearch={setMeterSearch}
                loading={meters.isFetching}
                placeholder={t('accounts.form.metersPlaceholder')}
                options={(meters.data?.meters.nodes ?? []).map((m) => ({ value: m.id, label: `${m.address}${m.room ? ` · ${m.room}` : ''}` }))}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="firstSale" label={t('accounts.form.firstSale')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {firstSale && (
            <>
              <Col span={9}>
                <Form.Item
                  name="amount"
                  label={t('accounts.form.firstSaleAmount')}
                  rules={[
                    { required: true, message: t('desk.amountRequired') },
                    {
                      validator: (_, value: string) => {
                        if (!value) return Promise.resolve();
                        try {
                          if (parseYuan(value) > 0) return Promise.resolve();
                          return Promise.reject(new Error(t('desk.amountPositive')));
                        } catch {
                          return Promise.reject(new Error(t('accounts.form.firstSaleAmountInvalid')));
                        }
                      },
                    },
                  ]}
                >
                  <Input prefix="¥" inputMode="decimal" autoComplete="off" />
                </Form.Item>
              </Col>
              <Col span={9}>
                <Form.Item name="channel" label={t('desk.channelLabel')}>
                  <Select options={[Channel.Cash, Channel.Wechat, Channel.Alipay, Channel.Bank].map((c) => ({ value: c, label: t(`desk.channel.${c}`) }))} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={24}>
            <Form.Item name="note" label={t('accounts.form.note')} rules={[{ max: 500 }]}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
        {firstSale && amountOrZero(amount) > 0 && (
          <Alert type="info" showIcon message={`${t('desk.balanceBefore')} ${formatFen(0)} → ${t('desk.balanceAfter')} ${formatFen(amountOrZero(amount))}`} />
        )}
      </Form>
    </Modal>
  );
}
