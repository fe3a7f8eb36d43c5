import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { request } from '../../graphql/client';
import { formatTime } from '../../lib/time';
import { smsStatusQuery } from './operations';

/** The SMS driver's state: a modem's registration, signal and last error; a provider's last error. */
export function SmsStatusCard() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['sms-status'], queryFn: ({ signal }) => request(smsStatusQuery, {}, signal), refetchInterval: 30_000 });
  const s = q.data?.smsStatus;
  const ok = s?.state === 'ready';
  return (
    <Card size="small" title={t('notifications.sms.title')} loading={q.isLoading} data-testid="sms-status">
      {s && (
        <Descriptions size="small" column={{ xs: 1, md: 3, xl: 5 }}>
          <Descriptions.Item label={t('notifications.sms.driver')}>{t(`notifications.sms.drivers.${s.driver}`, { defaultValue: s.driver })}</Descriptions.Item>
          <Descriptions.Item label={t('notifications.sms.state')}>
            <Badge status={ok ? 'success' : 'error'} text={t(`notifications.sms.states.${s.state}`, { defaultValue: s.state })} />
          </Descriptions.Item>
          {s.registration && <Descriptions.Item label={t('notifications.sms.registration')}>{s.registration}</Descriptions.Item>}
          {s.signal != null && (
            <Descriptions.Item label={t('notifications.sms.signal')}>
              {s.signal === 99 ? t('notifications.sms.unknown') : `${s.signal} (${s.signalDbm} dBm)`}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('notifications.sms.lastError')}>
            {s.lastError ? `${s.lastError}${s.errorAt ? `（${formatTime(s.errorAt, 'minute')}）` : ''}` : t('notifications.sms.noError')}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
