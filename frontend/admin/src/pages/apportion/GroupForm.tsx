import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ModalForm, ProFormRadio, ProFormSwitch, ProFormText } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../components/useReportError';
import type { ApportionGroupQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { RefSelect } from '../site/RefSelect';
import { SiteSelect } from '../site/SiteSelect';
import { accountLabel, meterLabel, SearchSelect, type Choice } from './choices';
import {
  maxMembers,
  memberInputs,
  membersProblem,
  memberWeight,
  sourcesProblem,
  type GroupValues,
  type Method,
} from './groupForm';
import { createGroup, updateGroup } from './operations';

export type Group = NonNullable<ApportionGroupQuery['apportionGroup']>;

/** The values of an existing group, as the form shows them. */
function valuesOf(g: Group): GroupValues {
  return {
    siteId: g.site.id,
    name: g.name,
    method: g.method,
    tariffId: g.tariff.id,
    includeLineLoss: g.includeLineLoss,
    sources: g.sources.map((s) => ({ meterId: s.meter.id, role: s.role })),
    members: g.members.map((m) => ({ accountId: m.account.id, weight: memberWeight(m) })),
  };
}

/** The API's input (all but the site) for the form's values. */
function inputOf(v: GroupValues) {
  return {
    name: v.name?.trim(),
    method: v.method,
    tariffId: v.tariffId,
    includeLineLoss: !!v.includeLineLoss,
    sources: (v.sources ?? []).map((s) => ({ meterId: s.meterId ?? '', role: s.role ?? ('common' as const) })),
    members: memberInputs(v.method ?? 'area', v.members ?? []),
  };
}

/**
 * Creates a group, or edits one: its name, method, tariff, whether line loss is shared, its
 * source meters and its members with their floor area or share. An edit sends only what
 * changed (the lists whole, as the API replaces them). Errors the server names a field of
 * show under that field; the others in a message.
 */
export function GroupForm({ group, siteId, onClose, onSaved }: { group?: Group; siteId?: string; onClose: () => void; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<GroupValues>();
  const report = useReportError();
  const queries = useQueryClient();
  const site = Form.useWatch('siteId', form);
  const method = Form.useWatch('method', form) as Method | undefined;
  const initial = group ? valuesOf(group) : { siteId, method: 'area' as Method, includeLineLoss: false, sources: [{ role: 'common' as const }], members: [{}] };
  const knownMeters: Choice[] = group?.sources.map((s) => ({ value: s.meter.id, label: meterLabel(s.meter) })) ?? [];
  const knownAccounts: Choice[] = group?.members.map((m) => ({ value: m.account.id, label: accountLabel(m.account) })) ?? [];
  const required = { required: true, message: t('sitePages.required') };

  return (
    <ModalForm<GroupValues>
      open
      form={form}
      width={860}
      title={group ? t('apportion.form.editTitle', { name: group.name }) : t('apportion.form.newTitle')}
      initialValues={initial}
      modalProps={{ onCancel: onClose, destroyOnClose: true, maskClosable: false }}
      submitter={{ searchConfig: { submitText: t('apportion.form.save') } }}
      onValuesChange={(changed: GroupValues) => {
        // Another site's tariff, meters and accounts cannot belong to the group.
        if ('siteId' in changed) form.setFieldsValue({ tariffId: undefined, sources: [{ role: 'common' }], members: [{}] });
      }}
      onFinish={async (v) => {
        const input = inputOf(v);
        try {
          let id = group?.id;
          if (group) {
            // Only what changed: the API keeps every field it is not sent (includeLineLoss has a
            // default in the schema, so it is always sent as shown).
            const before = inputOf(valuesOf(group));
            const changed = Object.fromEntries(
              Object.entries(input).filter(([k, val]) => k === 'includeLineLoss' || JSON.stringify(val) !== JSON.stringify(before[k as keyof typeof before])),
            );
            await request(updateGroup, { id: group.id, input: changed });
          } else {
            id = (await request(createGroup, { input: { ...input, siteId: v.siteId } })).createApportionGroup.id;
          }
          await queries.invalidateQueries({ queryKey: ['apportion'] });
          if (id) onSaved(id);
          return true;
        } catch (err) {
          report(err, form);
          return false;
        }
      }}
    >
      <Space size={16} style={{ display: 'flex' }} align="start">
        <Form.Item name="siteId" label={t('sitePages.site')} rules={[required]} style={{ width: 260 }}>
          <SiteSelect disabled={!!group} block testId="group-site" />
        </Form.Item>
        <div style={{ width: 540 }}>
          <ProFormText
            name="name"
            label={t('apportion.form.name')}
            placeholder={t('apportion.form.namePlaceholder')}
            fieldProps={{ 'data-testid': 'group-name' } as object}
            rules={[{ ...required, whitespace: true }, { max: 100, message: t('sitePages.tooLong', { max: 100 }) }]}
          />
        </div>
      </Space>
      <Space size={16} style={{ display: 'flex' }} align="start">
        <Form.Item name="tariffId" label={t('apportion.tariff')} tooltip={t('apportion.form.tariffHint')} rules={[required]} style={{ width: 260 }}>
          <RefSelect kind="tariffs" siteId={site} block disabled={!site} testId="group-tariff" />
        </Form.Item>
        <ProFormRadio.Group
          name="method"
          label={t('apportion.method')}
          rules={[required]}
          radioType="button"
          options={(['area', 'usage', 'fixed'] as const).map((m) => ({ value: m, label: t(`apportionMethod.${m}`) }))}
        />
        <ProFormSwitch name="includeLineLoss" label={t('apportion.lineLoss')} tooltip={t('apportion.form.lineLossHint')} />
      </Space>

      <Typography.Title level={5}>{t('apportion.sources')}</Typography.Title>
      <Form.List
        name="sources"
        rules={[
          {
            validator: async () => {
              const p = sourcesProblem(form.getFieldValue('sources'), form.getFieldValue('includeLineLoss'));
              if (p) throw new Error(t(`apportion.form.${p.key}`, { n: p.n }));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} style={{ display: 'flex' }} align="start">
                <Form.Item name={[f.name, 'meterId']} rules={[{ required: true, message: t('apportion.form.pickMeter') }]} style={{ width: 520 }}>
                  <SearchSelect kind="meters" siteId={site} known={knownMeters} placeholder={t('apportion.form.meterPlaceholder')} testId={`source-meter-${f.name}`} />
                </Form.Item>
                <Form.Item name={[f.name, 'role']} rules={[required]} style={{ width: 160 }}>
                  <Select options={(['common', 'master'] as const).map((r) => ({ value: r, label: t(`apportionRole.${r}`) }))} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} aria-label={t('apportion.form.remove')} onClick={() => remove(f.name)} disabled={fields.length === 1} />
              </Space>
            ))}
            <Form.Item>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'common' })}>
                {t('apportion.form.addSource')}
              </Button>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          </>
        )}
      </Form.List>

      <Typography.Title level={5}>{t('apportion.members')}</Typography.Title>
      <Form.List
        name="members"
        rules={[
          {
            validator: async () => {
              const p = membersProblem(form.getFieldValue('method'), form.getFieldValue('members'));
              if (p) throw new Error(t(`apportion.form.${p.key}`, { n: p.n, pct: (p.n ?? 0) / 100 }));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} style={{ display: 'flex' }} align="start">
                <Form.Item name={[f.name, 'accountId']} rules={[{ required: true, message: t('apportion.form.pickAccount') }]} style={{ width: 520 }}>
                  <SearchSelect kind="accounts" siteId={site} known={knownAccounts} placeholder={t('apportion.form.accountPlaceholder')} testId={`member-account-${f.name}`} />
                </Form.Item>
                {method === 'area' || method === 'fixed' ? (
                  <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: t(method === 'area' ? 'apportion.form.needArea' : 'apportion.form.needShare') }]} style={{ width: 160 }}>
                    <Input
                      inputMode="decimal"
                      maxLength={12}
                      suffix={method === 'area' ? 'm²' : '%'}
                      placeholder={method === 'area' ? '120.50' : '25'}
                      data-testid={`member-weight-${f.name}`}
                    />
                  </Form.Item>
                ) : (
                  <Typography.Text type="secondary" style={{ width: 160, lineHeight: '32px' }}>
                    {t('apportion.form.byUsage')}
                  </Typography.Text>
                )}
                <Button icon={<DeleteOutlined />} aria-label={t('apportion.form.remove')} onClick={() => remove(f.name)} disabled={fields.length === 1} />
              </Space>
            ))}
            <Form.Item>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= maxMembers} data-testid="add-member">
                {t('apportion.form.addMember')}
              </Button>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          </>
        )}
      </Form.List>
    </ModalForm>
  );
}
