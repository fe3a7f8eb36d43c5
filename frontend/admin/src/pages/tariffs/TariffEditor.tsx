import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { PageLoading } from '../../components/PageLoading';
import { useReportError } from '../../components/useReportError';
import type { TariffSitesQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { formatPrice, parsePrice, touRates, type TouRate } from './markup';
import { createTariffMutation, tariffQuery, updateTariffMutation } from './operations';
import { formatBasisPoints, fromTariff, markupOf, parseKWh, toInput, usedRates, type TariffFormValues, type TierValue } from './tariffForm';
import { RatePricesInput, TiersInput, VariantsInput } from './TariffInputs';
import { defaultDay, validateDay, type Period } from './tou';
import { TouDayEditor } from './TouDayEditor';

type Site = TariffSitesQuery['sites'][number];

const blank = (siteId?: string): TariffFormValues => ({
  siteId,
  name: '',
  kind: 'tou',
  prices: {},
  periods: defaultDay(),
  variants: [],
  tiers: [],
  billingPeriod: undefined,
});

/** The tariff editor in a drawer: id 'new' makes one, else edits that tariff. */
export function TariffEditor({ id, sites, defaultSiteId, onClose }: { id: string; sites: Site[]; defaultSiteId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const creating = id === 'new';
  const q = useQuery({
    queryKey: ['tariff', id],
    queryFn: ({ signal }) => request(tariffQuery, { id }, signal),
    enabled: !creating,
  });
  const tariff = q.data?.tariff;
  return (
    <Drawer
      open
      width={980}
      title={creating ? t('tariffs.createTitle') : t('tariffs.editTitle', { name: tariff?.name ?? '' })}
      onClose={onClose}
      destroyOnClose
    >
      {creating ? (
        <TariffForm initial={blank(defaultSiteId ?? sites[0]?.id)} sites={sites} onDone={onClose} />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <PageLoading />
      ) : tariff ? (
        <TariffForm id={id} initial={fromTariff(tariff)} sites={sites} onDone={onClose} />
      ) : (
        <Typography.Text>{t('tariffs.notFound')}</Typography.Text>
      )}
    </Drawer>
  );
}

function TariffForm({ id, initial, sites, onDone }: { id?: string; initial: TariffFormValues; sites: Site[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TariffFormValues>();
  const report = useReportError();
  const queries = useQueryClient();
  // The whole store, fields of the other kinds included (they are kept while hidden).
  const values = Form.useWatch((v: TariffFormValues) => v, { form, preserve: true }) ?? initial;
  const kind = values.kind ?? initial.kind;
  const site = sites.find((s) => s.id === (values.siteId ?? initial.siteId));
  const markupSite = useMemo(() => ({ grid: site?.gridPrice ? (parsePrice(site.gridPrice) ?? null) : null, capPct: site?.markupCapPct ?? 15 }), [site]);
  const breach = markupOf({ ...initial, ...values }, markupSite);
  const rates: TouRate[] = kind === 'flat' ? ['flat'] : touRates.filter((r) => usedRates({ periods: values.periods ?? [], variants: values.variants ?? [] }).has(r));

  // A rate a period starts using needs a price: revalidate prices when the day changes.
  useEffect(() => {
    if (form.isFieldTouched('prices')) void form.validateFields(['prices']).catch(() => undefined);
  }, [rates.join(), form]);

  const save = useMutation({
    mutationFn: (v: TariffFormValues) => {
      const input = toInput(v);
      if (id) {
        delete input.siteId; // a tariff cannot move to another site
        return request(updateTariffMutation, { id, input }).then((r) => r.updateTariff);
      }
      return request(createTariffMutation, { input }).then((r) => r.createTariff);
    },
    onSuccess: (saved) => {
      void message.success(t('tariffs.saved', { name: saved.name }));
      void queries.invalidateQueries({ queryKey: ['tariffs'] });
      queries.setQueryData(['tariff', saved.id], { tariff: saved });
      onDone();
    },
    onError: (err) => {
      report(err, form);
      // The field the server named may be far up the drawer: bring it into view.
      const named = form.getFieldsError().find((f) => f.errors.length > 0);
      if (named) form.scrollToField(named.name, { block: 'center' });
    },
  });

  const validPrice = (text: string | undefined, zeroOK: boolean) => {
    const p = parsePrice(text ?? '');
    return p !== undefined && (zeroOK || p > 0);
  };

  return (
    <Form<TariffFormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={() => save.mutate({ ...initial, ...(form.getFieldsValue(true) as TariffFormValues) })}
      data-testid="tariff-form"
      scrollToFirstError
    >
      <Space size="large" align="start" wrap>
        <Form.Item name="siteId" label={t('tariffs.site')} rules={[{ required: true, message: t('tariffs.siteRequired') }]}>
          <Select style={{ width: 220 }} disabled={!!id} options={sites.map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('tariffs.name')}
          rules={[
            { required: true, whitespace: true, message: t('tariffs.nameRequired') },
            { max: 100, message: t('tariffs.nameTooLong') },
          ]}
        >
          <Input style={{ width: 320 }} maxLength={100} placeholder={t('tariffs.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="kind" label={t('tariffs.kind')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={(['flat', 'tou', 'tiered'] as const).map((k) => ({ value: k, label: t(`tariffKind.${k}`) }))}
            onChange={(e) => {
              // A tiered tariff needs tiers; start it with two rather than none.
              if (e.target.value === 'tiered' && (form.getFieldValue('tiers') as TierValue[]).length < 2)
                form.setFieldsValue({ tiers: [{ upToKWh: '200', price: '' }, { upToKWh: '', price: '' }], billingPeriod: 'month' });
            }}
          />
        </Form.Item>
      </Space>
      <Typography.Paragraph type="secondary" data-testid="markup-cap">
        {markupSite.grid == null
          ? t('tariffs.noGridPrice')
          : t('tariffs.capHint', { grid: formatPrice(markupSite.grid), pct: markupSite.capPct, cap: formatPrice(Math.floor((markupSite.grid * (100 + markupSite.capPct)) / 100)) })}
        {site && site.serviceFeeBp > 0 && (
          <>
            <br />
            {t(site.serviceFeeOn === 'sale' ? 'tariffs.feeOnSale' : 'tariffs.feeOnCharge', { pct: formatBasisPoints(site.serviceFeeBp) })}
          </>
        )}
      </Typography.Paragraph>

      {kind !== 'tiered' && (
        <Form.Item
          name="prices"
          label={t('tariffs.prices')}
          required
          rules={[
            {
              validator: (_, v: TariffFormValues['prices'] = {}) => {
                const bad = rates.find((r) => !validPrice(v[r], false));
                return bad ? Promise.reject(new Error(t('tariffs.priceInvalid', { rate: t(`rate.${bad}`) }))) : Promise.resolve();
              },
            },
          ]}
        >
          <RatePricesInput rates={rates} breach={breach} />
        </Form.Item>
      )}

      {kind === 'tou' && (
        <>
          <Form.Item
            name="periods"
            label={t('tariffs.periods')}
            rules={[
              {
                validator: (_, v: Period[] = []) => {
                  const err = validateDay(v, new Set(touRates));
                  return err ? Promise.reject(new Error(t(`tariffs.editError.${err.error === 'unpriced' ? 'tooFew' : err.error}`))) : Promise.resolve();
                },
              },
            ]}
          >
            <TouDayEditor testId="day" />
          </Form.Item>
          <Form.Item name="variants" label={t('tariffs.variants')} tooltip={t('tariffs.variantsHint')}>
            <VariantsInput />
          </Form.Item>
        </>
      )}

      {kind !== 'flat' && (
        <>
          <Form.Item
            name="tiers"
            label={kind === 'tou' ? t('tariffs.touTiers') : t('tariffs.tiers')}
            tooltip={kind === 'tou' ? t('tariffs.touTiersHint') : undefined}
            rules={[
              {
                validator: (_, v: TierValue[] = []) => {
                  if (kind === 'tou' && v.length === 0) return Promise.resolve();
                  if (v.length < 2 || v.length > 8) return Promise.reject(new Error(t('tariffs.tierCount')));
                  let prev = 0;
                  for (let i = 0; i < v.length; i++) {
                    if (!validPrice(v[i].price, kind === 'tou')) return Promise.reject(new Error(t('tariffs.tierPriceInvalid', { n: i + 1 })));
                    if (i === v.length - 1) break;
                    const wh = parseKWh(v[i].upToKWh);
                    if (wh === undefined || wh <= prev) return Promise.reject(new Error(t('tariffs.tierBoundInvalid', { n: i + 1 })));
                    prev = wh;
                  }
                  return Promise.resolve();
                },
              },
            ]}
          >
            <TiersInput surcharges={kind === 'tou'} breach={breach} />
          </Form.Item>
          {(kind === 'tiered' || (values.tiers ?? []).length > 0) && (
            <Form.Item name="billingPeriod" label={t('tariffs.billingPeriod')} rules={[{ required: true, message: t('tariffs.billingPeriodRequired') }]}>
              <Radio.Group options={(['month', 'year'] as const).map((p) => ({ value: p, label: t(`billingPeriod.${p}`) }))} />
            </Form.Item>
          )}
        </>
      )}

      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="tariff-save">
          {t('tariffs.save')}
        </Button>
        <Button onClick={onDone}>{t('tariffs.cancel')}</Button>
        {breach && <Typography.Text type="warning">{t('tariffs.saveWillFail')}</Typography.Text>}
      </Space>
    </Form>
  );
}
