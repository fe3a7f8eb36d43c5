import { PageContainer, ProCard, ProForm, ProFormDigit, ProFormSelect, ProFormSwitch, ProFormText } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Empty, Form, Select, Space, Tag, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { PageLoading } from '../../components/PageLoading';
import { useReportError } from '../../components/useReportError';
import { useUrlFilter } from '../../components/useUrlFilter';
import { can, Permission, useMe } from '../../auth/session';
import { graphql } from '../../gql';
import { ServiceFeeOn, type SettingsSitesQuery, type SiteInput } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { formatFen, parseYuan } from '../../lib/money';
import { fromMinutes, toMinutes } from '../../lib/minutes';
import { ReceiptLayoutCard } from './ReceiptLayoutCard';

const sitesQuery = graphql(`
  query SettingsSites {
    sites {
      id
      name
      code
      timezone
      gridPrice
      markupCapPct
      serviceFeeBp
      serviceFeeOn
      graceFen
      graceMinutes
      friendlyNightFrom
      friendlyNightTo
      friendlyWeekends
      friendlyHolidays
      officePhone
    }
  }
`);

const updateSite = graphql(`
  mutation UpdateSiteSettings($id: ID!, $input: SiteInput!) {
    updateSite(id: $id, input: $input) {
      id
    }
  }
`);

type Site = SettingsSitesQuery['sites'][number];

interface Values {
  name: string;
  officePhone: string;
  gridPrice?: string;
  markupCapPct?: number;
  serviceFeePct: number;
  serviceFeeOn: ServiceFeeOn;
  grace: string;
  graceMinutes: number;
  friendlyNight?: [Dayjs, Dayjs] | null;
  friendlyWeekends: boolean;
  friendlyHolidays: string[];
}

/** A site's settings: prices' cap, service fee, and when the automatic trip waits (保电). */
export default function SettingsPage() {
  const { t } = useTranslation();
  const f = useUrlFilter();
  const mayEdit = can(useMe().data, [Permission.ManageMeters]);
  const q = useQuery({ queryKey: ['settings', 'sites'], queryFn: ({ signal }) => request(sitesQuery, {}, signal) });
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <PageLoading />;
  const sites = q.data.sites;
  const site = sites.find((s) => s.id === f.get('site')) ?? sites[0];
  return (
    <PageContainer
      title={t('settings.title')}
      subTitle={t('settings.subtitle')}
      extra={
        sites.length > 1 && (
          <Select value={site?.id} style={{ width: 220 }} onChange={(v) => f.set({ site: v })} options={sites.map((s) => ({ value: s.id, label: s.name }))} />
        )
      }
    >
      {site ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <SiteSettings key={site.id} site={site} />
          <ReceiptLayoutCard siteId={site.id} mayEdit={mayEdit} />
        </Space>
      ) : (
        <Empty description={t('settings.noSites')} />
      )}
    </PageContainer>
  );
}

