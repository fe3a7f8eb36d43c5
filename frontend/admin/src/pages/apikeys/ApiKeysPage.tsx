import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { ModalForm, PageContainer, ProFormCheckbox, ProFormText, type ProColumns } from '@ant-design/pro-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Form, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CellText } from '../../components/CellText';
import { CursorTable } from '../../components/CursorTable';
import { useReportError } from '../../components/useReportError';
import { graphql } from '../../gql';
import { Permission, type ApiKeysPageQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { formatTime } from '../../lib/time';

const apiKeysQuery = graphql(`
  query ApiKeysPage($first: Int, $after: String, $last: Int, $before: String) {
    apiKeys(first: $first, after: $after, last: $last, before: $before) {
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
        prefix
        scopes
        createdBy
        createdAt
        revokedAt
        lastUsedAt
      }
    }
  }
`);

const createApiKey = graphql(`
  mutation CreateApiKey($name: String!, $scopes: [Permission!]!) {
    createApiKey(name: $name, scopes: $scopes) {
      apiKey {
        id
        name
      }
      secret
    }
  }
`);

const revokeApiKey = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);

type Row = ApiKeysPageQuery['apiKeys']['nodes'][number];

/** Integrators' API keys: made with the permissions they need, the secret shown once, revoked. */
export default function ApiKeysPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queries = useQueryClient();
  const [form] = Form.useForm<{ name: string; scopes: Permission[] }>();
  const [created, setCreated] = useState<{ name: string; secret: string }>();
  const refresh = () => queries.invalidateQueries({ queryKey: ['apiKeys'] });
  const revoke = useMutation({
    mutationFn: (id: string) => request(revokeApiKey, { id }),
    onSuccess: () => {
      void message.success(t('apiKeys.revoked'));
      void refresh();
    },
    onError: (err) => report(err),
  });

  const columns: ProColumns<Row>[] = [
    {
      title: t('apiKeys.name'),
      dataIndex: 'name',
      width: 160,
      fixed: 'left',
      ellipsis: true,
      render: (_, k) => (
        <Typography.Text strong ellipsis={{ tooltip: k.name }} style={{ maxWidth: '100%' }}>
          {k.name}
        </Typography.Text>
      ),
    },
    { title: t('apiKeys.prefix'), dataIndex: 'prefix', width: 140, render: (_, k) => <Typography.Text code>vpk_{k.prefix}_…</Typography.Text> },
    {
      title: t('apiKeys.scopes'),
      dataIndex: 'scopes',
      render: (_, k) => (
        <Space size={[0, 4]} wrap>
          {k.scopes.map((s) => (
            <Tag key={s}>{t(`permission.${s}`)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('apiKeys.createdBy'), dataIndex: 'createdBy', width: 150, ellipsis: true, render: (_, k) => <CellText text={k.createdBy} /> },
    { title: t('apiKeys.createdAt'), dataIndex: 'createdAt', width: 140, render: (_, k) => formatTime(k.createdAt, 'minute') },
    {
      title: t('apiKeys.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      width: 140,
      render: (_, k) => (k.lastUsedAt ? formatTime(k.lastUsedAt, 'minute') : t('apiKeys.neverUsed')),
    },
    {
      title: t('apiKeys.state'),
      dataIndex: 'revokedAt',
      width: 190,
      render: (_, k) =>
        k.revokedAt ? (
          <Badge status="default" text={t('apiKeys.revokedAt', { time: formatTime(k.revokedAt, 'minute') })} />
        ) : (
          <Badge status="success" text={t('apiKeys.active')} />
        ),
    },
    {
      title: t('crud.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, k) =>
        !k.revokedAt && (
          <Popconfirm
            title={t('apiKeys.revokeTitle', { name: k.name })}
            description={t('apiKeys.revokeWarning')}
            okText={t('apiKeys.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('crud.cancel')}
            onConfirm={() => revoke.mutateAsync(k.id)}
          >
            <Button type="link" danger size="small">
              {t('apiKeys.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  const createButton = (
    <ModalForm<{ name: string; scopes: Permission[] }>
      key="create"
      title={t('apiKeys.create')}
      form={form}
      width={560}
      modalProps={{ destroyOnHidden: true, okText: t('apiKeys.createOk') }}
      trigger={
        <Button type="primary" icon={<PlusOutlined />} data-testid="create-api-key">
          {t('apiKeys.create')}
        </Button>
      }
      onFinish={async (v) => {
        try {
          const d = await request(createApiKey, { name: v.name.trim(), scopes: v.scopes });
          setCreated({ name: d.createApiKey.apiKey.name, secret: d.createApiKey.secret });
          void refresh();
          return true;
        } catch (err) {
          report(err, form);
          return false;
        }
      }}
    >
      <ProFormText
        name="name"
        label={t('apiKeys.name')}
        placeholder={t('apiKeys.namePlaceholder')}
        rules={[
          { required: true, whitespace: true, message: t('apiKeys.nameRequired') },
          { max: 100, message: t('crud.maxLength', { max: 100 }) },
        ]}
      />
      <ProFormCheckbox.Group
        name="scopes"
        label={t('apiKeys.scopes')}
        layout="vertical"
        rules={[{ required: true, message: t('apiKeys.scopesRequired') }]}
        options={Object.values(Permission).map((p) => ({ value: p, label: t(`permission.${p}`) }))}
      />
    </ModalForm>
  );

  return (
    <PageContainer title={t('apiKeys.title')} subTitle={t('apiKeys.subtitle')}>
      <CursorTable<Row>
        testId="api-keys-table"
        queryKey={['apiKeys']}
        load={(page, signal) => request(apiKeysQuery, page, signal).then((d) => d.apiKeys)}
        rowKey="id"
        columns={columns}
        toolBar={[createButton]}
        exportList="apiKeys"
        emptyText={t('apiKeys.none')}
        hiddenColumns={['createdBy', 'createdAt']}
        scrollX={1000}
      />
      <Modal
        open={!!created}
        title={
          <Space>
            <KeyOutlined />
            {t('apiKeys.createdTitle', { name: created?.name ?? '' })}
          </Space>
        }
        closable={false}
        destroyOnHidden
        maskClosable={false}
        keyboard={false}
        footer={
          <Button type="primary" onClick={() => setCreated(undefined)} data-testid="secret-done">
            {t('apiKeys.secretSaved')}
          </Button>
        }
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon message={t('apiKeys.secretOnce')} description={t('apiKeys.secretOnceDetail')} />
          <Typography.Paragraph
            className="vp-secret"
            copyable={{ text: created?.secret, tooltips: [t('apiKeys.copy'), t('apiKeys.copied')] }}
            data-testid="api-key-secret"
          >
            {created?.secret}
          </Typography.Paragraph>
        </Space>
      </Modal>
    </PageContainer>
  );
}
