import { useQuery } from '@tanstack/react-query';
import { Alert, App, Descriptions, Form, Input, Modal, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useReportError } from '../../components/useReportError';
import { Channel } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { parseKwh } from '../../lib/energy';
import { IntentKeys } from '../../lib/intent';
import { formatFen } from '../../lib/money';
import { phonePattern } from './OpenAccountModal';
import { closeAccountMutation, createTenantUserMutation, freeMetersQuery, replaceMeterMutation } from './operations';
import { validated } from '../../lib/forms';
import { passwordRule } from '../../lib/password';

// The account page's dialogs: each validates before sending, shows what will happen, and
// puts the server's error under the field it names.

interface AccountRef {
  id: string;
  tenantName: string;
  balanceFen: number;
  site: { id: string };
}

/** Closing an account (销户) with its final settlement: the whole balance refunded. */
export function CloseAccountModal({ account, onClose, onDone }: { account: AccountRef; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<{ channel: Channel; note?: string }>();
  const [busy, setBusy] = useState(false);
  const keys = useMemo(() => new IntentKeys(), []);
  const run = async () => {
    const v = await validated(form);
    if (!v) return;
    setBusy(true);
    try {
      const input = { accountId: account.id, channel: v.channel, note: v.note ?? '' };
      await request(closeAccountMutation, { input: { ...input, idempotencyKey: keys.keyFor(JSON.stringify(input)) } });
      keys.done();
      void message.success(t('accounts.close.done'));
      onDone();
    } catch (err) {
      reportError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open cancelText={t('accounts.cancel')} title={t('accounts.close.title')} okText={t('accounts.close.ok')} okButtonProps={{ danger: true }} confirmLoading={busy} onOk={() => void run()} onCancel={onClose}>
      <Alert type="warning" showIcon message={t('accounts.close.warning')} style={{ marginBottom: 16 }} />
      <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('accounts.col.tenantName')}>{account.tenantName}</Descriptions.Item>
        <Descriptions.Item label={t('desk.balanceBefore')}>{formatFen(account.balanceFen)}</Descriptions.Item>
        <Descriptions.Item label={t('accounts.close.refund')}>{formatFen(Math.max(account.balanceFen, 0))}</Descriptions.Item>
        <Descriptions.Item label={t('desk.balanceAfter')}>{formatFen(Math.min(account.balanceFen, 0))}</Descriptions.Item>
      </Descriptions>
      <Form form={form} layout="vertical" initialValues={{ channel: Channel.Cash }}>
        <Form.Item name="channel" label={t('accounts.close.channel')}>
          <Select options={[Channel.Cash, Channel.Bank, Channel.Wechat, Channel.Alipay].map((c) => ({ value: c, label: t(`desk.channel.${c}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('accounts.close.noteLabel')} rules={[{ max: 500 }]}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Replacing a meter (换表): the old meter's final reading, the new one's start, its balance carried. */
export function ReplaceMeterModal({
  account,
  oldMeter,
  onClose,
  onDone,
}: {
  account: AccountRef;
  oldMeter: { id: string; address: string; lastEnergyWh?: number | null };
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<{ newMeterId: string; finalKwh: string; startKwh: string; note?: string }>();
  const [busy, setBusy] = useState(false);
  const [search, setSearch] = useState('');
  const keys = useMemo(() => new IntentKeys(), []);
  const meters = useQuery({
    queryKey: ['free-meters', account.site.id, search],
    queryFn: ({ signal }) => request(freeMetersQuery, { siteId: account.site.id, search: search || undefined }, signal),
  });
  const kwhRule = {
    validator: (_: unknown, v: string) => {
      if (!v) return Promise.resolve();
      try {
        parseKwh(v);
        return Promise.resolve();
      } catch {
        return Promise.reject(new Error(t('accounts.replace.kwhInvalid')));
      }
    },
  };
  const run = async () => {
    const v = await validated(form);
    if (!v) return;
    setBusy(true);
    try {
      const input = {
        oldMeterId: oldMeter.id,
        newMeterId: v.newMeterId,
        finalEnergyWh: parseKwh(v.finalKwh),
        newStartEnergyWh: v.startKwh ? parseKwh(v.startKwh) : 0,
        note: v.note ?? '',
      };
      await request(replaceMeterMutation, { input: { ...input, idempotencyKey: keys.keyFor(JSON.stringify(input)) } });
      keys.done();
      void message.success(t('accounts.replace.done'));
      onDone();
    } catch (err) {
      reportError(err, form);
    } finally {
      setBusy(false);
    }
  };
  const last = oldMeter.lastEnergyWh;
  return (
    <Modal open cancelText={t('accounts.cancel')} title={t('accounts.replace.title')} okText={t('accounts.replace.ok')} confirmLoading={busy} onOk={() => void run()} onCancel={onClose}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ finalKwh: last != null ? `${Math.trunc(last / 1000)}.${String(last % 1000).padStart(3, '0')}` : '', startKwh: '0' }}
      >
        <Form.Item label={t('accounts.replace.old')}>
          <Typography.Text strong>{oldMeter.address}</Typography.Text>
        </Form.Item>
        <Form.Item name="newMeterId" label={t('accounts.replace.newMeter')} rules={[{ required: true, message: t('accounts.replace.newMeterRequired') }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            loading={meters.isFetching}
            placeholder={t('accounts.detail.attachPick')}
            options={(meters.data?.meters.nodes ?? []).map((m) => ({ value: m.id, label: `${m.address}${m.room ? ` · ${m.room}` : ''}` }))}
          />
        </Form.Item>
        <Form.Item name="finalKwh" label={t('accounts.replace.finalKwh')} rules={[{ required: true, message: t('accounts.replace.kwhInvalid') }, kwhRule]}>
          <Input inputMode="decimal" suffix="kWh" />
        </Form.Item>
        <Form.Item name="startKwh" label={t('accounts.replace.startKwh')} rules={[kwhRule]}>
          <Input inputMode="decimal" suffix="kWh" />
        </Form.Item>
        <Form.Item name="note" label={t('accounts.form.note')} rules={[{ max: 500 }]}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A login for the tenant app (手机号 + 密码), bound to this account. */
export function TenantLoginModal({ account, phone, onClose, onDone }: { account: AccountRef; phone: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ phone: string; password: string }>();
  const { busy, submit: run } = useFormSubmit(form, async (v) => {
    await request(createTenantUserMutation, { accountId: account.id, phone: v.phone.trim(), password: v.password });
    void message.success(t('accounts.tenant.done', { phone: v.phone.trim() }));
    onDone();
  });
  return (
    <Modal open cancelText={t('accounts.cancel')} title={t('accounts.tenant.title')} okText={t('accounts.tenant.ok')} confirmLoading={busy} onOk={() => void run()} onCancel={onClose}>
      <Form form={form} layout="vertical" initialValues={{ phone }}>
        <Form.Item name="phone" label={t('accounts.tenant.phone')} rules={[{ required: true, message: t('accounts.form.phoneRequired') }, { pattern: phonePattern, message: t('accounts.form.phoneInvalid') }]}>
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('accounts.tenant.password')}
          extra={t('accounts.tenant.passwordRule')}
          validateFirst
          rules={[{ required: true, message: t('password.required') }, passwordRule(t)]}
        >
          <Input.Password maxLength={128} autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
