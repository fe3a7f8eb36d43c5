import { ProFormDigit, ProFormSelect, ProFormText, type ProColumns } from '@ant-design/pro-components';
import { Badge, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUrlFilter } from '../../components/useUrlFilter';
import { graphql } from '../../gql';
import { GatewayProtocol, type GatewaysQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { compactFilter } from './filter';
import { formatShanghai } from '../../lib/shanghai';
import { RegistryForm, RegistryList } from './RegistryList';
import { RefSelect } from './RefSelect';
import { SiteSelect } from './SiteSelect';

const gatewaysQuery = graphql(`
  query Gateways($filter: GatewayFilter, $first: Int, $after: String, $last: Int, $before: String) {
    gateways(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
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
        endpoint
        protocol
        pollIntervalSeconds
        online
        lastSeenAt
        createdAt
        site {
          id
          name
        }
        building {
          id
          name
        }
      }
    }
  }
`);

const createGateway = graphql(`
  mutation CreateGateway($input: GatewayInput!) {
    createGateway(input: $input) {
      id
    }
  }
`);

const updateGateway = graphql(`
  mutation UpdateGateway($id: ID!, $input: GatewayInput!) {
    updateGateway(id: $id, input: $input) {
      id
    }
  }
`);

type Row = GatewaysQuery['gateways']['nodes'][number];
interface Values extends Record<string, unknown> {
  siteId?: string;
  buildingId?: string;
  name?: string;
  endpoint?: string;
  protocol?: GatewayProtocol;
  pollIntervalSeconds?: number;
  proxyUrl?: string;
}

export const protocolLabel: Record<GatewayProtocol, string> = {
  dlt645: 'DL/T 645',
  modbus_rtu: 'Modbus RTU',
  modbus_tcp: 'Modbus TCP',
};

/** host:port with a port of 1 to 65535 (an IPv6 host in brackets). */
export const endpointPattern = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):([1-9]\d{0,4})$/;

/** The communication managers of the sites: list by site, building, state or name, register, edit. */
export default function GatewaysPage() {
  const { t } = useTranslation();
  const filter = useUrlFilter();
  const online = filter.get('online');
  const gqlFilter = compactFilter({
    siteId: filter.get('siteId'),
    buildingId: filter.get('buildingId'),
    online: online === undefined ? undefined : online === 'true',
    search: filter.get('search'),
  });

  const columns: ProColumns<Row>[] = [
    { title: t('sitePages.gateway.name'), dataIndex: 'name' },
    { title: t('sitePages.site'), render: (_, r) => r.site.name },
    { title: t('sitePages.gateway.building'), render: (_, r) => r.building?.name ?? '—' },
    { title: t('sitePages.gateway.endpoint'), dataIndex: 'endpoint', copyable: true },
    { title: t('sitePages.gateway.protocol'), render: (_, r) => protocolLabel[r.protocol] },
    {
      title: t('sitePages.gateway.status'),
      render: (_, r) => <Badge status={r.online ? 'success' : 'default'} text={r.online ? t('sitePages.online') : t('sitePages.offline')} />,
    },
    { title: t('sitePages.gateway.lastSeen'), render: (_, r) => formatShanghai(r.lastSeenAt) || '—' },
  ];

  return (
    <RegistryList<Row>
      title={t('sitePages.gateway.title')}
      filters={
        <>
          <SiteSelect allowClear value={filter.get('siteId')} onChange={(v) => filter.set({ siteId: v, buildingId: undefined })} testId="filter-site" />
          <RefSelect
            kind="buildings"
            siteId={filter.get('siteId')}
            value={filter.get('buildingId')}
            onChange={(v) => filter.set({ buildingId: v })}
            placeholder={t('sitePages.allBuildings')}
          />
          <Select
            style={{ width: 120 }}
            value={online ?? ''}
            onChange={(v: string) => filter.set({ online: v || undefined })}
            options={[
              { value: '', label: t('sitePages.any') },
              { value: 'true', label: t('sitePages.online') },
              { value: 'false', label: t('sitePages.offline') },
            ]}
          />
          <Input.Search
            allowClear
            defaultValue={filter.get('search')}
            placeholder={t('sitePages.gateway.searchHint')}
            maxLength={100}
            onSearch={(v) => filter.set({ search: v.trim() || undefined })}
            style={{ width: 220 }}
          />
        </>
      }
      paged={{
        testId: 'gateways',
        queryKey: ['gateways', gqlFilter],
        load: async (page, signal) => (await request(gatewaysQuery, { filter: gqlFilter, ...page }, signal)).gateways,
        exportList: 'gateways',
        exportFilter: gqlFilter,
        emptyText: t('sitePages.gateway.empty'),
      }}
      columns={columns}
      newLabel={t('sitePages.gateway.new')}
      form={(row, close) => <GatewayForm row={row} siteId={filter.get('siteId')} onClose={close} />}
    />
  );
}

