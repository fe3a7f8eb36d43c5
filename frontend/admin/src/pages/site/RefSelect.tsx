import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { graphql } from '../../gql';
import { request } from '../../graphql/client';

// Choices of a site's buildings, gateways or tariffs for filters and forms. A site holds a
// few hundred of them at most, so the first 1,000 by name are offered with a local search.

const buildingOptions = graphql(`
  query BuildingOptions($siteId: ID) {
    buildings(filter: { siteId: $siteId }, first: 1000) {
      nodes {
        id
        name
      }
    }
  }
`);

const gatewayOptions = graphql(`
  query GatewayOptions($siteId: ID, $buildingId: ID) {
    gateways(filter: { siteId: $siteId, buildingId: $buildingId }, first: 1000) {
      nodes {
        id
        name
      }
    }
  }
`);

const tariffOptions = graphql(`
  query TariffOptions($siteId: ID) {
    tariffs(filter: { siteId: $siteId }, first: 1000) {
      nodes {
        id
        name
      }
    }
  }
`);

export type RefKind = 'buildings' | 'gateways' | 'tariffs';

async function load(kind: RefKind, siteId: string | undefined, buildingId: string | undefined, signal: AbortSignal) {
  switch (kind) {
    case 'buildings':
      return (await request(buildingOptions, { siteId }, signal)).buildings.nodes;
    case 'gateways':
      return (await request(gatewayOptions, { siteId, buildingId }, signal)).gateways.nodes;
    case 'tariffs':
      return (await request(tariffOptions, { siteId }, signal)).tariffs.nodes;
  }
}

export function RefSelect(props: {
  kind: RefKind;
  siteId?: string;
  buildingId?: string;
  value?: string | null;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
  testId?: string;
  disabled?: boolean;
  /** Fill the width (in a form) rather than size to the filter bar. */
  block?: boolean;
}) {
  const q = useQuery({
    queryKey: [props.kind, 'options', props.siteId, props.buildingId],
    queryFn: ({ signal }) => load(props.kind, props.siteId, props.buildingId, signal),
    staleTime: 30_000,
  });
  return (
    <Select
      data-testid={props.testId}
      style={props.block ? { width: '100%' } : { minWidth: 180 }}
      allowClear
      showSearch
      optionFilterProp="label"
      disabled={props.disabled}
      placeholder={props.placeholder}
      loading={q.isLoading}
      value={props.value ?? undefined}
      onChange={(v?: string) => props.onChange?.(v || undefined)}
      options={q.data?.map((n) => ({ value: n.id, label: n.name }))}
    />
  );
}
