import { graphql } from '../../gql';

export const accountsQuery = graphql(`
  query AccountsList($filter: AccountFilter, $first: Int, $after: String, $last: Int, $before: String) {
    accounts(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        startCursor
        endCursor
        hasNextPage
        hasPreviousPage
      }
      nodes {
        id
        no
        tenantName
        shopNo
        phone
        status
        balanceFen
        openedAt
        site {
          id
          name
        }
        meters {
          id
        }
      }
    }
  }
`);

export const sitesQuery = graphql(`
  query AccountSites {
    sites {
      id
      name
    }
  }
`);

export const freeMetersQuery = graphql(`
  query FreeMeters($siteId: ID!, $search: String) {
    meters(filter: { siteId: $siteId, unassigned: true, search: $search }, first: 50) {
      nodes {
        id
        address
        room
        floor
      }
    }
  }
`);

export const openAccountMutation = graphql(`
  mutation OpenAccount($input: OpenAccountInput!) {
    openAccount(input: $input) {
      account {
        id
        tenantName
        balanceFen
      }
      sale {
        id
        receiptNo
      }
    }
  }
`);

export const accountDetailQuery = graphql(`
  query AccountDetail($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    account(id: $id) {
      id
      no
      tenantName
      shopNo
      phone
      status
      balanceFen
      balanceMode
      alarm1Fen
      alarm2Fen
      overdraftLimitFen
      note
      openedAt
      closedAt
      site {
        id
        name
      }
      meters {
        id
        address
        room
        relay
        online
        balanceFen
        lastEnergyWh
      }
      entries(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo {
          startCursor
          endCursor
          hasNextPage
          hasPreviousPage
        }
        nodes {
          id
          type
          channel
          amountFen
          balanceAfterFen
          receiptNo
          actor
          note
          createdAt
        }
      }
    }
    alarms(filter: { accountId: $id }, first: 20) {
      totalCount
      nodes {
        id
        kind
        message
        raisedAt
        clearedAt
        meter {
          id
          address
        }
      }
    }
  }
`);

export const accountBalanceSubscription = graphql(`
  subscription AccountBalance($accountId: ID) {
    balanceChanged(accountId: $accountId) {
      account {
        id
        balanceFen
      }
      entry {
        id
      }
    }
  }
`);

export const closeAccountMutation = graphql(`
  mutation CloseAccount($input: CloseAccountInput!) {
    closeAccount(input: $input) {
      account {
        id
        status
      }
      refund {
        id
        receiptNo
      }
    }
  }
`);

export const attachMeterMutation = graphql(`
  mutation AttachMeter($accountId: ID!, $meterId: ID!) {
    attachMeter(accountId: $accountId, meterId: $meterId) {
      id
    }
  }
`);

export const detachMeterMutation = graphql(`
  mutation DetachMeter($accountId: ID!, $meterId: ID!) {
    detachMeter(accountId: $accountId, meterId: $meterId) {
      id
    }
  }
`);

export const replaceMeterMutation = graphql(`
  mutation ReplaceMeter($input: ReplaceMeterInput!) {
    replaceMeter(input: $input) {
      meter {
        id
        address
      }
    }
  }
`);

export const createTenantUserMutation = graphql(`
  mutation CreateTenantUser($accountId: ID!, $phone: String!, $password: String!) {
    createTenantUser(accountId: $accountId, phone: $phone, password: $password) {
      id
    }
  }
`);

export const tenantUserFragment = graphql(`
  fragment TenantUserRow on TenantUser {
    id
    phone
    disabled
    createdAt
    lastLoginAt
  }
`);

// Asked only by operators holding manage_accounts: for anyone else the server answers null
// with FORBIDDEN, so the page does not ask.
export const tenantUsersQuery = graphql(`
  query AccountTenantUsers($id: ID!) {
    account(id: $id) {
      id
      tenantUsers {
        ...TenantUserRow
      }
    }
  }
`);

export const accountBindingsQuery = graphql(`
  query AccountBindings($id: ID!) {
    account(id: $id) {
      id
      bindingCode
      bindings {
        id
        phone
        wechat
        via
        createdAt
      }
    }
  }
`);

export const resetTenantPasswordMutation = graphql(`
  mutation ResetTenantPassword($input: ResetTenantPasswordInput!) {
    resetTenantPassword(input: $input) {
      ...TenantUserRow
    }
  }
`);

export const setTenantUserDisabledMutation = graphql(`
  mutation SetTenantUserDisabled($id: ID!, $disabled: Boolean!) {
    setTenantUserDisabled(id: $id, disabled: $disabled) {
      ...TenantUserRow
    }
  }
`);

export const revokeBindingMutation = graphql(`
  mutation RevokeBinding($id: ID!) {
    revokeBinding(id: $id) {
      id
    }
  }
`);
