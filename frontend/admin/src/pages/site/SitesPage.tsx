import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ModalForm, PageContainer, ProFormDigit, ProFormText, ProTable, type ProColumns } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Empty, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, Permission, useMe } from '../../auth/session';
import { ErrorState } from '../../components/ErrorState';
import { useReportError } from '../../components/useReportError';
import { graphql } from '../../gql';
import type { SiteInput, SitesQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { formatShanghai } from '../../lib/shanghai';
import { changedFields } from './changed';
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
  const me = useMe();
  const q = useQuery({ queryKey: [...sitesKey, 'page'], queryFn: ({ signal }) => request(sitesQuery, {}, signal) });
  const [editing, setEditing] = useState<Row | 'new'>();
  const mayEdit = can(me.data, [Permission.ManageMeters]);

  const columns: ProColumns<Row>[] = [
    { title: t('sitePages.site_.name'), dataIndex: 'name' },
    { title: t('sitePages.site_.code'), dataIndex: 'code' },
    { title: t('sitePages.site_.timezone'), dataIndex: 'timezone' },
    { title: t('sitePages.site_.markupCapPct'), dataIndex: 'markupCapPct' },
    { title: t('sitePages.site_.serviceFeeBp'), dataIndex: 'serviceFeeBp' },
    { title: t('sitePages.createdAt'), render: (_, r) => formatShanghai(r.createdAt) },
    {
      title: t('sitePages.actions'),
      hideInTable: !mayEdit,
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setEditing(r)}>
          {t('sitePages.edit')}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer title={t('sitePages.site_.title')}>
      {q.isError && !q.data ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <ProTable<Row>
          data-testid="sites"
          rowKey="id"
          columns={columns}
          dataSource={q.data?.sites}
          loading={q.isFetching}
          search={false}
          options={false}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sitePages.site_.empty')} /> }}
          toolBarRender={() => [
            mayEdit && (
              <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new">
                {t('sitePages.site_.new')}
              </Button>
            ),
            <Button key="reload" icon={<ReloadOutlined />} onClick={() => void q.refetch()} aria-label={t('cursorTable.reload')} />,
          ]}
        />
      )}
      {editing && <SiteForm row={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} />}
    </PageContainer>
  );
}

function SiteForm({ row, onClose }: { row?: Row; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const report = useReportError();
  const queries = useQueryClient();
  const initial: Values | undefined = row && {
    name: row.name,
    code: row.code,
    timezone: row.timezone,
    markupCapPct: row.markupCapPct,
    serviceFeeBp: row.serviceFeeBp,
  };
  return (
    <ModalForm<Values>
      open
      form={form}
      title={row ? t('sitePages.site_.editTitle', { name: row.name }) : t('sitePages.site_.new')}
      initialValues={initial ?? { timezone: 'Asia/Shanghai', markupCapPct: 15, serviceFeeBp: 0 }}
      modalProps={{ onCancel: onClose, destroyOnClose: true }}
      onFinish={async (values) => {
        try {
          if (row) {
            const input = changedFields(values, initial);
            if (Object.keys(input).length > 0) await request(updateSite, { id: row.id, input: input as SiteInput });
          } else {
            await request(createSite, { input: changedFields(values) as SiteInput });
          }
          await queries.invalidateQueries({ queryKey: sitesKey });
          onClose();
          return true;
        } catch (err) {
          report(err, form);
          return false;
        }
      }}
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
    </ModalForm>
  );
}
