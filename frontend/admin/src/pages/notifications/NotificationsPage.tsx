import { PageContainer } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { App, Select, Space, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { can, Permission, useMe } from '../../auth/session';
import { CursorTable } from '../../components/CursorTable';
import { useReportError } from '../../components/useReportError';
import { useUrlFilter } from '../../components/useUrlFilter';
import { NotificationChannel, NotificationKind, NotificationState, type NotificationFilter } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { compactFilter } from '../../lib/listFilter';
import { notificationColumns, type NotificationRow } from './NotificationTable';
import { notificationsQuery, retryNotification } from './operations';
import { SmsStatusCard } from './SmsStatusCard';
import { TemplatesTab } from './TemplatesTab';

/**
 * Warnings to tenants (通知): the SMS driver's state, the outbox with its filters and a retry
 * for failed rows, and each site's templates and quiet hours.
 */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const f = useUrlFilter();
  const tab = f.get('tab') === 'templates' ? 'templates' : 'outbox';
  return (
    <PageContainer title={t('notifications.title')} subTitle={t('notifications.subtitle')}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <SmsStatusCard />
        <Tabs
          activeKey={tab}
          onChange={(k) => f.set({ tab: k === 'outbox' ? undefined : k })}
          items={[
            { key: 'outbox', label: t('notifications.tabs.outbox'), children: <Outbox /> },
            { key: 'templates', label: t('notifications.tabs.templates'), children: <TemplatesTab /> },
          ]}
        />
      </Space>
    </PageContainer>
  );
}

function Outbox() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const queries = useQueryClient();
  const f = useUrlFilter();
  const me = useMe().data;
  const filter: NotificationFilter = compactFilter({
    state: f.get('state') as NotificationState | undefined,
    kind: f.get('kind') as NotificationKind | undefined,
    channel: f.get('channel') as NotificationChannel | undefined,
  });
  const retry = async (n: NotificationRow) => {
    try {
      await request(retryNotification, { id: n.id });
      void message.success(t('notifications.retried'));
    } catch (err) {
      reportError(err);
    } finally {
      void queries.invalidateQueries({ queryKey: ['notifications'] });
    }
  };
  const pick = (key: 'state' | 'kind' | 'channel', values: string[], label: (v: string) => string, width: number) => (
    <Select<string>
      key={key}
      allowClear
      placeholder={t(`notifications.any.${key}`)}
      value={f.get(key)}
      style={{ width }}
      data-testid={`notification-${key}`}
      onChange={(v) => f.set({ [key]: v })}
      options={values.map((v) => ({ value: v, label: label(v) }))}
    />
  );
  return (
    <CursorTable<NotificationRow>
      testId="notifications-table"
      queryKey={['notifications', filter]}
      load={(page, signal) => request(notificationsQuery, { filter, ...page }, signal).then((d) => d.notifications)}
      rowKey="id"
      columns={notificationColumns(t, can(me, [Permission.ManageAccounts]) ? (n) => void retry(n) : undefined)}
      title={
        <Space wrap>
          {pick('state', Object.values(NotificationState), (v) => t(`notificationState.${v as NotificationState}`), 130)}
          {pick('kind', Object.values(NotificationKind), (v) => t(`notificationKind.${v as NotificationKind}`), 130)}
          {pick('channel', Object.values(NotificationChannel), (v) => t(`notificationChannel.${v as NotificationChannel}`), 120)}
        </Space>
      }
      emptyText={t('notifications.none')}
      scrollX={1100}
    />
  );
}