function GatewayForm({ row, siteId, onClose }: { row?: Row; siteId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const chosenSite = Form.useWatch('siteId', form) ?? row?.site.id ?? siteId;
  const initial: Values | undefined = row && {
    siteId: row.site.id,
    buildingId: row.building?.id,
    name: row.name,
    endpoint: row.endpoint,
    protocol: row.protocol,
    pollIntervalSeconds: row.pollIntervalSeconds,
  };
  return (
    <RegistryForm<Values>
      form={form}
      title={row ? t('sitePages.gateway.editTitle', { name: row.name }) : t('sitePages.gateway.new')}
      initial={initial}
      defaults={{ siteId, protocol: GatewayProtocol.Dlt645, pollIntervalSeconds: 0 }}
      fixed={['siteId']}
      create={(input) => request(createGateway, { input })}
      update={(input) => request(updateGateway, { id: row!.id, input })}
      invalidate={['gateways']}
      onClose={onClose}
    >
      <Form.Item name="siteId" label={t('sitePages.site')} rules={[{ required: true, message: t('sitePages.required') }]}>
        <SiteSelect disabled={!!row} block />
      </Form.Item>
      <Form.Item name="buildingId" label={t('sitePages.gateway.building')}>
        <RefSelect kind="buildings" siteId={chosenSite} disabled={!chosenSite} block />
      </Form.Item>
      <ProFormText
        name="name"
        label={t('sitePages.gateway.name')}
        rules={[
          { required: true, whitespace: true, message: t('sitePages.required') },
          { max: 100, message: t('sitePages.tooLong', { max: 100 }) },
        ]}
      />
      <ProFormText
        name="endpoint"
        label={t('sitePages.gateway.endpoint')}
        tooltip={t('sitePages.gateway.endpointHint')}
        rules={[
          { required: true, message: t('sitePages.required') },
          { max: 260, message: t('sitePages.tooLong', { max: 260 }) },
          {
            validator: async (_, v?: string) => {
              const m = v ? endpointPattern.exec(v.trim()) : null;
              if (v && (!m || Number(m[2]) > 65535)) throw new Error(t('sitePages.gateway.endpointFormat'));
            },
          },
        ]}
      />
      <ProFormSelect
        name="protocol"
        label={t('sitePages.gateway.protocol')}
        rules={[{ required: true, message: t('sitePages.required') }]}
        options={Object.entries(protocolLabel).map(([value, label]) => ({ value, label }))}
      />
      <ProFormDigit name="pollIntervalSeconds" label={t('sitePages.gateway.poll')} tooltip={t('sitePages.gateway.pollHint')} min={0} fieldProps={{ precision: 0 }} />
      <ProFormText
        name="proxyUrl"
        label={t('sitePages.gateway.proxyUrl')}
        rules={[{ max: 512, message: t('sitePages.tooLong', { max: 512 }) }]}
        fieldProps={{ autoComplete: 'off' }}
      />
    </RegistryForm>
  );
}
