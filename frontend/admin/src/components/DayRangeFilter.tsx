import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { useUrlFilter } from './useUrlFilter';

/**
 * A list's day range kept in the URL as from and to (YYYY-MM-DD, either may be empty), as the
 * alarms, orders and audit lists filter by day.
 */
export function DayRangeFilter({ filter }: { filter: ReturnType<typeof useUrlFilter> }) {
  const { t } = useTranslation();
  const from = filter.get('from');
  const to = filter.get('to');
  return (
    <DatePicker.RangePicker
      allowEmpty={[true, true]}
      placeholder={[t('crud.fromDay'), t('crud.toDay')]}
      value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
      onChange={(v) => filter.set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
    />
  );
}
