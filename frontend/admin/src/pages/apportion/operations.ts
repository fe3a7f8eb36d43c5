import { graphql } from '../../gql';

// The shared-cost pages' operations. The list asks for the groups only; a group's sources,
// members and runs, and a run's shares, are asked one object at a time (apportionGroup,
// apportionRun): every group's members with their accounts in one answer would be over the
// server's complexity budget.

export const groupsQuery = graphql(`
  query ApportionGroups {
    apportionGroups {
      id
      name
      method
      site {
        id
        name
      }
    }
  }
`);

export const groupQuery = graphql(`
  query ApportionGroup($id: ID!) {
    apportionGroup(id: $id) {
      id
      name
      method
      includeLineLoss
      updatedAt
      site {
        id
        name
      }
      tariff {
        id
        name
      }
      sources {
        role
        meter {
          id
          address
          channel
          room
        }
      }
      members {
        areaM2x100
        shareBp
        account {
          id
          no
          tenantName
          shopNo
        }
      }
    }
  }
`);

export const runsQuery = graphql(`
  query ApportionRuns($groupId: ID!) {
    apportionRuns(groupId: $groupId) {
      id
      month
      commonWh
      lineLossWh
      totalWh
      price
      totalFen
      note
      createdAt
    }
  }
`);

export const runQuery = graphql(`
  query ApportionRun($id: ID!) {
    apportionRun(id: $id) {
      id
      groupId
      month
      periodStart
      periodEnd
      commonWh
      lineLossWh
      totalWh
      price
      totalFen
      note
      createdAt
    }
  }
`);

export const groupMethodQuery = graphql(`
  query ApportionGroupMethod($id: ID!) {
    apportionGroup(id: $id) {
      id
      name
      method
    }
  }
`);

export const sharesQuery = graphql(`
  query ApportionShares($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    apportionRun(id: $id) {
      id
      shares(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
          endCursor
        }
        nodes {
          weight
          energyWh
          amountFen
          note
          account {
            id
            no
            tenantName
            shopNo
          }
        }
      }
    }
  }
`);

export const runMutation = graphql(`
  mutation RunApportionment($groupId: ID!, $month: String!) {
    runApportionment(groupId: $groupId, month: $month) {
      id
      month
      totalFen
    }
  }
`);

export const createGroup = graphql(`
  mutation CreateApportionGroup($input: ApportionGroupInput!) {
    createApportionGroup(input: $input) {
      id
    }
  }
`);

export const updateGroup = graphql(`
  mutation UpdateApportionGroup($id: ID!, $input: ApportionGroupInput!) {
    updateApportionGroup(id: $id, input: $input) {
      id
    }
  }
`);

export const accountChoices = graphql(`
  query ApportionAccountChoices($siteId: ID, $search: String) {
    accounts(filter: { siteId: $siteId, search: $search, status: open }, first: 20) {
      nodes {
        id
        no
        tenantName
        shopNo
      }
    }
  }
`);

export const meterChoices = graphql(`
  query ApportionMeterChoices($siteId: ID, $search: String) {
    meters(filter: { siteId: $siteId, search: $search }, first: 20) {
      nodes {
        id
        address
        channel
        room
      }
    }
  }
`);
