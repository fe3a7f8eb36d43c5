import { graphql } from '../../gql';

// The sales desk's operations.

export const deskAccountFragment = graphql(`
  fragment DeskAccount on Account {
    id
    no
    tenantName
    shopNo
    phone
    status
    balanceFen
    balanceMode
    site {
      id
      name
    }
    meters {
      id
      address
      room
      balanceFen
    }
  }
`);

// Accounts by name, shop number, phone or account number, and by the address of a meter
// they fund (the meters' own search), merged by the page.
export const deskSearchQuery = graphql(`
  query DeskSearch($search: String!) {
    accounts(filter: { search: $search, status: open }, first: 8) {
      nodes {
        ...DeskAccount
      }
    }
    meters(filter: { search: $search, unassigned: false }, first: 8) {
      nodes {
        id
        account {
          ...DeskAccount
        }
      }
    }
  }
`);

export const deskEntryFragment = graphql(`
  fragment DeskEntry on LedgerEntry {
    id
    type
    channel
    amountFen
    balanceAfterFen
    receiptNo
    actor
    note
    createdAt
    meter {
      id
      address
    }
    fee {
      id
      amountFen
    }
  }
`);

export const deskAccountQuery = graphql(`
  query DeskAccountDetail($id: ID!) {
    account(id: $id) {
      ...DeskAccount
      entries(first: 8) {
        nodes {
          ...DeskEntry
          reverses {
            id
          }
        }
      }
    }
    reversals: ledgerEntries(filter: { accountId: $id, type: reversal }, first: 100) {
      nodes {
        id
        reverses {
          id
        }
      }
    }
  }
`);

export const deskBalanceSubscription = graphql(`
  subscription DeskBalance($accountId: ID) {
    balanceChanged(accountId: $accountId) {
      account {
        id
        balanceFen
      }
    }
  }
`);

export const sellMutation = graphql(`
  mutation DeskSell($input: SaleInput!) {
    sell(input: $input) {
      ...DeskEntry
    }
  }
`);

export const refundMutation = graphql(`
  mutation DeskRefund($input: RefundInput!) {
    refund(input: $input) {
      ...DeskEntry
    }
  }
`);

export const reverseMutation = graphql(`
  mutation DeskReverse($input: ReverseInput!) {
    reverseEntry(input: $input) {
      ...DeskEntry
    }
  }
`);

// The signed-in cashier's own takings over [from, to): the server totals them (sales, refunds
// and the reversals of either, by channel and by type), however many entries there are.
export const takingsQuery = graphql(`
  query DeskTakings($operatorId: ID!, $from: Time!, $to: Time!) {
    salesSummary(operatorId: $operatorId, from: $from, to: $to) {
      totalFen
      count
      byChannel {
        channel
        amountFen
        count
      }
      byType {
        type
        amountFen
        count
      }
    }
  }
`);
