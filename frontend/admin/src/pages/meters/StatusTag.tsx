import { Badge, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MeterDisplayStatus } from '../../gql/graphql';
import { meterStatusColour, meterStatusLabel, meterStatuses, meterStatusTextColour } from '../../lib/meterStatus';

/** A meter's display status as a coloured tag. */
export function StatusTag({ status }: { status: MeterDisplayStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={meterStatusColour(status)} data-status={status} style={{ color: meterStatusTextColour(status) }}>
      {meterStatusLabel(t, status)}
    </Tag>
  );
}

/** Every display status with its colour, in the server's order of precedence. */
export function StatusLegend() {
  const { t } = useTranslation();
  return (
    <Space size={12} wrap data-testid="meter-legend">
      {meterStatuses.map((s) => (
        <Badge key={s.status} color={s.colour} text={meterStatusLabel(t, s.status)} />
      ))}
    </Space>
  );
}
