import { ProFormDigit, ProFormText, type ProColumns } from '@ant-design/pro-components';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { SiteInput, SitesQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { formatShanghai } from '../../lib/shanghai';
import { RegistryForm, RegistryList } from './RegistryList';
import { sitesKey } from './useSites';

// The deployment's sites: at most 100, so one unpaged list (the API does not page it). The
// settings of one site (friendly hours, fees) are edited on the settings page; here its
// identity and the markup cap the tariffs are checked against.

const sitesQuery = graphql(`
  query Sites {
    sites {
      id
      name
      code
      timezone
      markupCapPct
      serviceFeeBp
      createdAt
    }
  }
`);

const createSite = graphql(`
  mutation CreateSite($input: SiteInput!) {
    createSite(input: $input) {
      id
    }
  }
`);

const updateSite = graphql(`
  mutation UpdateSite($id: ID!, $input: SiteInput!) {
    updateSite(id: $id, input: $input) {
      id
    }
  }
`);

type Row = SitesQuery['sites'][number];
interface Values extends Record<string, unknown> {
  name?: string;
  code?: string;
  timezone?: string;
  markupCapPct?: number;
  serviceFeeBp?: number;
}

export default function SitesPage() {
  const { t } = useTranslation();
  const columns: ProColumns<Row>[] = [
    { title: t('sitePages.site_.name'), dataIndex: 'name' },
    { title: t('sitePages.site_.code'), dataIndex: 'code' },
    { title: t('sitePages.site_.timezone'), dataIndex: 'timezone' },
    { title: t('sitePages.site_.markupCapPct'), dataIndex: 'markupCapPct' },
    { title: t('sitePages.site_.serviceFeeBp'), dataIndex: 'serviceFeeBp' },
    { title: t('sitePages.createdAt'), render: (_, r) => formatShanghai(r.createdAt) },
  ];
  return (
    <RegistryList<Row>
      title={t('sitePages.site_.title')}
      whole={{
        testId: 'sites',
        queryKey: [...sitesKey, 'page'],
        load: async (signal) => (await request(sitesQuery, {}, signal)).sites,
        emptyText: t('sitePages.site_.empty'),
      }}
      columns={columns}
      newLabel={t('sitePages.site_.new')}
      form={(row, close) => <SiteForm row={row} onClose={close} />}
    />
  );
}

function SiteForm({ row, onClose }: { row?: Row; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <RegistryForm<Values>
      title={row ? t('sitePages.site_.editTitle', { name: row.name }) : t('sitePages.site_.new')}
      initial={
        row && {
          name: row.name,
          code: row.code,
          timezone: row.timezone,
          markupCapPct: row.markupCapPct,
          serviceFeeBp: row.serviceFeeBp,
        }
      }
      defaults={{ timezone: 'Asia/Shanghai', markupCapPct: 15, serviceFeeBp: 0 }}
      create={(input) => request(createSite, { input: input as SiteInput })}
      update={(input) => request(updateSite, { id: row!.id, input: input as SiteInput })}
      invalidate={sitesKey}
      onClose={onClose}
    >
      <ProFormText
        name="name"
        label={t('sitePages.site_.name')}
        rules={[
          { required: true, whitespace: true, message: t('sitePages.required') },
          { max: 100, message: t('sitePages.tooLong', { max: 100 }) },
        ]}
      />
      <ProFormText
        name="code"
        label={t('sitePages.site_.code')}
        tooltip={t('sitePages.site_.codeHint')}
        rules={[
          { required: true, message: t('sitePages.required') },
          { pattern: /^[A-Za-z0-9]{2,8}$/, message: t('sitePages.site_.codeFormat') },
        ]}
      />
      <ProFormText
        name="timezone"
        label={t('sitePages.site_.timezone')}
        rules={[
          { required: true, message: t('sitePages.required') },
          { max: 64, message: t('sitePages.tooLong', { max: 64 }) },
        ]}
      />
      <ProFormDigit name="markupCapPct" label={t('sitePages.site_.markupCapPct')} min={0} max={100} fieldProps={{ precision: 0 }} />
      <ProFormDigit name="serviceFeeBp" label={t('sitePages.site_.serviceFeeBp')} min={0} max={10000} fieldProps={{ precision: 0 }} />
    </RegistryForm>
  );
}
