import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, Modal, Radio, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../components/useReportError';
import type { ScheduleAction, ScheduleFieldsFragment } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { formatMinute, parseMinute } from '../tariffs/tou';
import { createScheduleMutation, scheduleBuildingsQuery, scheduleMetersQuery, updateScheduleMutation } from './operations';

interface Values {
  siteId?: string;
  name: string;
  action: ScheduleAction;
  /** HH:MM as typed; the server's field is atMinute, so its errors land here. */
  atMinute: string;
  weekdays: number[];
  buildingId?: string;
  meterIds: string[];
  enabled: boolean;
}

const weekdays = [1, 2, 3, 4, 5, 6, 0];

/** Makes or edits a control schedule in a modal; onClose(true) after a save. */
export function ScheduleEditor({
  schedule,
  sites,
  defaultSiteId,
  onClose,
}: {
  schedule?: ScheduleFieldsFragment;
  sites: { id: string; name: string }[];
  defaultSiteId?: string;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const [form] = Form.useForm<Values>();
  const [meterSearch, setMeterSearch] = useState('');
  const initial: Values = schedule
    ? {
        siteId: schedule.site.id,
        name: schedule.name,
        action: schedule.action,
        atMinute: formatMinute(schedule.atMinute),
        weekdays: schedule.weekdays,
        buildingId: schedule.building?.id,
        meterIds: schedule.meterIds,
        enabled: schedule.enabled,
      }
    : { siteId: defaultSiteId ?? sites[0]?.id, name: '', action: 'trip', atMinute: '22:00', weekdays: [], meterIds: [], enabled: true };
  const siteId = Form.useWatch('siteId', form) ?? initial.siteId;
  const buildings = useQuery({
    queryKey: ['schedule-buildings', siteId],
    queryFn: ({ signal }) => request(scheduleBuildingsQuery, { siteId: siteId! }, signal),
    enabled: !!siteId,
  });
  const meters = useQuery({
    queryKey: ['schedule-meters', siteId, meterSearch],
    queryFn: ({ signal }) => request(scheduleMetersQuery, { filter: { siteId, status: 'active', ...(meterSearch ? { search: meterSearch } : {}) } }, signal),
    enabled: !!siteId,
  });
  const save = useMutation({
    mutationFn: (v: Values) => {
      const input = {
        name: v.name.trim(),
        action: v.action,
        atMinute: parseMinute(v.atMinute),
        weekdays: v.weekdays,
        buildingId: v.buildingId ?? null,
        meterIds: v.meterIds,
        enabled: v.enabled,
      };
      return schedule
        ? request(updateScheduleMutation, { id: schedule.id, input }).then((r) => r.updateControlSchedule)
        : request(createScheduleMutation, { input: { ...input, siteId: v.siteId } }).then((r) => r.createControlSchedule);
    },
    onSuccess: (s) => {
      void message.success(t('schedules.saved', { name: s.name }));
      onClose(true);
    },
    onError: (err) => report(err, form),
  });

  return (
    <Modal
      open
      width={640}
      title={schedule ? t('schedules.editTitle', { name: schedule.name }) : t('schedules.createTitle')}
      okText={t('schedules.save')}
      cancelText={t('schedules.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnClose
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} data-testid="schedule-form">
        <Form.Item name="siteId" label={t('schedules.site')} rules={[{ required: true, message: t('schedules.siteRequired') }]}>
          <Select disabled={!!schedule} options={sites.map((s) => ({ value: s.id, label: s.name }))} onChange={() => form.setFieldsValue({ buildingId: undefined, meterIds: [] })} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('schedules.name')}
          rules={[
            { required: true, whitespace: true, message: t('schedules.nameRequired') },
            { max: 100, message: t('schedules.nameTooLong') },
          ]}
        >
          <Input maxLength={100} placeholder={t('schedules.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="action" label={t('schedules.action')}>
          <Radio.Group optionType="button" buttonStyle="solid" options={(['trip', 'close'] as const).map((a) => ({ value: a, label: t(`scheduleAction.${a}`) }))} />
        </Form.Item>
        <Form.Item
          name="atMinute"
          label={t('schedules.at')}
          rules={[{ validator: (_, v: string) => (parseMinute(v ?? '') === undefined ? Promise.reject(new Error(t('schedules.atRequired'))) : Promise.resolve()) }]}
        >
          <Input maxLength={5} style={{ width: 120 }} placeholder="22:00" />
        </Form.Item>
        <Form.Item name="weekdays" label={t('schedules.weekdays')} extra={t('schedules.weekdaysHint')}>
          <Checkbox.Group options={weekdays.map((d) => ({ value: d, label: t(`weekday.${d}` as 'weekday.0') }))} />
        </Form.Item>
        <Form.Item
          name="buildingId"
          label={t('schedules.building')}
          dependencies={['meterIds']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v?: string) =>
                v || (getFieldValue('meterIds') as string[]).length > 0 ? Promise.resolve() : Promise.reject(new Error(t('schedules.targetsRequired'))),
            }),
          ]}
        >
          <Select allowClear placeholder={t('schedules.noBuilding')} loading={buildings.isPending} options={buildings.data?.buildings.nodes.map((b) => ({ value: b.id, label: b.name }))} />
        </Form.Item>
        <Form.Item name="meterIds" label={t('schedules.meters')}>
          <Select
            mode="multiple"
            showSearch
            filterOption={false}
            onSearch={(v) => setMeterSearch(v.trim().slice(0, 100))}
            placeholder={t('schedules.metersPlaceholder')}
            loading={meters.isFetching}
            options={meters.data?.meters.nodes.map((m) => ({ value: m.id, label: m.room ? `${m.address} · ${m.room}` : m.address }))}
          />
        </Form.Item>
        <Form.Item name="enabled" label={t('schedules.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
