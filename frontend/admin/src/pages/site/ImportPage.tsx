import { CheckCircleOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Popconfirm, Result, Select, Space, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { currentLanguage } from '../../i18n';
import { formatFen } from '../../lib/money';
import {
  errorRows,
  isImportField,
  postSheet,
  rowsWithErrors,
  stageOf,
  templateUrl,
  type ErrorRow,
  type ImportAnswer,
  type ImportOutcome,
  type ImportSummary,
} from './siteImport';
import { useSites } from './useSites';

/**
 * Setting up a site from one sheet (快速配置，即装即用): download the template, upload the filled
 * sheet for a check that writes nothing, read every error against its row and cell, fix and
 * upload again, then import for real in one transaction.
 */
export default function ImportPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const sites = useSites();
  const siteId = params.get('siteId') ?? sites.data?.sites[0]?.id ?? '';
  const [file, setFile] = useState<File>();
  const [outcome, setOutcome] = useState<ImportOutcome>();
  const queries = useQueryClient();

  const send = useMutation({
    mutationFn: ({ f, dryRun }: { f: File; dryRun: boolean }) => postSheet(siteId, f, dryRun),
    onSuccess: (o, { dryRun }) => {
      setOutcome(o);
      if (!dryRun) void queries.invalidateQueries();
    },
  });

  const check = (f: File) => {
    setFile(f);
    setOutcome(undefined);
    send.mutate({ f, dryRun: true });
    return false; // antd's Upload must not post the file itself
  };

  const answer = outcome?.kind === 'answer' ? outcome.answer : undefined;
  const stage = answer && stageOf(answer);
  const step = !file ? 1 : stage === 'written' || stage === 'already' ? 3 : 2;

  if (sites.isError) {
    return (
      <PageContainer title={t('siteImport.title')}>
        <Card>
          <ErrorState error={sites.error} onRetry={() => void sites.refetch()} />
        </Card>
      </PageContainer>
    );
  }

  return (
    <PageContainer title={t('siteImport.title')} subTitle={t('siteImport.subtitle')}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card>
          <Steps
            current={step}
            items={[
              { title: t('siteImport.stepSite') },
              { title: t('siteImport.stepUpload') },
              { title: t('siteImport.stepCheck') },
              { title: t('siteImport.stepDone') },
            ]}
          />
        </Card>
        <Card>
          <Space wrap size="large">
            <Space>
              <Typography.Text>{t('siteImport.site')}</Typography.Text>
              <Select
                data-testid="import-site"
                style={{ minWidth: 220 }}
                loading={sites.isLoading}
                value={siteId || undefined}
                options={sites.data?.sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
                onChange={(v: string) => {
                  setParams({ siteId: v });
                  setFile(undefined);
                  setOutcome(undefined);
                }}
              />
            </Space>
            <Button icon={<DownloadOutlined />} href={templateUrl(siteId || undefined)} data-testid="import-template">
              {t('siteImport.template')}
            </Button>
            <Typography.Text type="secondary">{t('siteImport.templateHint')}</Typography.Text>
          </Space>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            showUploadList={false}
            disabled={!siteId || send.isPending}
            beforeUpload={check}
            style={{ marginTop: 16 }}
            data-testid="import-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{file ? t('siteImport.uploadAgain', { name: file.name }) : t('siteImport.upload')}</p>
            <p className="ant-upload-hint">{t('siteImport.uploadHint')}</p>
          </Upload.Dragger>
        </Card>
        {send.isPending && <Card loading />}
        {send.isError && (
          <Card>
            <ErrorState error={send.error} title={t('siteImport.failed')} />
          </Card>
        )}
        {!send.isPending && outcome?.kind === 'refused' && (
          <Alert
            type="error"
            showIcon
            data-testid="import-refused"
            message={t('siteImport.refused')}
            description={
              <>
                <div>{outcome.refusal.error}</div>
                {outcome.refusal.requestId && (
                  <Typography.Text type="secondary">{t('error.requestId', { id: outcome.refusal.requestId })}</Typography.Text>
                )}
              </>
            }
          />
        )}
        {!send.isPending && answer && file && (
          <AnswerView answer={answer} onImport={() => send.mutate({ f: file, dryRun: false })} />
        )}
      </Space>
    </PageContainer>
  );
}

function AnswerView({ answer, onImport }: { answer: ImportAnswer; onImport: () => void }) {
  const { t } = useTranslation();
  const stage = stageOf(answer);
  const errors = answer.errors ?? [];
  if (stage === 'written' || stage === 'already') {
    return (
      <Card data-testid="import-done">
        <Result
          status="success"
          icon={<CheckCircleOutlined />}
          title={stage === 'written' ? t('siteImport.written') : t('siteImport.already', { time: answer.importedAt ?? '' })}
          subTitle={t('error.requestId', { id: answer.requestId })}
          extra={<SummaryView summary={answer.summary} />}
        />
      </Card>
    );
  }
  return (
    <Card>
      {stage === 'errors' ? (
        <Alert
          type="error"
          showIcon
          data-testid="import-errors-alert"
          message={t('siteImport.hasErrors', { errors: errors.length + (answer.omittedErrors ?? 0), rows: rowsWithErrors(errors) })}
          description={t('siteImport.nothingWritten')}
        />
      ) : (
        <Alert
          type="success"
          showIcon
          data-testid="import-ready"
          message={t('siteImport.ready')}
          description={t('siteImport.readyHint')}
          action={
            <Popconfirm
              title={t('siteImport.confirmTitle')}
              description={<SummaryView summary={answer.summary} />}
              okText={t('siteImport.confirm')}
              cancelText={t('siteImport.cancel')}
              onConfirm={onImport}
            >
              <Button type="primary" data-testid="import-commit">
                {t('siteImport.import')}
              </Button>
            </Popconfirm>
          }
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {stage === 'errors' ? t('siteImport.summaryPassed') : t('siteImport.summary')}
      </Typography.Title>
      <SummaryView summary={answer.summary} />
      {answer.skippedRows && answer.skippedRows.length > 0 && (
        <Typography.Paragraph type="secondary">{t('siteImport.skipped', { rows: answer.skippedRows.join('、') })}</Typography.Paragraph>
      )}
      {stage === 'errors' && <ErrorTable answer={answer} />}
    </Card>
  );
}

function SummaryView({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 5 }} bordered data-testid="import-summary">
      <Descriptions.Item label={t('siteImport.buildings')}>
        {t('siteImport.newAndReused', { n: summary.buildings, reused: summary.buildingsExisting })}
      </Descriptions.Item>
      <Descriptions.Item label={t('siteImport.gateways')}>
        {t('siteImport.newAndReused', { n: summary.gateways, reused: summary.gatewaysExisting })}
      </Descriptions.Item>
      <Descriptions.Item label={t('siteImport.meters')}>{summary.meters}</Descriptions.Item>
      <Descriptions.Item label={t('siteImport.accounts')}>{summary.accounts}</Descriptions.Item>
      <Descriptions.Item label={t('siteImport.openingBalance')}>{formatFen(summary.openingBalanceFen)}</Descriptions.Item>
    </Descriptions>
  );
}

function ErrorTable({ answer }: { answer: ImportAnswer }) {
  const { t } = useTranslation();
  const label = (field: string) => (isImportField(field) ? t(`siteImport.columns.${field}` as const) : field);
  const rows = errorRows(answer.errors ?? [], currentLanguage(), label);
  return (
    <>
      <Table<ErrorRow>
        data-testid="import-errors"
        style={{ marginTop: 16 }}
        size="small"
        rowKey="key"
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        columns={[
          { title: t('siteImport.row'), dataIndex: 'row', width: 80 },
          { title: t('siteImport.cell'), dataIndex: 'cell', width: 90, render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
          { title: t('siteImport.field'), dataIndex: 'field', width: 140 },
          { title: t('siteImport.message'), dataIndex: 'message' },
        ]}
      />
      {(answer.omittedErrors ?? 0) > 0 && (
        <Typography.Paragraph type="secondary">{t('siteImport.omitted', { n: answer.omittedErrors })}</Typography.Paragraph>
      )}
    </>
  );
}
