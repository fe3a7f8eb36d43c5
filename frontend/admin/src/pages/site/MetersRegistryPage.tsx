import { ProForm, ProFormDigit, ProFormSelect, ProFormText, type ProColumns } from '@ant-design/pro-components';
import { Col, Form, Input, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUrlFilter } from '../../components/useUrlFilter';
import { graphql } from '../../gql';
import { MeterProtocol, type MeterInput, type MeterRegistryQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { compactFilter } from './filter';
import { RegistryForm, RegistryList } from './RegistryList';
import { RefSelect } from './RefSelect';
import { SiteSelect } from './SiteSelect';

// The meter registry: where each meter is, how it is reached and billed. Remote control and
// live state are the meters console's (/meters); this page keeps the records.

const metersQuery = graphql(`
  query MeterRegistry($filter: MeterFilter, $first: Int, $after: String, $last: Int, $before: String) {
    meters(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        address
        channel
        protocol
        model
        phases
        ctRatio
        floor
        room
        direct
        site {
          id
          name
        }
        building {
          id
          name
        }
        gateway {
          id
          name
        }
        tariff {
          id
          name
        }
        account {
          id
          no
          tenantName
        }
      }
    }
  }
`);

const createMeter = graphql(`
  mutation CreateMeter($input: MeterInput!) {
    createMeter(input: $input) {
      id
    }
  }
`);

const updateMeter = graphql(`
  mutation UpdateMeter($id: ID!, $input: MeterInput!) {
    updateMeter(id: $id, input: $input) {
      id
    }
  }
`);

type Row = MeterRegistryQuery['meters']['nodes'][number];
interface Values extends Record<string, unknown> {
  siteId?: string;
  buildingId?: string;
  floor?: string;
  room?: string;
  address?: string;
  channel?: number;
  protocol?: MeterProtocol;
  gatewayId?: string;
  model?: string;
  phases?: number;
  ctRatio?: number;
  tariffId?: string;
}

const meterProtocolLabel: Record<MeterProtocol, string> = { dlt645: 'DL/T 645', modbus: 'Modbus' };

export default function MetersRegistryPage() {
  const { t } = useTranslation();
  const filter = useUrlFilter();
  const siteId = filter.get('siteId');
  const gqlFilter = compactFilter({
    siteId,
    buildingId: filter.get('buildingId'),
    gatewayId: filter.get('gatewayId'),
    search: filter.get('search'),
  });

  const columns: ProColumns<Row>[] = [
    { title: t('sitePages.meter.address'), dataIndex: 'address', copyable: true },
    { title: t('sitePages.meter.channel'), render: (_, r) => r.channel || '—' },
    { title: t('sitePages.meter.protocol'), render: (_, r) => meterProtocolLabel[r.protocol] },
    { title: t('sitePages.meter.gateway'), render: (_, r) => r.gateway?.name ?? (r.direct ? <Tag>{t('sitePages.meter.direct')}</Tag> : '—') },
    { title: t('sitePages.meter.location'), render: (_, r) => [r.building?.name, r.floor, r.room].filter(Boolean).join(' ') || '—' },
    { title: t('sitePages.meter.model'), render: (_, r) => r.model || '—' },
    { title: t('sitePages.meter.ctRatio'), dataIndex: 'ctRatio' },
    { title: t('sitePages.meter.tariff'), render: (_, r) => r.tariff?.name ?? '—' },
    { title: t('sitePages.meter.account'), render: (_, r) => (r.account ? `${r.account.no} ${r.account.tenantName}` : '—') },
  ];

  return (
    <RegistryList<Row>
      title={t('sitePages.meter.title')}
      filters={
        <>
          <SiteSelect
            allowClear
            value={siteId}
            onChange={(v) => filter.set({ siteId: v, buildingId: undefined, gatewayId: undefined })}
            testId="filter-site"
          />
          <RefSelect
            kind="buildings"
            siteId={siteId}
            value={filter.get('buildingId')}
            onChange={(v) => filter.set({ buildingId: v, gatewayId: undefined })}
            placeholder={t('sitePages.allBuildings')}
          />
          <RefSelect
            kind="gateways"
            siteId={siteId}
            buildingId={filter.get('buildingId')}
            value={filter.get('gatewayId')}
            onChange={(v) => filter.set({ gatewayId: v })}
            placeholder={t('sitePages.allGateways')}
          />
          <Input.Search
            allowClear
            defaultValue={filter.get('search')}
            placeholder={t('sitePages.meter.searchHint')}
            maxLength={100}
            onSearch={(v) => filter.set({ search: v.trim() || undefined })}
            style={{ width: 220 }}
            data-testid="filter-search"
          />
        </>
      }
      paged={{
        testId: 'meters',
        queryKey: ['meters', 'registry', gqlFilter],
        load: async (page, signal) => (await request(metersQuery, { filter: gqlFilter, ...page }, signal)).meters,
        exportList: 'meters',
        exportFilter: gqlFilter,
        emptyText: t('sitePages.meter.empty'),
      }}
      columns={columns}
      newLabel={t('sitePages.meter.new')}
      form={(row, close) => <MeterForm row={row} siteId={siteId} onClose={close} />}
    />
  );
}

function MeterForm({ row, siteId, onClose }: { row?: Row; siteId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const chosenSite = Form.useWatch('siteId', form) ?? row?.site.id ?? siteId;
  const initial: Values | undefined = row && {
    siteId: row.site.id,
    buildingId: row.building?.id,
    floor: row.floor,
    room: row.room,
    address: row.address,
    channel: row.channel,
    protocol: row.protocol,
    gatewayId: row.gateway?.id,
    model: row.model,
    phases: row.phases,
    ctRatio: row.ctRatio,
    tariffId: row.tariff?.id,
  };
  const text = (name: keyof Values & string, label: string, max: number, required = false) => (
    <ProFormText
      name={name}
      label={label}
      rules={[
        ...(required ? [{ required: true, whitespace: true, message: t('sitePages.required') }] : []),
        { max, message: t('sitePages.tooLong', { max }) },
      ]}
    />
  );
  return (
    <RegistryForm<Values>
      form={form}
      layout={{ grid: true, rowProps: { gutter: 16 }, colProps: { span: 12 }, width: 720 }}
      title={row ? t('sitePages.meter.editTitle', { address: row.address }) : t('sitePages.meter.new')}
      initial={initial}
      defaults={{ siteId, protocol: MeterProtocol.Dlt645, phases: 1, ctRatio: 1, channel: 0 }}
      fixed={['siteId']}
      emptyText={['floor', 'room', 'model']}
      create={(input) => request(createMeter, { input: input as MeterInput })}
      update={(input) => request(updateMeter, { id: row!.id, input: input as MeterInput })}
      invalidate={['meters']}
      onClose={onClose}
    >
      <Col span={12}>
        <ProForm.Item name="siteId" label={t('sitePages.site')} rules={[{ required: true, message: t('sitePages.required') }]}>
          <SiteSelect disabled={!!row} block />
        </ProForm.Item>
      </Col>
      <Col span={12}>
        <ProForm.Item name="buildingId" label={t('sitePages.meter.building')}>
          <RefSelect kind="buildings" siteId={chosenSite} disabled={!chosenSite} block />
        </ProForm.Item>
      </Col>
      {text('floor', t('sitePages.meter.floor'), 20)}
      {text('room', t('sitePages.meter.room'), 50)}
      <ProFormText
        name="address"
        label={t('sitePages.meter.address')}
        tooltip={t('sitePages.meter.addressHint')}
        rules={[
          { required: true, message: t('sitePages.required') },
          { max: 32, message: t('sitePages.tooLong', { max: 32 }) },
          { pattern: /^\d+$/, message: t('sitePages.meter.addressFormat') },
        ]}
      />
      <ProFormDigit name="channel" label={t('sitePages.meter.channel')} min={0} max={36} fieldProps={{ precision: 0 }} />
      <ProFormSelect
        name="protocol"
        label={t('sitePages.meter.protocol')}
        rules={[{ required: true, message: t('sitePages.required') }]}
        options={Object.entries(meterProtocolLabel).map(([value, label]) => ({ value, label }))}
      />
      <Col span={12}>
        <ProForm.Item name="gatewayId" label={t('sitePages.meter.gateway')} tooltip={t('sitePages.meter.gatewayHint')}>
          <RefSelect kind="gateways" siteId={chosenSite} disabled={!chosenSite} block />
        </ProForm.Item>
      </Col>
      {text('model', t('sitePages.meter.model'), 50)}
      <ProFormSelect name="phases" label={t('sitePages.meter.phases')} options={[1, 3].map((n) => ({ value: n, label: String(n) }))} />
      <ProFormDigit name="ctRatio" label={t('sitePages.meter.ctRatio')} min={1} max={10000} fieldProps={{ precision: 0 }} />
      <Col span={12}>
        <ProForm.Item name="tariffId" label={t('sitePages.meter.tariff')}>
          <RefSelect kind="tariffs" siteId={chosenSite} disabled={!chosenSite} block />
        </ProForm.Item>
      </Col>
    </RegistryForm>
  );
}
