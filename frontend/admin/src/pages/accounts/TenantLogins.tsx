import { KeyOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useReportError } from '../../components/useReportError';
import type { TenantUserRowFragment } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { IntentKeys } from '../../lib/intent';
import { passwordRule, sameAsRule } from '../../lib/password';
import { formatShanghai } from '../../lib/shanghai';
import { TenantLoginModal } from './AccountActions';
import { bindingsKey } from './AccountBindings';
import { resetTenantPasswordMutation, setTenantUserDisabledMutation, tenantUsersQuery } from './operations';

/**
 * The tenant app logins of an account (at most 20, so never paged): phone, last sign-in,
 * disabled; and, for an operator holding manage_accounts (the only ones who may read them, so the
 * page shows this card to no one else), create one, reset its password, disable or enable it.
 * A closed account's logins can only be disabled or enabled: the server refuses the rest.
 */
export function TenantLoginsCard({ account }: { account: { id: string; phone: string; tenantName: string; balanceFen: number; site: { id: string }; status: string } }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const queries = useQueryClient();
  const key = ['account', account.id, 'tenant-users'];
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => request(tenantUsersQuery, { id: account.id }, signal) });
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<TenantUserRowFragment>();
  const [busy, setBusy] = useState<string>();
  const open = account.status === 'open';
  // A new login is also a binding of its account: the bindings card refreshes with it.
  const refresh = () => {
    void queries.invalidateQueries({ queryKey: key });
    void queries.invalidateQueries({ queryKey: bindingsKey(account.id) });
  };
  const rows = q.data?.account?.tenantUsers ?? [];

  const setDisabled = async (u: TenantUserRowFragment, disabled: boolean) => {
    setBusy(u.id);
    try {
      await request(setTenantUserDisabledMutation, { id: u.id, disabled });
      void message.success(t(disabled ? 'accounts.logins.disabledDone' : 'accounts.logins.enabledDone', { phone: u.phone }));
      refresh();
    } catch (err) {
      reportError(err);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Card
      title={t('accounts.logins.title')}
      data-testid="tenant-logins"
      extra={
        open && (
          <Button icon={<UserAddOutlined />} onClick={() => setCreating(true)} data-testid="tenant-login-create">
            {t('accounts.tenant.title')}
          </Button>
        )
      }
    >
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<TenantUserRowFragment>
          size="small"
          rowKey="id"
          pagination={false}
          loading={q.isFetching}
          dataSource={rows}
          locale={{ emptyText: t('accounts.logins.none') }}
          columns={[
            { title: t('accounts.logins.phone'), dataIndex: 'phone', width: 160 },
            {
              title: t('accounts.logins.state'),
              dataIndex: 'disabled',
              width: 110,
              render: (v: boolean) => (v ? <Badge status="default" text={t('accounts.logins.disabled')} /> : <Badge status="success" text={t('accounts.logins.enabled')} />),
            },
            { title: t('accounts.logins.lastLoginAt'), dataIndex: 'lastLoginAt', width: 180, render: (v: string | null) => (v ? formatShanghai(v) : t('accounts.logins.never')) },
            { title: t('accounts.logins.createdAt'), dataIndex: 'createdAt', width: 180, render: (v: string) => formatShanghai(v) },
            {
              title: t('accounts.detail.meterCols.action'),
              key: 'action',
              render: (_, u) => (
                <Space size={0}>
                  {open && (
                    <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setResetting(u)} data-testid={`tenant-reset-${u.phone}`}>
                      {t('accounts.logins.reset')}
                    </Button>
                  )}
                  <Popconfirm
                    title={t(u.disabled ? 'accounts.logins.enableConfirm' : 'accounts.logins.disableConfirm', { phone: u.phone })}
                    description={u.disabled ? undefined : t('accounts.logins.disableHint')}
                    okText={t(u.disabled ? 'accounts.logins.enable' : 'accounts.logins.disable')}
                    okButtonProps={{ danger: !u.disabled }}
                    cancelText={t('accounts.cancel')}
                    onConfirm={() => void setDisabled(u, !u.disabled)}
                  >
                    <Button type="link" size="small" danger={!u.disabled} loading={busy === u.id} data-testid={`tenant-toggle-${u.phone}`}>
                      {t(u.disabled ? 'accounts.logins.enable' : 'accounts.logins.disable')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      )}
      {creating && (
        <TenantLoginModal
          account={account}
          phone={account.phone}
          onClose={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            refresh();
          }}
        />
      )}
      {resetting && (
        <ResetPasswordModal
          user={resetting}
          onClose={() => setResetting(undefined)}
          onDone={() => {
            setResetting(undefined);
            refresh();
          }}
        />
      )}
    </Card>
  );
}

/** A new password for a tenant who forgot theirs: checked here, then the server's refusal under the field. */
function ResetPasswordModal({ user, onClose, onDone }: { user: TenantUserRowFragment; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string; confirm: string }>();
  const keys = useMemo(() => new IntentKeys(), []);
  const { busy, submit: run } = useFormSubmit(form, async (v) => {
    const idempotencyKey = keys.keyFor(JSON.stringify({ userId: user.id, newPassword: v.newPassword }));
    await request(resetTenantPasswordMutation, { input: { userId: user.id, newPassword: v.newPassword, idempotencyKey } });
    keys.done();
    void message.success(t('accounts.logins.resetDone', { phone: user.phone }));
    onDone();
  });
  return (
    <Modal
      open
      title={t('accounts.logins.resetTitle', { phone: user.phone })}
      okText={t('accounts.logins.resetOk')}
      cancelText={t('accounts.cancel')}
      confirmLoading={busy}
      onOk={() => void run()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={() => void run()}>
        <Form.Item
          name="newPassword"
          label={t('accounts.logins.newPassword')}
          extra={t('accounts.tenant.passwordRule')}
          validateFirst
          rules={[{ required: true, message: t('password.required') }, passwordRule(t)]}
        >
          <Input.Password autoFocus maxLength={128} autoComplete="new-password" data-testid="tenant-new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('accounts.logins.confirmPassword')}
          dependencies={['newPassword']}
          rules={[{ required: true, message: t('password.required') }, sameAsRule(t, 'newPassword')]}
        >
          <Input.Password maxLength={128} autoComplete="new-password" data-testid="tenant-confirm-password" />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('accounts.logins.resetHint')}</Typography.Text>
    </Modal>
  );
}
