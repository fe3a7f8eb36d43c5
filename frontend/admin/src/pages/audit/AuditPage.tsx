import { PageContainer, type ProColumns } from '@ant-design/pro-components';
import { Input, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CellText } from '../../components/CellText';
import { CursorTable } from '../../components/CursorTable';
import { DayRangeFilter } from '../../components/DayRangeFilter';
import { useUrlFilter } from '../../components/useUrlFilter';
import { graphql } from '../../gql';
import { ActorKind, type AuditFilter, type AuditPageQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { compactFilter } from '../../lib/listFilter';
import { prettyJson } from '../../lib/prettyJson';
import { dayEnd, dayStart, formatTime } from '../../lib/time';

const auditQuery = graphql(`
  query AuditPage($filter: AuditFilter, $first: Int, $after: String, $last: Int, $before: String) {
    auditLog(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        at
        actorKind
        actorName
        operation
        args
        ip
        result
        message
        durationMs
      }
    }
  }
`);

type Row = AuditPageQuery['auditLog']['nodes'][number];

/** Every mutation as it happened: who, what, when, from where, and how it ended. */
export default function AuditPage() {
  const { t } = useTranslation();
  const f = useUrlFilter();
  const actor = f.get('actor');
  const operation = f.get('op');
  const result = f.get('result');
  const from = f.get('from');
  const to = f.get('to');
  const filter: AuditFilter = compactFilter({
    actorKind: actor as ActorKind | undefined,
    operation,
    failed: result === 'failed' ? true : result === 'ok' ? false : undefined,
    from: from ? dayStart(from) : undefined,
    to: to ? dayEnd(to) : undefined,
  });

  const columns: ProColumns<Row>[] = [
    { title: t('audit.at'), dataIndex: 'at', width: 170, fixed: 'left', render: (_, e) => formatTime(e.at) },
    {
      title: t('audit.actor'),
      key: 'actor',
      width: 200,
      ellipsis: true,
      render: (_, e) => (
        <Space size={4} style={{ maxWidth: '100%' }}>
          <Tag>{t(`actorKind.${e.actorKind}`)}</Tag>
          <CellText text={e.actorName} />
        </Space>
      ),
    },
    {
      title: t('audit.operation'),
      dataIndex: 'operation',
      width: 190,
      ellipsis: true,
      render: (_, e) => (
        <Typography.Text code ellipsis={{ tooltip: e.operation }} style={{ maxWidth: '100%' }}>
          {e.operation}
        </Typography.Text>
      ),
    },
    {
      title: t('audit.result'),
      dataIndex: 'result',
      width: 150,
      render: (_, e) => (e.result === 'ok' ? <Tag color="success">{t('audit.ok')}</Tag> : <Tag color="error">{e.result}</Tag>),
    },
    { title: t('audit.message'), dataIndex: 'message', ellipsis: true, render: (_, e) => <CellText text={e.message} /> },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130 },
    { title: t('audit.duration'), dataIndex: 'durationMs', width: 90, align: 'right', render: (_, e) => `${e.durationMs} ms` },
  ];

  const filters = (
    <Space wrap key="filters">
      <Select<string>
        allowClear
        placeholder={t('audit.anyActor')}
        value={actor}
        style={{ width: 140 }}
        data-testid="audit-actor"
        onChange={(v) => f.set({ actor: v })}
        options={Object.values(ActorKind).map((k) => ({ value: k, label: t(`actorKind.${k}`) }))}
      />
      <span data-testid="audit-operation">
        <Input.Search
          allowClear
          placeholder={t('audit.operationPlaceholder')}
          defaultValue={operation}
          key={operation ?? ''}
          maxLength={64}
          style={{ width: 200 }}
          onSearch={(v) => f.set({ op: v.trim() || undefined })}
        />
      </span>
      <Select<string>
        allowClear
        placeholder={t('audit.anyResult')}
        value={result}
        style={{ width: 120 }}
        data-testid="audit-result"
        onChange={(v) => f.set({ result: v })}
        options={[
          { value: 'ok', label: t('audit.ok') },
          { value: 'failed', label: t('audit.failed') },
        ]}
      />
      <DayRangeFilter filter={f} />
    </Space>
  );

  return (
    <PageContainer title={t('audit.title')} subTitle={t('audit.subtitle')}>
      <CursorTable<Row>
        testId="audit-table"
        queryKey={['auditLog', filter]}
        load={(page, signal) => request(auditQuery, { filter, ...page }, signal).then((d) => d.auditLog)}
        rowKey="id"
        columns={columns}
        title={filters}
        exportList="auditLog"
        exportFilter={filter}
        emptyText={t('audit.none')}
        hiddenColumns={['ip']}
        scrollX={1000}
        expandedRowRender={(e) => (
          <div>
            <Typography.Text type="secondary">{t('audit.args')}</Typography.Text>
            <pre className="vp-json" data-testid="audit-args">
              {prettyJson(e.args)}
            </pre>
          </div>
        )}
      />
    </PageContainer>
  );
}
