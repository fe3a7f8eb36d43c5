import { Badge, Button, Tag, Tooltip } from 'antd';
import type { TFunction } from 'i18next';
import type { ProColumns } from '@ant-design/pro-components';
import { CellText } from '../../components/CellText';
import type { NotificationRowFragment } from '../../gql/graphql';
import { formatTime } from '../../lib/time';

export type NotificationRow = NotificationRowFragment;

/** How each state shows: its badge. */
export const stateBadge: Record<string, 'default' | 'processing' | 'success' | 'error' | 'warning'> = {
  pending: 'default',
  sending: 'processing',
  sent: 'processing',
  delivered: 'success',
  failed: 'error',
  suppressed: 'warning',
};

/**
 * The outbox's columns, shared by the outbox page and an account's history: kind, channel and
 * recipient, the text, the state with its attempts and last error, and when. onRetry, when
 * given, adds a retry button to failed rows.
 */
export function notificationColumns(t: TFunction, onRetry?: (n: NotificationRow) => void): ProColumns<NotificationRow>[] {
  const cols: ProColumns<NotificationRow>[] = [
    { title: t('notifications.col.kind'), dataIndex: 'kind', width: 100, render: (_, n) => <Tag>{t(`notificationKind.${n.kind}`)}</Tag> },
    {
      title: t('notifications.col.to'),
      key: 'to',
      width: 170,
      ellipsis: true,
      render: (_, n) => <CellText text={`${t(`notificationChannel.${n.channel}`)} ${n.recipient}`} />,
    },
    { title: t('notifications.col.text'), dataIndex: 'text', ellipsis: true, render: (_, n) => <CellText text={n.text} /> },
    {
      title: t('notifications.col.state'),
      dataIndex: 'state',
      width: 110,
      render: (_, n) => {
        const badge = <Badge status={stateBadge[n.state]} text={`${t(`notificationState.${n.state}`)}${n.attempts > 1 ? ` ×${n.attempts}` : ''}`} />;
        return n.lastError ? <Tooltip title={n.lastError}>{badge}</Tooltip> : badge;
      },
    },
    {
      title: t('notifications.col.error'),
      dataIndex: 'lastError',
      width: 150,
      ellipsis: true,
      render: (_, n) => (n.lastError ? <CellText text={n.lastError} /> : '—'),
    },
    {
      title: t('notifications.col.time'),
      key: 'time',
      width: 140,
      render: (_, n) => formatTime(n.deliveredAt ?? n.sentAt ?? (n.state === 'pending' ? n.nextAttemptAt : n.createdAt), 'minute'),
    },
  ];
  if (onRetry) {
    cols.push({
      title: t('notifications.col.action'),
      key: 'action',
      width: 90,
      fixed: 'right',
      render: (_, n) =>
        n.state === 'failed' ? (
          <Button size="small" onClick={() => onRetry(n)} data-testid={`retry-${n.id}`}>
            {t('notifications.retry')}
          </Button>
        ) : null,
    });
  }
  return cols;
}
