import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Select, Space, Switch, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, Permission, useMe } from '../../auth/session';
import { ErrorState } from '../../components/ErrorState';
import { useReportError } from '../../components/useReportError';
import type { ScheduleFieldsFragment } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { formatMinute } from '../tariffs/tou';
import { deleteScheduleMutation, schedulesQuery, updateScheduleMutation } from './operations';
import { ScheduleEditor } from './ScheduleEditor';

/** Control schedules (定时控制): trip or close meters at a time of day, on chosen weekdays. */
export default function SchedulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queries = useQueryClient();
  const mayEdit = can(useMe().data, [Permission.Control]);
  const [params, setParams] = useSearchParams();
  const siteId = params.get('site') ?? undefined;
  const editing = params.get('edit');
  const setParam = (k: string, v?: string) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (v) p.set(k, v);
      else p.delete(k);
      return p;
    });
  // The API lists a site's schedules whole (a site has a handful), by time of day.
  const q = useQuery({ queryKey: ['schedules', siteId], queryFn: ({ signal }) => request(schedulesQuery, { siteId }, signal) });
  const refresh = () => void queries.invalidateQueries({ queryKey: ['schedules'] });
  const toggle = useMutation({
    mutationFn: (s: ScheduleFieldsFragment) => request(updateScheduleMutation, { id: s.id, input: { enabled: !s.enabled } }),
    onSuccess: refresh,
    onError: (err) => report(err),
  });
  const remove = useMutation({
    mutationFn: (s: ScheduleFieldsFragment) => request(deleteScheduleMutation, { id: s.id }).then(() => s),
    onSuccess: (s) => {
      void message.success(t('schedules.deleted', { name: s.name }));
      refresh();
    },
    onError: (err) => report(err),
  });
  const sites = q.data?.sites ?? [];
  const editingSchedule = editing && editing !== 'new' ? q.data?.controlSchedules.find((s) => s.id === editing) : undefined;

  return (
    <PageContainer title={t('schedules.title')} subTitle={t('schedules.subtitle')}>
      <Card>
        {q.isError && !q.data ? (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <ProTable<ScheduleFieldsFragment>
            rowKey="id"
            search={false}
            options={{ reload: () => void q.refetch(), density: false, setting: false }}
            loading={q.isFetching}
            dataSource={q.data?.controlSchedules}
            pagination={false}
            locale={{ emptyText: t('schedules.empty') }}
            headerTitle={
              <Select
                allowClear
                placeholder={t('schedules.allSites')}
                style={{ width: 180 }}
                value={siteId}
                onChange={(v: string | undefined) => setParam('site', v)}
                options={sites.map((s) => ({ value: s.id, label: s.name }))}
              />
            }
            toolBarRender={() => [
              mayEdit && (
                <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setParam('edit', 'new')} data-testid="schedule-new">
                  {t('schedules.create')}
                </Button>
              ),
            ]}
            columns={[
              { title: t('schedules.at'), width: 90, render: (_, s) => <Typography.Text strong>{formatMinute(s.atMinute)}</Typography.Text> },
              { title: t('schedules.name'), dataIndex: 'name', ellipsis: true },
              {
                title: t('schedules.action'),
                width: 110,
                render: (_, s) => <Tag color={s.action === 'trip' ? 'red' : 'green'}>{t(`scheduleAction.${s.action}`)}</Tag>,
              },
              {
                title: t('schedules.weekdays'),
                render: (_, s) =>
                  s.weekdays.length === 0 || s.weekdays.length === 7
                    ? t('schedules.everyDay')
                    : [...s.weekdays]
                        .sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7))
                        .map((d) => t(`weekday.${d}` as 'weekday.0'))
                        .join('、'),
              },
              { title: t('schedules.site'), width: 130, render: (_, s) => s.site.name },
              {
                title: t('schedules.targets'),
                render: (_, s) => (
                  <Space size={4} wrap>
                    {s.building && <Tag>{s.building.name}</Tag>}
                    {s.meterIds.length > 0 && <Tag>{t('schedules.meterCount', { count: s.meterIds.length })}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('schedules.enabled'),
                width: 90,
                render: (_, s) => (
                  <Switch
                    size="small"
                    checked={s.enabled}
                    disabled={!mayEdit}
                    loading={toggle.isPending && toggle.variables?.id === s.id}
                    onChange={() => toggle.mutate(s)}
                    aria-label={t('schedules.enabled')}
                  />
                ),
              },
              {
                title: t('schedules.actions'),
                width: 150,
                render: (_, s) =>
                  mayEdit && (
                    <Space>
                      <Button type="link" size="small" onClick={() => setParam('edit', s.id)}>
                        {t('schedules.edit')}
                      </Button>
                      <Popconfirm
                        title={t('schedules.deleteTitle')}
                        description={t('schedules.deleteConfirm')}
                        okText={t('schedules.delete')}
                        okButtonProps={{ danger: true }}
                        cancelText={t('schedules.cancel')}
                        onConfirm={() => remove.mutate(s)}
                      >
                        <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                          {t('schedules.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
              },
            ]}
          />
        )}
      </Card>
      {mayEdit && editing && q.data && (editing === 'new' || editingSchedule) && (
        <ScheduleEditor
          schedule={editingSchedule}
          sites={sites}
          defaultSiteId={siteId}
          onClose={(saved) => {
            setParam('edit');
            if (saved) refresh();
          }}
        />
      )}
    </PageContainer>
  );
}
