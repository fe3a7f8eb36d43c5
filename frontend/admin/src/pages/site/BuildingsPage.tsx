import { PlusOutlined } from '@ant-design/icons';
import { ModalForm, PageContainer, ProFormSelect, ProFormText, type ProColumns } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Space } from 'antd';
import { formatShanghai } from '../../lib/shanghai';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, Permission, useMe } from '../../auth/session';
import { CellText } from '../../components/CellText';
import { CursorTable } from '../../components/CursorTable';
import { useReportError } from '../../components/useReportError';
import { useUrlFilter } from '../../components/useUrlFilter';
import { graphql } from '../../gql';
import type { BuildingsQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { compactFilter } from './filter';
import { changedFields } from './changed';
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
  const me = useMe();
  const filter = useUrlFilter();
  const siteId = filter.get('siteId');
  const gqlFilter = compactFilter({ siteId });
  const [editing, setEditing] = useState<Row | 'new'>();
  const mayEdit = can(me.data, [Permission.ManageMeters]);

  const columns: ProColumns<Row>[] = [
    { title: t('sitePages.building.name'), dataIndex: 'name', width: 200, ellipsis: true, fixed: 'left', render: (_, r) => <CellText text={r.name} /> },
    { title: t('sitePages.site'), key: 'site', width: 200, ellipsis: true, render: (_, r) => <CellText text={r.site.name} /> },
    {
      title: t('sitePages.building.floors'),
      key: 'floors',
      ellipsis: true,
      render: (_, r) => <CellText text={r.floors.join('、')} />,
    },
    { title: t('sitePages.createdAt'), key: 'createdAt', width: 170, render: (_, r) => formatShanghai(r.createdAt) },
    {
      title: t('sitePages.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      hideInTable: !mayEdit,
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setEditing(r)}>
          {t('sitePages.edit')}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer title={t('sitePages.building.title')}>
      <Space style={{ marginBottom: 16 }} wrap>
        <SiteSelect allowClear value={siteId} onChange={(v) => filter.set({ siteId: v })} testId="filter-site" />
      </Space>
      <CursorTable<Row>
        testId="buildings"
        queryKey={['buildings', gqlFilter]}
        load={async (page, signal) => (await request(buildingsQuery, { filter: gqlFilter, ...page }, signal)).buildings}
        columns={columns}
        rowKey="id"
        exportList="buildings"
        exportFilter={gqlFilter}
        emptyText={t('sitePages.building.empty')}
        scrollX={900}
        toolBar={
          mayEdit
            ? [
                <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new">
                  {t('sitePages.building.new')}
                </Button>,
              ]
            : []
        }
      />
      {editing && <BuildingForm row={editing === 'new' ? undefined : editing} siteId={siteId} onClose={() => setEditing(undefined)} />}
    </PageContainer>
  );
}

function BuildingForm({ row, siteId, onClose }: { row?: Row; siteId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const report = useReportError();
  const queries = useQueryClient();
  const initial: Values | undefined = row && { siteId: row.site.id, name: row.name, floors: row.floors };
  return (
    <ModalForm<Values>
      open
      form={form}
      title={row ? t('sitePages.building.editTitle', { name: row.name }) : t('sitePages.building.new')}
      initialValues={initial ?? { siteId }}
      modalProps={{ onCancel: onClose, destroyOnClose: true }}
      onFinish={async (values) => {
        try {
          if (row) {
            const { siteId: _site, ...input } = changedFields(values, initial);
            if (Object.keys(input).length > 0) await request(updateBuilding, { id: row.id, input });
          } else {
            await request(createBuilding, { input: changedFields(values) });
          }
          await queries.invalidateQueries({ queryKey: ['buildings'] });
          onClose();
          return true;
        } catch (err) {
          report(err, form);
          return false;
        }
      }}
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
    </ModalForm>
  );
}
