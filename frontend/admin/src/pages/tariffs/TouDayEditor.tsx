import { DeleteOutlined, SplitCellsOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { touRates, type TouRate } from './markup';
import { rateColour } from './rates';
import { TouBar } from './TouBar';
import { formatMinute, maxPeriods, minutesByRate, parseMinute, removePeriod, setRate, setStart, sortPeriods, splitPeriod, type EditError, type Period } from './tou';

/**
 * One day's periods: the bar to drag, and the same periods as rows whose start can be typed
 * exactly and whose rate chosen. Edits that would overlap or reorder periods are refused with
 * a message at the row, so the value is always a day the server accepts (prices aside).
 */
export function TouDayEditor({ value = [], onChange, testId }: { value?: Period[]; onChange?: (ps: Period[]) => void; testId: string }) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<number>();
  const [rowError, setRowError] = useState<{ index: number; error: EditError }>();
  const [typing, setTyping] = useState<Record<number, string>>({});
  const periods = sortPeriods(value);
  const apply = (index: number, r: Period[] | EditError) => {
    if (typeof r === 'string') return setRowError({ index, error: r });
    setRowError(undefined);
    onChange?.(r);
  };
  const byRate = minutesByRate(periods);

  return (
    <div data-testid={testId}>
      <TouBar
        periods={periods}
        onChange={(ps) => {
          setTyping({});
          onChange?.(ps);
        }}
        selected={selected}
        onSelect={setSelected}
        testId={`${testId}-bar`}
      />
      <Space wrap style={{ margin: '8px 0' }}>
        {touRates
          .filter((r) => byRate[r])
          .map((r) => (
            <Tag key={r} color={rateColour[r]}>
              {t(`rate.${r}`)} {t('tariffs.hours', { hours: ((byRate[r] ?? 0) / 60).toFixed(2).replace(/\.?0+$/, '') })}
            </Tag>
          ))}
      </Space>
      <Table<Period & { index: number }>
        size="small"
        pagination={false}
        rowKey="index"
        dataSource={periods.map((p, index) => ({ ...p, index }))}
        rowClassName={(r) => (r.index === selected ? 'ant-table-row-selected' : '')}
        onRow={(r) => ({ onClick: () => setSelected(r.index) })}
        columns={[
          {
            title: t('tariffs.start'),
            width: 170,
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Input
                  aria-label={t('tariffs.startOf', { n: r.index + 1 })}
                  data-testid={`${testId}-start-${r.index}`}
                  value={typing[r.index] ?? formatMinute(r.start)}
                  maxLength={5}
                  style={{ width: 90 }}
                  status={rowError?.index === r.index ? 'error' : undefined}
                  onChange={(e) => setTyping({ ...typing, [r.index]: e.target.value })}
                  onBlur={() => {
                    const text = typing[r.index];
                    if (text === undefined) return;
                    const next = setStart(periods, r.index, parseMinute(text));
                    if (typeof next !== 'string') setTyping({});
                    apply(r.index, next);
                  }}
                  onPressEnter={(e) => e.currentTarget.blur()}
                />
                {rowError?.index === r.index && <Typography.Text type="danger">{t(`tariffs.editError.${rowError.error}`)}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('tariffs.until'),
            width: 90,
            render: (_, r) => formatMinute(r.index < periods.length - 1 ? periods[r.index + 1].start : periods[0].start),
          },
          {
            title: t('tariffs.rate'),
            render: (_, r) => (
              <Select<TouRate>
                value={r.rate}
                style={{ width: 120 }}
                aria-label={t('tariffs.rateOf', { n: r.index + 1 })}
                onChange={(rate) => onChange?.(setRate(periods, r.index, rate))}
                options={touRates.map((rate) => ({
                  value: rate,
                  label: (
                    <Space size={6}>
                      <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, background: rateColour[rate] }} />
                      {t(`rate.${rate}`)}
                    </Space>
                  ),
                }))}
              />
            ),
          },
          {
            title: t('tariffs.actions'),
            width: 200,
            render: (_, r) => (
              <Space>
                <Button size="small" icon={<SplitCellsOutlined />} disabled={periods.length >= maxPeriods} onClick={() => apply(r.index, splitPeriod(periods, r.index, r.rate))}>
                  {t('tariffs.split')}
                </Button>
                <Button size="small" danger icon={<DeleteOutlined />} disabled={periods.length <= 2} onClick={() => apply(r.index, removePeriod(periods, r.index))}>
                  {t('tariffs.delete')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('tariffs.dayHint', { max: maxPeriods })}
      </Typography.Paragraph>
    </div>
  );
}
