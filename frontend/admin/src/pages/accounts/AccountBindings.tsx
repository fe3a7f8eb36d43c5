import { DisconnectOutlined, WechatOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { useReportError } from '../../components/useReportError';
import type { AccountBindingsQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { formatShanghai } from '../../lib/shanghai';
import { accountBindingsQuery, revokeBindingMutation } from './operations';

type Binding = NonNullable<NonNullable<AccountBindingsQuery['account']>['bindings']>[number];

/** The query key of an account's binding code and bindings: refetched after a tenant login is made or a binding revoked. */
export const bindingsKey = (accountId: string) => ['account-bindings', accountId];

/**
 * The account's binding code (绑定码), which a tenant types with the account number to bind
 * the account in the tenant app, and the tenant app people bound to it, each revocable. Only
 * for operators with manage_accounts (the server answers FORBIDDEN to others): the page
 * renders it for them alone, so no one else asks.
 */
export function BindingsCard({ accountId, accountNo }: { accountId: string; accountNo: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const queries = useQueryClient();
  const q = useQuery({
    queryKey: bindingsKey(accountId),
    queryFn: ({ signal }) => request(accountBindingsQuery, { id: accountId }, signal),
  });
  const revoke = async (b: Binding) => {
    try {
      await request(revokeBindingMutation, { id: b.id });
      void message.success(t('accounts.bindings.revoked', { who: who(b) }));
    } catch (err) {
      reportError(err);
    } finally {
      void queries.invalidateQueries({ queryKey: bindingsKey(accountId) });
    }
  };
  const who = (b: Binding) => b.phone ?? t('accounts.bindings.wechatOnly');
  const a = q.data?.account;

  return (
    <Card title={t('accounts.bindings.title')} data-testid="account-bindings">
      {q.isError && !q.data ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Space size={12} align="center" wrap>
            <Typography.Text type="secondary">{t('accounts.bindings.code')}</Typography.Text>
            {a?.bindingCode && (
              <Typography.Text
                strong
                code
                copyable={{ text: a.bindingCode, tooltips: [t('accounts.bindings.copy'), t('accounts.bindings.copied')] }}
                style={{ fontSize: 18, letterSpacing: 2 }}
                data-testid="account-binding-code"
              >
                {a.bindingCode}
              </Typography.Text>
            )}
          </Space>
          <Typography.Text type="secondary">{t('accounts.bindings.help', { no: accountNo })}</Typography.Text>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            loading={q.isFetching}
            dataSource={a?.bindings ?? []}
            locale={{ emptyText: t('accounts.bindings.empty') }}
            columns={[
              { title: t('accounts.bindings.col.phone'), dataIndex: 'phone', width: 160, render: (v: string | null) => v ?? '—' },
              {
                title: t('accounts.bindings.col.wechat'),
                dataIndex: 'wechat',
                width: 120,
                render: (v: boolean) => (v ? <Tag icon={<WechatOutlined />} color="green">{t('accounts.bindings.wechatYes')}</Tag> : ''),
              },
              { title: t('accounts.bindings.col.via'), dataIndex: 'via', width: 160, render: (v: string) => t(`accounts.bindings.via.${v}` as 'accounts.bindings.via.operator') },
              { title: t('accounts.bindings.col.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatShanghai(v) },
              {
                title: t('accounts.bindings.col.action'),
                key: 'action',
                render: (_: unknown, b: Binding) => (
                  <Popconfirm title={t('accounts.bindings.revokeConfirm', { who: who(b) })} okText={t('accounts.bindings.revoke')} okButtonProps={{ danger: true }} onConfirm={() => revoke(b)}>
                    <Button size="small" danger icon={<DisconnectOutlined />}>
                      {t('accounts.bindings.revoke')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
