import { ProFormSelect, ProFormText, type ProColumns } from '@ant-design/pro-components';
import { Form, Typography } from 'antd';
import { formatShanghai } from '../../lib/shanghai';
import { useTranslation } from 'react-i18next';
import { useUrlFilter } from '../../components/useUrlFilter';
import { graphql } from '../../gql';
import type { BuildingsQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { compactFilter } from './filter';
import { RegistryForm, RegistryList } from './RegistryList';
import { SiteSelect } from './SiteSelect';

const buildingsQuery = graphql(`
  query Buildings($filter: BuildingFilter, $first: Int, $after: String, $last: Int, $before: String) {
    buildings(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        name
        floors
        createdAt
        site {
          id
          name
        }
      }
    }
  }
`);

const createBuilding = graphql(`
  mutation CreateBuilding($input: BuildingInput!) {
    createBuilding(input: $input) {
      id
    }
  }
`);

const updateBuilding = graphql(`
  mutation UpdateBuilding($id: ID!, $input: BuildingInput!) {
    updateBuilding(id: $id, input: $input) {
      id
    }
  }
`);

type Row = BuildingsQuery['buildings']['nodes'][number];
interface Values extends Record<string, unknown> {
  siteId?: string;
  name?: string;
  floors?: string[];
}

/** The buildings of the sites: list by site, create, rename, set floors. */
export default function BuildingsPage() {
  const { t } = useTranslation();
  const filter = useUrlFilter();
  const siteId = filter.get('siteId');
  const gqlFilter = compactFilter({ siteId });

  const columns: ProColumns<Row>[] = [
    { title: t('sitePages.building.name'), dataIndex: 'name' },
    { title: t('sitePages.site'), render: (_, r) => r.site.name },
    {
      title: t('sitePages.building.floors'),
      render: (_, r) => (r.floors.length ? r.floors.join('、') : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { title: t('sitePages.createdAt'), render: (_, r) => formatShanghai(r.createdAt) },
  ];

  return (
    <RegistryList<Row>
      title={t('sitePages.building.title')}
      filters={<SiteSelect allowClear value={siteId} onChange={(v) => filter.set({ siteId: v })} testId="filter-site" />}
      paged={{
        testId: 'buildings',
        queryKey: ['buildings', gqlFilter],
        load: async (page, signal) => (await request(buildingsQuery, { filter: gqlFilter, ...page }, signal)).buildings,
        exportList: 'buildings',
        exportFilter: gqlFilter,
        emptyText: t('sitePages.building.empty'),
      }}
      columns={columns}
      newLabel={t('sitePages.building.new')}
      form={(row, close) => <BuildingForm row={row} siteId={siteId} onClose={close} />}
    />
  );
}

function BuildingForm({ row, siteId, onClose }: { row?: Row; siteId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <RegistryForm<Values>
      title={row ? t('sitePages.building.editTitle', { name: row.name }) : t('sitePages.building.new')}
      initial={row && { siteId: row.site.id, name: row.name, floors: row.floors }}
      defaults={{ siteId }}
      fixed={['siteId']}
      create={(input) => request(createBuilding, { input })}
      update={(input) => request(updateBuilding, { id: row!.id, input })}
      invalidate={['buildings']}
      onClose={onClose}
    >
      <Form.Item name="siteId" label={t('sitePages.site')} rules={[{ required: true, message: t('sitePages.required') }]}>
        <SiteSelect disabled={!!row} block />
      </Form.Item>
      <ProFormText
        name="name"
        label={t('sitePages.building.name')}
        rules={[
          { required: true, whitespace: true, message: t('sitePages.required') },
          { max: 100, message: t('sitePages.tooLong', { max: 100 }) },
        ]}
      />
      <ProFormSelect
        name="floors"
        label={t('sitePages.building.floors')}
        tooltip={t('sitePages.building.floorsHint')}
        fieldProps={{ mode: 'tags', tokenSeparators: [',', '，', ' '], open: false }}
        rules={[
          {
            validator: async (_, v?: string[]) => {
              if ((v ?? []).some((f) => f.length > 20)) throw new Error(t('sitePages.tooLong', { max: 20 }));
            },
          },
        ]}
      />
    </RegistryForm>
  );
}
