import { graphql } from '../../gql';

// The tariff pages' GraphQL operations.

export const sitesQuery = graphql(`
  query TariffSites {
    sites {
      id
      name
      gridPrice
      markupCapPct
      serviceFeeBp
      serviceFeeOn
    }
  }
`);

export const tariffFields = graphql(`
  fragment TariffFields on Tariff {
    id
    name
    kind
    site {
      id
      name
    }
    prices {
      rate
      price
    }
    periods {
      start
      rate
    }
    variants {
      months
      weekdays
      periods {
        start
        rate
      }
    }
    tiers {
      upToWh
      price
    }
    billingPeriod
    updatedAt
  }
`);

export const tariffsQuery = graphql(`
  query Tariffs($filter: TariffFilter, $first: Int, $after: String, $last: Int, $before: String) {
    tariffs(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        ...TariffFields
      }
    }
  }
`);

export const tariffQuery = graphql(`
  query Tariff($id: ID!) {
    tariff(id: $id) {
      ...TariffFields
    }
  }
`);

export const createTariffMutation = graphql(`
  mutation CreateTariff($input: TariffInput!) {
    createTariff(input: $input) {
      ...TariffFields
    }
  }
`);

export const updateTariffMutation = graphql(`
  mutation UpdateTariff($id: ID!, $input: TariffInput!) {
    updateTariff(id: $id, input: $input) {
      ...TariffFields
    }
  }
`);

export const assignBuildingsQuery = graphql(`
  query AssignBuildings($siteId: ID!) {
    buildings(filter: { siteId: $siteId }, first: 1000) {
      nodes {
        id
        name
      }
    }
  }
`);

export const assignMetersQuery = graphql(`
  query AssignMeters($filter: MeterFilter, $first: Int, $after: String) {
    meters(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        address
        room
        floor
        building {
          id
          name
        }
        tariff {
          id
          name
        }
      }
    }
  }
`);

// Up to 2000 meters a call, all or none (bulkAssign.ts sends more, and isolates refusals).
export const setMetersTariffMutation = graphql(`
  mutation SetMetersTariff($meterIds: [ID!]!, $tariffId: ID!) {
    setMetersTariff(meterIds: $meterIds, tariffId: $tariffId) {
      id
      tariff {
        id
        name
      }
    }
  }
`);
