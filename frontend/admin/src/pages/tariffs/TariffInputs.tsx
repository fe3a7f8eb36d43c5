import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatPrice, type MarkupBreach, type TouRate } from './markup';
import { rateColour } from './rates';
import type { TierValue, VariantValue } from './tariffForm';
import { defaultDay } from './tou';
import { TouDayEditor } from './TouDayEditor';

// The editor's compound inputs, each one antd form field (value/onChange), so that the
// server's error naming prices, tiers or variants lands under the right block.

/** The markup warning of a breach, in the operator's words. */
export function MarkupWarning({ breach }: { breach: MarkupBreach }) {
  const { t } = useTranslation();
  const cap = { cap: formatPrice(breach.cap), grid: formatPrice(breach.grid), pct: breach.capPct };
  const text =
    breach.field === 'tiers'
      ? t('tariffs.markup.tier', { tier: breach.tier, price: formatPrice(breach.price), ...cap })
      : breach.surcharge > 0 // as the server: with tiers, the rate's price plus the highest surcharge
        ? t('tariffs.markup.withSurcharge', { rate: t(`rate.${breach.rate}`), price: formatPrice(breach.price), surcharge: formatPrice(breach.surcharge), total: formatPrice(breach.total), ...cap })
        : t('tariffs.markup.rate', { rate: t(`rate.${breach.rate}`), price: formatPrice(breach.price), ...cap });
  return <Alert type="warning" showIcon message={text} data-testid="markup-warning" style={{ marginTop: 8 }} />;
}

export function RatePricesInput({
  id,
  value = {},
  onChange,
  rates,
  breach,
}: {
  /** antd's field id, so that scrollToField finds the block. */
  id?: string;
  value?: Partial<Record<TouRate, string>>;
  onChange?: (v: Partial<Record<TouRate, string>>) => void;
  rates: TouRate[];
  breach?: MarkupBreach | null;
}) {
  const { t } = useTranslation();
  return (
    <div id={id}>
      <Space wrap size="large">
        {rates.map((r) => (
          <Input
            key={r}
            aria-label={t('tariffs.priceOf', { rate: t(`rate.${r}`) })}
            data-testid={`price-${r}`}
            addonBefore={
              <Space size={6}>
                <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, background: rateColour[r] }} />
                {t(`rate.${r}`)}
              </Space>
            }
            addonAfter={t('tariffs.priceUnit')}
            value={value[r] ?? ''}
            maxLength={9}
            status={breach?.field === 'prices' && breach.rate === r ? 'warning' : undefined}
            style={{ width: 250 }}
            placeholder="0.0000"
            onChange={(e) => onChange?.({ ...value, [r]: e.target.value })}
          />
        ))}
      </Space>
      {breach?.field === 'prices' && <MarkupWarning breach={breach} />}
    </div>
  );
}

export function TiersInput({
  id,
  value = [],
  onChange,
  surcharges,
  breach,
}: {
  id?: string;
  value?: TierValue[];
  onChange?: (v: TierValue[]) => void;
  surcharges: boolean;
  breach?: MarkupBreach | null;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<TierValue>) => onChange?.(value.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  return (
    <div id={id}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {value.map((tier, i) => {
          const last = i === value.length - 1;
          return (
            <Space key={i} wrap>
              <Typography.Text style={{ width: 60, display: 'inline-block' }}>{t('tariffs.tierN', { n: i + 1 })}</Typography.Text>
              <Input
                aria-label={t('tariffs.tierBoundOf', { n: i + 1 })}
                addonBefore={t('tariffs.upTo')}
                addonAfter="kWh"
                disabled={last}
                placeholder={last ? t('tariffs.noBound') : '200'}
                value={last ? '' : tier.upToKWh}
                maxLength={13}
                style={{ width: 240 }}
                onChange={(e) => set(i, { upToKWh: e.target.value })}
              />
              <Input
                aria-label={t('tariffs.tierPriceOf', { n: i + 1 })}
                addonBefore={surcharges ? t('tariffs.surcharge') : t('tariffs.price')}
                addonAfter={t('tariffs.priceUnit')}
                value={tier.price}
                maxLength={9}
                status={breach?.field === 'tiers' && breach.tier === i + 1 ? 'warning' : undefined}
                style={{ width: 260 }}
                onChange={(e) => set(i, { price: e.target.value })}
              />
              <Button
                icon={<DeleteOutlined />}
                danger
                aria-label={t('tariffs.delete')}
                onClick={() => onChange?.(value.filter((_, k) => k !== i))}
              />
            </Space>
          );
        })}
      </Space>
      <Button
        icon={<PlusOutlined />}
        style={{ marginTop: 8 }}
        disabled={value.length >= 8}
        onClick={() => onChange?.([...value, { upToKWh: '', price: surcharges ? '0' : '' }])}
      >
        {t('tariffs.addTier')}
      </Button>
      {breach?.field === 'tiers' && <MarkupWarning breach={breach} />}
    </div>
  );
}

const months = Array.from({ length: 12 }, (_, i) => i + 1);
const weekdays = [1, 2, 3, 4, 5, 6, 0];

export function VariantsInput({ value = [], onChange }: { value?: VariantValue[]; onChange?: (v: VariantValue[]) => void }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<VariantValue>) => onChange?.(value.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {value.map((v, i) => (
        <Card
          key={i}
          size="small"
          title={t('tariffs.variantN', { n: i + 1 })}
          extra={
            <Button size="small" danger icon={<DeleteOutlined />} onClick={() => onChange?.(value.filter((_, k) => k !== i))}>
              {t('tariffs.delete')}
            </Button>
          }
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text type="secondary">{t('tariffs.months')}</Typography.Text>
              <Checkbox.Group value={v.months} onChange={(m) => set(i, { months: [...m].sort((a, b) => a - b) })} options={months.map((m) => ({ value: m, label: t('tariffs.month', { m }) }))} />
            </Space>
            <Space wrap>
              <Typography.Text type="secondary">{t('tariffs.weekdays')}</Typography.Text>
              <Checkbox.Group
                value={v.weekdays}
                onChange={(w) => set(i, { weekdays: [...w].sort((a, b) => a - b) })}
                options={weekdays.map((d) => ({ value: d, label: t(`weekday.${d}` as 'weekday.0') }))}
              />
            </Space>
            <TouDayEditor value={v.periods} onChange={(periods) => set(i, { periods })} testId={`variant-${i}`} />
          </Space>
        </Card>
      ))}
      <Button icon={<PlusOutlined />} disabled={value.length >= 8} onClick={() => onChange?.([...value, { months: [7, 8], weekdays: [], periods: defaultDay() }])}>
        {t('tariffs.addVariant')}
      </Button>
    </Space>
  );
}