function SiteSettings({ site }: { site: Site }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queries = useQueryClient();
  const mayEdit = can(useMe().data, [Permission.ManageMeters]);
  const [form] = Form.useForm<Values>();
  const holidays = Form.useWatch('friendlyHolidays', form) ?? site.friendlyHolidays;

  const initial: Values = {
    name: site.name,
    officePhone: site.officePhone,
    gridPrice: site.gridPrice ?? undefined,
    markupCapPct: site.markupCapPct,
    // Basis points shown as a percent with two decimals: 150 bp is 1.50 %.
    serviceFeePct: site.serviceFeeBp / 100,
    serviceFeeOn: site.serviceFeeOn,
    grace: formatFen(site.graceFen, { symbol: false }).replaceAll(',', ''),
    graceMinutes: site.graceMinutes,
    friendlyNight:
      site.friendlyNightFrom != null && site.friendlyNightTo != null ? [fromMinutes(site.friendlyNightFrom), fromMinutes(site.friendlyNightTo)] : null,
    friendlyWeekends: site.friendlyWeekends,
    friendlyHolidays: site.friendlyHolidays,
  };

  return (
    <ProForm<Values>
      form={form}
      layout="horizontal"
      labelCol={{ flex: '160px' }}
      initialValues={initial}
      disabled={!mayEdit}
      submitter={{ searchConfig: { submitText: t('settings.save'), resetText: t('settings.reset') }, render: mayEdit ? undefined : false }}
      onFinish={async (v) => {
        const input: SiteInput = {
          name: v.name.trim(),
          officePhone: (v.officePhone ?? '').trim(),
          gridPrice: v.gridPrice?.trim() || null,
          markupCapPct: v.markupCapPct ?? null,
          serviceFeeBp: Math.round(v.serviceFeePct * 100),
          serviceFeeOn: v.serviceFeeOn,
          graceFen: parseYuan(v.grace),
          graceMinutes: v.graceMinutes,
          friendlyNightFrom: v.friendlyNight ? toMinutes(v.friendlyNight[0]) : null,
          friendlyNightTo: v.friendlyNight ? toMinutes(v.friendlyNight[1]) : null,
          friendlyWeekends: v.friendlyWeekends,
          friendlyHolidays: v.friendlyHolidays,
        };
        try {
          await request(updateSite, { id: site.id, input });
          void message.success(t('crud.saved'));
          void queries.invalidateQueries({ queryKey: ['settings'] });
          return true;
        } catch (err) {
          report(err, form);
          return false;
        }
      }}
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <ProCard title={t('settings.site')} bordered>
          <ProFormText
            name="name"
            label={t('settings.name')}
            width="md"
            rules={[
              { required: true, whitespace: true, message: t('settings.nameRequired') },
              { max: 100, message: t('crud.maxLength', { max: 100 }) },
            ]}
          />
          <ProFormText
            name="officePhone"
            label={t('settings.officePhone')}
            width="md"
            placeholder="13812345678 / 021-12345678"
            extra={t('settings.officePhoneHint')}
            rules={[
              { max: 32, message: t('crud.maxLength', { max: 32 }) },
              { pattern: /^[0-9+\-\s()]*$/, message: t('settings.officePhoneInvalid') },
            ]}
          />
          <ProForm.Item label={t('settings.code')}>
            <Tag>{site.code}</Tag> <Tag>{site.timezone}</Tag>
          </ProForm.Item>
        </ProCard>
        <ProCard title={t('settings.pricing')} bordered>
          <ProFormText
            name="gridPrice"
            label={t('settings.gridPrice')}
            width="sm"
            fieldProps={{ suffix: t('settings.yuanPerKwh') }}
            extra={t('settings.gridPriceHint')}
            rules={[{ pattern: /^\d{1,3}(\.\d{1,4})?$/, message: t('settings.priceInvalid') }]}
          />
          <ProFormDigit name="markupCapPct" label={t('settings.markupCap')} width="xs" min={0} max={100} fieldProps={{ precision: 0, suffix: '%' }} />
          <ProFormDigit
            name="serviceFeePct"
            label={t('settings.serviceFee')}
            width="xs"
            min={0}
            max={100}
            rules={[{ required: true }]}
            fieldProps={{ precision: 2, step: 0.1, suffix: '%' }}
          />
          <ProFormSelect
            name="serviceFeeOn"
            label={t('settings.serviceFeeOn')}
            width="sm"
            options={Object.values(ServiceFeeOn).map((v) => ({ value: v, label: t(`serviceFeeOn.${v}`) }))}
          />
        </ProCard>
        <ProCard title={t('settings.control')} subTitle={t('settings.controlHint')} bordered>
          <ProFormText
            name="grace"
            label={t('settings.grace')}
            width="sm"
            fieldProps={{ prefix: '¥' }}
            extra={t('settings.graceHint')}
            rules={[
              { required: true, message: t('settings.amountInvalid') },
              {
                validator: (_, v: string) => {
                  try {
                    if (parseYuan(v) >= 0) return Promise.resolve();
                  } catch {
                    /* reported below */
                  }
                  return Promise.reject(new Error(t('settings.amountInvalid')));
                },
              },
            ]}
          />
          <ProFormDigit
            name="graceMinutes"
            label={t('settings.graceMinutes')}
            width="sm"
            min={0}
            max={10080}
            rules={[{ required: true }]}
            fieldProps={{ precision: 0, suffix: t('settings.minutes') }}
          />
          <ProForm.Item name="friendlyNight" label={t('settings.friendlyNight')} extra={t('settings.friendlyNightHint')}>
            <TimePicker.RangePicker format="HH:mm" order={false} minuteStep={5} placeholder={[t('settings.nightFrom'), t('settings.nightTo')]} />
          </ProForm.Item>
          <ProFormSwitch name="friendlyWeekends" label={t('settings.friendlyWeekends')} />
          <ProForm.Item
            name="friendlyHolidays"
            label={t('settings.friendlyHolidays')}
            extra={t('settings.friendlyHolidaysHint')}
            rules={[{ validator: (_: unknown, v: string[] = []) => (v.length <= 60 ? Promise.resolve() : Promise.reject(new Error(t('settings.tooManyHolidays')))) }]}
          >
            <HolidayPicker value={holidays} />
          </ProForm.Item>
        </ProCard>
      </Space>
    </ProForm>
  );
}

/** Local dates picked one by one, shown as tags in order. */
function HolidayPicker({ value = [], onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" data-testid="holidays">
      <DatePicker
        placeholder={t('settings.addHoliday')}
        value={null as Dayjs | null}
        onChange={(d: Dayjs | null) => {
          if (!d) return;
          const day = d.format('YYYY-MM-DD');
          if (!value.includes(day)) onChange?.([...value, day].sort());
        }}
      />
      <Space size={[4, 4]} wrap>
        {value.map((day) => (
          <Tag key={day} closable onClose={() => onChange?.(value.filter((x) => x !== day))}>
            {dayjs(day).format('YYYY-MM-DD ddd')}
          </Tag>
        ))}
      </Space>
    </Space>
  );
}
