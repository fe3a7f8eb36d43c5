import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Space, Tag, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, Permission, useMe } from '../../auth/session';
import { ErrorState } from '../../components/ErrorState';
import { useReportError } from '../../components/useReportError';
import type { NotificationKind, NotificationTemplatesQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { describeError, errorLine } from '../../graphql/errors';
import { SiteSelect } from '../site/SiteSelect';
import { previewTemplate, setQuietHours, setTemplate, templatesQuery } from './operations';

type Site = NotificationTemplatesQuery['sites'][number];
type Template = Site['notificationTemplates'][number];

const placeholders = ['account', 'tenant', 'shop', 'site', 'balance', 'threshold', 'meter', 'time'];

/** Each site's text per kind of warning, with a preview, and its quiet hours; editable with manage_meters. */
export function TemplatesTab() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['notification-templates'], queryFn: ({ signal }) => request(templatesQuery, {}, signal) });
  const [siteId, setSiteId] = useState<string>();
  const sites = q.data?.sites ?? [];
  const site = sites.find((s) => s.id === siteId) ?? sites[0];
  const edit = can(useMe().data, [Permission.ManageMeters]);
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>{t('notifications.templates.site')}</Typography.Text>
        <SiteSelect value={site?.id} onChange={setSiteId} testId="template-site" />
        <Typography.Text type="secondary">
          {t('notifications.templates.placeholders')} {placeholders.map((p) => `{${p}}`).join(' ')}
        </Typography.Text>
      </Space>
      {site && <QuietHoursCard key={`q-${site.id}`} site={site} edit={edit} />}
      {site?.notificationTemplates.map((tm) => <TemplateCard key={`${site.id}-${tm.kind}`} siteId={site.id} tm={tm} edit={edit} />)}
    </Space>
  );
}

function TemplateCard({ siteId, tm, edit }: { siteId: string; tm: Template; edit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const queries = useQueryClient();
  const [text, setText] = useState(tm.text);
  const [preview, setPreview] = useState<string>();
  const [previewError, setPreviewError] = useState<string>();
  useEffect(() => setText(tm.text), [tm.text]);
  const kind = tm.kind as NotificationKind;
  const save = async (value: string) => {
    try {
      await request(setTemplate, { siteId, kind, text: value });
      void message.success(t('notifications.templates.saved'));
      void queries.invalidateQueries({ queryKey: ['notification-templates'] });
    } catch (err) {
      reportError(err);
    }
  };
  const showPreview = async () => {
    try {
      const d = await request(previewTemplate, { kind, text });
      setPreview(d.previewNotificationTemplate);
      setPreviewError(undefined);
    } catch (err) {
      setPreview(undefined);
      setPreviewError(errorLine(t, describeError(t, err)));
    }
  };
  return (
    <Card
      size="small"
      data-testid={`template-${tm.kind}`}
      title={
        <Space>
          {t(`notificationKind.${tm.kind}`)}
          <Tag color={tm.custom ? 'blue' : 'default'}>{tm.custom ? t('notifications.templates.custom') : t('notifications.templates.builtin')}</Tag>
          {['arrears', 'trip'].includes(tm.kind) && <Tag color="red">{t('notifications.templates.urgent')}</Tag>}
        </Space>
      }
      extra={
        <Space>
          <Button size="small" onClick={() => void showPreview()} data-testid={`preview-${tm.kind}`}>
            {t('notifications.templates.preview')}
          </Button>
          {edit && tm.custom && (
            <Button size="small" onClick={() => void save('')}>
              {t('notifications.templates.reset')}
            </Button>
          )}
          {edit && (
            <Button size="small" type="primary" disabled={text === tm.text} onClick={() => void save(text)} data-testid={`save-${tm.kind}`}>
              {t('notifications.templates.save')}
            </Button>
          )}
        </Space>
      }
    >
      <Input.TextArea
        value={text}
        readOnly={!edit}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 4 }}
        showCount
        maxLength={200}
        data-testid={`text-${tm.kind}`}
      />
      {preview && (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }} data-testid={`preview-text-${tm.kind}`}>
          <Typography.Text type="secondary">{t('notifications.templates.previewLabel')}</Typography.Text>
          {preview}
        </Typography.Paragraph>
      )}
      {previewError && (
        <Typography.Paragraph type="danger" style={{ marginTop: 8, marginBottom: 0 }} data-testid={`preview-error-${tm.kind}`}>
          {previewError}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function QuietHoursCard({ site, edit }: { site: Site; edit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const queries = useQueryClient();
  const [start, setStart] = useState(site.quietHours.start);
  const [end, setEnd] = useState(site.quietHours.end);
  const save = async (s: string, e: string) => {
    try {
      await request(setQuietHours, { siteId: site.id, start: s, end: e });
      void message.success(t('notifications.templates.saved'));
      void queries.invalidateQueries({ queryKey: ['notification-templates'] });
    } catch (err) {
      reportError(err);
    }
  };
  const pick = (v: string, set: (s: string) => void, testId: string) => (
    <TimePicker
      format="HH:mm"
      minuteStep={5}
      disabled={!edit}
      value={v ? dayjs(v, 'HH:mm') : null}
      onChange={(d) => set(d ? d.format('HH:mm') : '')}
      data-testid={testId}
    />
  );
  return (
    <Card size="small" title={t('notifications.quiet.title')} data-testid="quiet-hours">
      <Space wrap>
        {pick(start, setStart, 'quiet-start')}
        <span>—</span>
        {pick(end, setEnd, 'quiet-end')}
        {edit && (
          <Button type="primary" size="small" onClick={() => void save(start, end)} data-testid="quiet-save">
            {t('notifications.templates.save')}
          </Button>
        )}
        {edit && site.quietHours.start && (
          <Button size="small" onClick={() => void save('', '')}>
            {t('notifications.quiet.none')}
          </Button>
        )}
        <Typography.Text type="secondary">{t('notifications.quiet.help')}</Typography.Text>
      </Space>
    </Card>
  );
}
