import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ProTable } from '@ant-design/pro-components';
import { Card, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { useReportError } from '../../components/useReportError';
import { request } from '../../graphql/client';
import { notificationColumns, type NotificationRow } from './NotificationTable';
import { accountNotificationsQuery, setAccountNotificationSettings } from './operations';

/** An account's warnings (the latest 20) and its SMS and WeChat switches; the switches change with manage_accounts. */
export function AccountNotificationsCard({ accountId, manage }: { accountId: string; manage: boolean }) {
  const { t } = useTranslation();
  const reportError = useReportError();
  const queries = useQueryClient();
  const key = ['account-notifications', accountId];
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => request(accountNotificationsQuery, { id: accountId }, signal) });
  const a = q.data?.account;
  const toggle = async (v: { sms?: boolean; wechat?: boolean }) => {
    try {
      await request(setAccountNotificationSettings, { accountId, ...v });
    } catch (err) {
      reportError(err);
    } finally {
      void queries.invalidateQueries({ queryKey: key });
    }
  };
  return (
    <Card
      title={t('notifications.account.title')}
      data-testid="account-notifications"
      extra={
        a && (
          <Space>
            <Typography.Text>{t('notificationChannel.sms')}</Typography.Text>
            <Switch size="small" checked={a.notificationSettings.sms} disabled={!manage} onChange={(sms) => void toggle({ sms })} data-testid="account-sms" />
            <Typography.Text>{t('notificationChannel.wechat')}</Typography.Text>
            <Switch size="small" checked={a.notificationSettings.wechat} disabled={!manage} onChange={(wechat) => void toggle({ wechat })} data-testid="account-wechat" />
          </Space>
        )
      }
    >
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <ProTable<NotificationRow>
          size="small"
          rowKey="id"
          search={false}
          options={false}
          toolBarRender={false}
          cardProps={{ bodyStyle: { padding: 0 } }}
          pagination={false}
          loading={q.isFetching}
          dataSource={a?.notifications.nodes ?? []}
          columns={notificationColumns(t)}
          locale={{ emptyText: t('notifications.account.none') }}
          scroll={{ x: 900 }}
        />
      )}
    </Card>
  );
}
