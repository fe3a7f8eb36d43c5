/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me {\n      kind\n      id\n      name\n      role\n      permissions\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      expiresAt\n      principal {\n        kind\n        id\n        name\n        role\n        permissions\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query GraphiQLSession {\n    me {\n      name\n    }\n  }\n": typeof types.GraphiQlSessionDocument,
    "\n  query AccountsList($filter: AccountFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    accounts(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        startCursor\n        endCursor\n        hasNextPage\n        hasPreviousPage\n      }\n      nodes {\n        id\n        no\n        tenantName\n        shopNo\n        phone\n        status\n        balanceFen\n        openedAt\n        site {\n          id\n          name\n        }\n        meters {\n          id\n        }\n      }\n    }\n  }\n": typeof types.AccountsListDocument,
    "\n  query AccountSites {\n    sites {\n      id\n      name\n    }\n  }\n": typeof types.AccountSitesDocument,
    "\n  query FreeMeters($siteId: ID!, $search: String) {\n    meters(filter: { siteId: $siteId, unassigned: true, search: $search }, first: 50) {\n      nodes {\n        id\n        address\n        room\n        floor\n      }\n    }\n  }\n": typeof types.FreeMetersDocument,
    "\n  mutation OpenAccount($input: OpenAccountInput!) {\n    openAccount(input: $input) {\n      account {\n        id\n        tenantName\n        balanceFen\n      }\n      sale {\n        id\n        receiptNo\n      }\n    }\n  }\n": typeof types.OpenAccountDocument,
    "\n  query AccountDetail($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    account(id: $id) {\n      id\n      no\n      tenantName\n      shopNo\n      phone\n      status\n      balanceFen\n      balanceMode\n      alarm1Fen\n      alarm2Fen\n      overdraftLimitFen\n      note\n      openedAt\n      closedAt\n      site {\n        id\n        name\n      }\n      meters {\n        id\n        address\n        room\n        relay\n        online\n        balanceFen\n        lastEnergyWh\n      }\n      entries(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          startCursor\n          endCursor\n          hasNextPage\n          hasPreviousPage\n        }\n        nodes {\n          id\n          type\n          channel\n          amountFen\n          balanceAfterFen\n          receiptNo\n          actor\n          note\n          createdAt\n        }\n      }\n    }\n    alarms(filter: { accountId: $id }, first: 20) {\n      totalCount\n      nodes {\n        id\n        kind\n        message\n        raisedAt\n        clearedAt\n        meter {\n          id\n          address\n        }\n      }\n    }\n  }\n": typeof types.AccountDetailDocument,
    "\n  subscription AccountBalance($accountId: ID) {\n    balanceChanged(accountId: $accountId) {\n      account {\n        id\n        balanceFen\n      }\n      entry {\n        id\n      }\n    }\n  }\n": typeof types.AccountBalanceDocument,
    "\n  mutation CloseAccount($input: CloseAccountInput!) {\n    closeAccount(input: $input) {\n      account {\n        id\n        status\n      }\n      refund {\n        id\n        receiptNo\n      }\n    }\n  }\n": typeof types.CloseAccountDocument,
    "\n  mutation AttachMeter($accountId: ID!, $meterId: ID!) {\n    attachMeter(accountId: $accountId, meterId: $meterId) {\n      id\n    }\n  }\n": typeof types.AttachMeterDocument,
    "\n  mutation DetachMeter($accountId: ID!, $meterId: ID!) {\n    detachMeter(accountId: $accountId, meterId: $meterId) {\n      id\n    }\n  }\n": typeof types.DetachMeterDocument,
    "\n  mutation ReplaceMeter($input: ReplaceMeterInput!) {\n    replaceMeter(input: $input) {\n      meter {\n        id\n        address\n      }\n    }\n  }\n": typeof types.ReplaceMeterDocument,
    "\n  mutation CreateTenantUser($accountId: ID!, $phone: String!, $password: String!) {\n    createTenantUser(accountId: $accountId, phone: $phone, password: $password) {\n      id\n    }\n  }\n": typeof types.CreateTenantUserDocument,
    "\n  query AlarmsPage($filter: AlarmFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    alarms(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        kind\n        message\n        raisedAt\n        clearedAt\n        meter {\n          id\n          address\n          room\n        }\n        gateway {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n": typeof types.AlarmsPageDocument,
    "\n  subscription AlarmsPageLive {\n    alarmRaised {\n      id\n      clearedAt\n    }\n  }\n": typeof types.AlarmsPageLiveDocument,
    "\n  query ApiKeysPage($first: Int, $after: String, $last: Int, $before: String) {\n    apiKeys(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        name\n        prefix\n        scopes\n        createdBy\n        createdAt\n        revokedAt\n        lastUsedAt\n      }\n    }\n  }\n": typeof types.ApiKeysPageDocument,
    "\n  mutation CreateApiKey($name: String!, $scopes: [Permission!]!) {\n    createApiKey(name: $name, scopes: $scopes) {\n      apiKey {\n        id\n        name\n      }\n      secret\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  query ApportionGroups {\n    apportionGroups {\n      id\n      name\n      method\n      includeLineLoss\n      site {\n        id\n        name\n      }\n      tariff {\n        id\n        name\n      }\n      sources {\n        role\n      }\n      members {\n        shareBp\n      }\n    }\n  }\n": typeof types.ApportionGroupsDocument,
    "\n  query ApportionRuns($groupId: ID!) {\n    apportionRuns(groupId: $groupId) {\n      id\n      month\n      commonWh\n      lineLossWh\n      totalWh\n      price\n      totalFen\n      note\n      createdAt\n    }\n  }\n": typeof types.ApportionRunsDocument,
    "\n  mutation RunApportionment($groupId: ID!, $month: String!) {\n    runApportionment(groupId: $groupId, month: $month) {\n      id\n      month\n      totalFen\n    }\n  }\n": typeof types.RunApportionmentDocument,
    "\n  query AuditPage($filter: AuditFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    auditLog(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        at\n        actorKind\n        actorName\n        operation\n        args\n        ip\n        result\n        message\n        durationMs\n      }\n    }\n  }\n": typeof types.AuditPageDocument,
    "\n  query Dashboard {\n    meters: meters(filter: { status: active }, first: 0) {\n      totalCount\n    }\n    metersOnline: meters(filter: { status: active, online: true }, first: 0) {\n      totalCount\n    }\n    metersTripped: meters(filter: { status: active, relay: open }, first: 0) {\n      totalCount\n    }\n    metersUnassigned: meters(filter: { status: active, unassigned: true }, first: 0) {\n      totalCount\n    }\n    gateways(first: 0) {\n      totalCount\n    }\n    gatewaysOffline: gateways(filter: { online: false }, first: 0) {\n      totalCount\n    }\n    alarms(filter: { active: true }, first: 8) {\n      totalCount\n      nodes {\n        id\n        kind\n        message\n        raisedAt\n        meter {\n          id\n          address\n          room\n        }\n        gateway {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  subscription DashboardAlarms {\n    alarmRaised {\n      id\n    }\n  }\n": typeof types.DashboardAlarmsDocument,
    "\n  query DashboardSales($from: Time!, $to: Time!) {\n    sites {\n      id\n      name\n    }\n    salesSummary(from: $from, to: $to) {\n      totalFen\n      count\n      byChannel {\n        channel\n        amountFen\n        count\n      }\n      byOperator {\n        operatorId\n        name\n        amountFen\n        count\n      }\n    }\n  }\n": typeof types.DashboardSalesDocument,
    "\n  subscription DashboardSalesLive {\n    balanceChanged {\n      entry {\n        id\n      }\n    }\n  }\n": typeof types.DashboardSalesLiveDocument,
    "\n  fragment DeskAccount on Account {\n    id\n    no\n    tenantName\n    shopNo\n    phone\n    status\n    balanceFen\n    balanceMode\n    site {\n      id\n      name\n    }\n    meters {\n      id\n      address\n      room\n      balanceFen\n    }\n  }\n": typeof types.DeskAccountFragmentDoc,
    "\n  query DeskSearch($search: String!) {\n    accounts(filter: { search: $search, status: open }, first: 8) {\n      nodes {\n        ...DeskAccount\n      }\n    }\n    meters(filter: { search: $search, unassigned: false }, first: 8) {\n      nodes {\n        id\n        account {\n          ...DeskAccount\n        }\n      }\n    }\n  }\n": typeof types.DeskSearchDocument,
    "\n  fragment DeskEntry on LedgerEntry {\n    id\n    type\n    channel\n    amountFen\n    balanceAfterFen\n    receiptNo\n    actor\n    note\n    createdAt\n    meter {\n      id\n      address\n    }\n    fee {\n      id\n      amountFen\n    }\n  }\n": typeof types.DeskEntryFragmentDoc,
    "\n  query DeskAccountDetail($id: ID!) {\n    account(id: $id) {\n      ...DeskAccount\n      entries(first: 8) {\n        nodes {\n          ...DeskEntry\n          reverses {\n            id\n          }\n        }\n      }\n    }\n    reversals: ledgerEntries(filter: { accountId: $id, type: reversal }, first: 100) {\n      nodes {\n        id\n        reverses {\n          id\n        }\n      }\n    }\n  }\n": typeof types.DeskAccountDetailDocument,
    "\n  subscription DeskBalance($accountId: ID) {\n    balanceChanged(accountId: $accountId) {\n      account {\n        id\n        balanceFen\n      }\n    }\n  }\n": typeof types.DeskBalanceDocument,
    "\n  mutation DeskSell($input: SaleInput!) {\n    sell(input: $input) {\n      ...DeskEntry\n    }\n  }\n": typeof types.DeskSellDocument,
    "\n  mutation DeskRefund($input: RefundInput!) {\n    refund(input: $input) {\n      ...DeskEntry\n    }\n  }\n": typeof types.DeskRefundDocument,
    "\n  mutation DeskReverse($input: ReverseInput!) {\n    reverseEntry(input: $input) {\n      ...DeskEntry\n    }\n  }\n": typeof types.DeskReverseDocument,
    "\n  query DeskTakings($operatorId: ID!, $from: Time!) {\n    ledgerEntries(filter: { operatorId: $operatorId, from: $from }, first: 1000) {\n      totalCount\n      nodes {\n        id\n        type\n        channel\n        amountFen\n      }\n    }\n  }\n": typeof types.DeskTakingsDocument,
    "\n  query EnergyBuildings {\n    sites {\n      id\n      name\n    }\n    buildings(first: 100) {\n      nodes {\n        id\n        name\n        site {\n          name\n        }\n      }\n    }\n  }\n": typeof types.EnergyBuildingsDocument,
    "\n  query EnergyMeters($filter: MeterFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    meters(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        address\n        channel\n        room\n        floor\n        ctRatio\n        lastEnergyWh\n        lastReadAt\n        building {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n        latestReading {\n          readAt\n          energyWh\n          sharpWh\n          peakWh\n          flatWh\n          valleyWh\n          powerW\n        }\n      }\n    }\n  }\n": typeof types.EnergyMetersDocument,
    "\n  query EnergyTrend($scope: EnergyScope!, $id: ID!, $from: Time!, $to: Time!, $interval: EnergyInterval!) {\n    energyUsage(scope: $scope, id: $id, from: $from, to: $to, interval: $interval) {\n      start\n      energyWh\n      amountFen\n      sharpWh\n      peakWh\n      flatWh\n      valleyWh\n    }\n  }\n": typeof types.EnergyTrendDocument,
    "\n  query OperatorsPage($first: Int, $after: String, $last: Int, $before: String) {\n    operators(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        username\n        displayName\n        role\n        disabled\n        createdAt\n        lastLoginAt\n      }\n    }\n  }\n": typeof types.OperatorsPageDocument,
    "\n  mutation CreateOperator($input: OperatorInput!) {\n    createOperator(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateOperatorDocument,
    "\n  mutation UpdateOperator($id: ID!, $input: OperatorInput!) {\n    updateOperator(id: $id, input: $input) {\n      id\n      role\n      disabled\n      displayName\n    }\n  }\n": typeof types.UpdateOperatorDocument,
    "\n  query OrdersPage($filter: RechargeOrderFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    rechargeOrders(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        outTradeNo\n        account {\n          id\n          no\n          tenantName\n          shopNo\n          balanceFen\n        }\n        channel\n        method\n        amountFen\n        state\n        transactionId\n        refundedFen\n        flag\n        createdAt\n        paidAt\n        refunds {\n          id\n          outRefundNo\n          amountFen\n          reason\n          state\n          actor\n          flag\n          createdAt\n          settledAt\n        }\n      }\n    }\n  }\n": typeof types.OrdersPageDocument,
    "\n  mutation RefundRechargeOrder($input: RefundRechargeOrderInput!) {\n    refundRechargeOrder(input: $input) {\n      id\n      state\n      amountFen\n    }\n  }\n": typeof types.RefundRechargeOrderDocument,
    "\n  subscription OrdersPageLive {\n    balanceChanged {\n      order {\n        id\n      }\n    }\n  }\n": typeof types.OrdersPageLiveDocument,
    "\n  query SettingsSites {\n    sites {\n      id\n      name\n      code\n      timezone\n      gridPrice\n      markupCapPct\n      serviceFeeBp\n      serviceFeeOn\n      graceFen\n      graceMinutes\n      friendlyNightFrom\n      friendlyNightTo\n      friendlyWeekends\n      friendlyHolidays\n    }\n  }\n": typeof types.SettingsSitesDocument,
    "\n  mutation UpdateSiteSettings($id: ID!, $input: SiteInput!) {\n    updateSite(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateSiteSettingsDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      kind\n      id\n      name\n      role\n      permissions\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      expiresAt\n      principal {\n        kind\n        id\n        name\n        role\n        permissions\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query GraphiQLSession {\n    me {\n      name\n    }\n  }\n": types.GraphiQlSessionDocument,
    "\n  query AccountsList($filter: AccountFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    accounts(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        startCursor\n        endCursor\n        hasNextPage\n        hasPreviousPage\n      }\n      nodes {\n        id\n        no\n        tenantName\n        shopNo\n        phone\n        status\n        balanceFen\n        openedAt\n        site {\n          id\n          name\n        }\n        meters {\n          id\n        }\n      }\n    }\n  }\n": types.AccountsListDocument,
    "\n  query AccountSites {\n    sites {\n      id\n      name\n    }\n  }\n": types.AccountSitesDocument,
    "\n  query FreeMeters($siteId: ID!, $search: String) {\n    meters(filter: { siteId: $siteId, unassigned: true, search: $search }, first: 50) {\n      nodes {\n        id\n        address\n        room\n        floor\n      }\n    }\n  }\n": types.FreeMetersDocument,
    "\n  mutation OpenAccount($input: OpenAccountInput!) {\n    openAccount(input: $input) {\n      account {\n        id\n        tenantName\n        balanceFen\n      }\n      sale {\n        id\n        receiptNo\n      }\n    }\n  }\n": types.OpenAccountDocument,
    "\n  query AccountDetail($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    account(id: $id) {\n      id\n      no\n      tenantName\n      shopNo\n      phone\n      status\n      balanceFen\n      balanceMode\n      alarm1Fen\n      alarm2Fen\n      overdraftLimitFen\n      note\n      openedAt\n      closedAt\n      site {\n        id\n        name\n      }\n      meters {\n        id\n        address\n        room\n        relay\n        online\n        balanceFen\n        lastEnergyWh\n      }\n      entries(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          startCursor\n          endCursor\n          hasNextPage\n          hasPreviousPage\n        }\n        nodes {\n          id\n          type\n          channel\n          amountFen\n          balanceAfterFen\n          receiptNo\n          actor\n          note\n          createdAt\n        }\n      }\n    }\n    alarms(filter: { accountId: $id }, first: 20) {\n      totalCount\n      nodes {\n        id\n        kind\n        message\n        raisedAt\n        clearedAt\n        meter {\n          id\n          address\n        }\n      }\n    }\n  }\n": types.AccountDetailDocument,
    "\n  subscription AccountBalance($accountId: ID) {\n    balanceChanged(accountId: $accountId) {\n      account {\n        id\n        balanceFen\n      }\n      entry {\n        id\n      }\n    }\n  }\n": types.AccountBalanceDocument,
    "\n  mutation CloseAccount($input: CloseAccountInput!) {\n    closeAccount(input: $input) {\n      account {\n        id\n        status\n      }\n      refund {\n        id\n        receiptNo\n      }\n    }\n  }\n": types.CloseAccountDocument,
    "\n  mutation AttachMeter($accountId: ID!, $meterId: ID!) {\n    attachMeter(accountId: $accountId, meterId: $meterId) {\n      id\n    }\n  }\n": types.AttachMeterDocument,
    "\n  mutation DetachMeter($accountId: ID!, $meterId: ID!) {\n    detachMeter(accountId: $accountId, meterId: $meterId) {\n      id\n    }\n  }\n": types.DetachMeterDocument,
    "\n  mutation ReplaceMeter($input: ReplaceMeterInput!) {\n    replaceMeter(input: $input) {\n      meter {\n        id\n        address\n      }\n    }\n  }\n": types.ReplaceMeterDocument,
    "\n  mutation CreateTenantUser($accountId: ID!, $phone: String!, $password: String!) {\n    createTenantUser(accountId: $accountId, phone: $phone, password: $password) {\n      id\n    }\n  }\n": types.CreateTenantUserDocument,
    "\n  query AlarmsPage($filter: AlarmFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    alarms(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        kind\n        message\n        raisedAt\n        clearedAt\n        meter {\n          id\n          address\n          room\n        }\n        gateway {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n": types.AlarmsPageDocument,
    "\n  subscription AlarmsPageLive {\n    alarmRaised {\n      id\n      clearedAt\n    }\n  }\n": types.AlarmsPageLiveDocument,
    "\n  query ApiKeysPage($first: Int, $after: String, $last: Int, $before: String) {\n    apiKeys(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        name\n        prefix\n        scopes\n        createdBy\n        createdAt\n        revokedAt\n        lastUsedAt\n      }\n    }\n  }\n": types.ApiKeysPageDocument,
    "\n  mutation CreateApiKey($name: String!, $scopes: [Permission!]!) {\n    createApiKey(name: $name, scopes: $scopes) {\n      apiKey {\n        id\n        name\n      }\n      secret\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  query ApportionGroups {\n    apportionGroups {\n      id\n      name\n      method\n      includeLineLoss\n      site {\n        id\n        name\n      }\n      tariff {\n        id\n        name\n      }\n      sources {\n        role\n      }\n      members {\n        shareBp\n      }\n    }\n  }\n": types.ApportionGroupsDocument,
    "\n  query ApportionRuns($groupId: ID!) {\n    apportionRuns(groupId: $groupId) {\n      id\n      month\n      commonWh\n      lineLossWh\n      totalWh\n      price\n      totalFen\n      note\n      createdAt\n    }\n  }\n": types.ApportionRunsDocument,
    "\n  mutation RunApportionment($groupId: ID!, $month: String!) {\n    runApportionment(groupId: $groupId, month: $month) {\n      id\n      month\n      totalFen\n    }\n  }\n": types.RunApportionmentDocument,
    "\n  query AuditPage($filter: AuditFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    auditLog(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        at\n        actorKind\n        actorName\n        operation\n        args\n        ip\n        result\n        message\n        durationMs\n      }\n    }\n  }\n": types.AuditPageDocument,
    "\n  query Dashboard {\n    meters: meters(filter: { status: active }, first: 0) {\n      totalCount\n    }\n    metersOnline: meters(filter: { status: active, online: true }, first: 0) {\n      totalCount\n    }\n    metersTripped: meters(filter: { status: active, relay: open }, first: 0) {\n      totalCount\n    }\n    metersUnassigned: meters(filter: { status: active, unassigned: true }, first: 0) {\n      totalCount\n    }\n    gateways(first: 0) {\n      totalCount\n    }\n    gatewaysOffline: gateways(filter: { online: false }, first: 0) {\n      totalCount\n    }\n    alarms(filter: { active: true }, first: 8) {\n      totalCount\n      nodes {\n        id\n        kind\n        message\n        raisedAt\n        meter {\n          id\n          address\n          room\n        }\n        gateway {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n": types.DashboardDocument,
    "\n  subscription DashboardAlarms {\n    alarmRaised {\n      id\n    }\n  }\n": types.DashboardAlarmsDocument,
    "\n  query DashboardSales($from: Time!, $to: Time!) {\n    sites {\n      id\n      name\n    }\n    salesSummary(from: $from, to: $to) {\n      totalFen\n      count\n      byChannel {\n        channel\n        amountFen\n        count\n      }\n      byOperator {\n        operatorId\n        name\n        amountFen\n        count\n      }\n    }\n  }\n": types.DashboardSalesDocument,
    "\n  subscription DashboardSalesLive {\n    balanceChanged {\n      entry {\n        id\n      }\n    }\n  }\n": types.DashboardSalesLiveDocument,
    "\n  fragment DeskAccount on Account {\n    id\n    no\n    tenantName\n    shopNo\n    phone\n    status\n    balanceFen\n    balanceMode\n    site {\n      id\n      name\n    }\n    meters {\n      id\n      address\n      room\n      balanceFen\n    }\n  }\n": types.DeskAccountFragmentDoc,
    "\n  query DeskSearch($search: String!) {\n    accounts(filter: { search: $search, status: open }, first: 8) {\n      nodes {\n        ...DeskAccount\n      }\n    }\n    meters(filter: { search: $search, unassigned: false }, first: 8) {\n      nodes {\n        id\n        account {\n          ...DeskAccount\n        }\n      }\n    }\n  }\n": types.DeskSearchDocument,
    "\n  fragment DeskEntry on LedgerEntry {\n    id\n    type\n    channel\n    amountFen\n    balanceAfterFen\n    receiptNo\n    actor\n    note\n    createdAt\n    meter {\n      id\n      address\n    }\n    fee {\n      id\n      amountFen\n    }\n  }\n": types.DeskEntryFragmentDoc,
    "\n  query DeskAccountDetail($id: ID!) {\n    account(id: $id) {\n      ...DeskAccount\n      entries(first: 8) {\n        nodes {\n          ...DeskEntry\n          reverses {\n            id\n          }\n        }\n      }\n    }\n    reversals: ledgerEntries(filter: { accountId: $id, type: reversal }, first: 100) {\n      nodes {\n        id\n        reverses {\n          id\n        }\n      }\n    }\n  }\n": types.DeskAccountDetailDocument,
    "\n  subscription DeskBalance($accountId: ID) {\n    balanceChanged(accountId: $accountId) {\n      account {\n        id\n        balanceFen\n      }\n    }\n  }\n": types.DeskBalanceDocument,
    "\n  mutation DeskSell($input: SaleInput!) {\n    sell(input: $input) {\n      ...DeskEntry\n    }\n  }\n": types.DeskSellDocument,
    "\n  mutation DeskRefund($input: RefundInput!) {\n    refund(input: $input) {\n      ...DeskEntry\n    }\n  }\n": types.DeskRefundDocument,
    "\n  mutation DeskReverse($input: ReverseInput!) {\n    reverseEntry(input: $input) {\n      ...DeskEntry\n    }\n  }\n": types.DeskReverseDocument,
    "\n  query DeskTakings($operatorId: ID!, $from: Time!) {\n    ledgerEntries(filter: { operatorId: $operatorId, from: $from }, first: 1000) {\n      totalCount\n      nodes {\n        id\n        type\n        channel\n        amountFen\n      }\n    }\n  }\n": types.DeskTakingsDocument,
    "\n  query EnergyBuildings {\n    sites {\n      id\n      name\n    }\n    buildings(first: 100) {\n      nodes {\n        id\n        name\n        site {\n          name\n        }\n      }\n    }\n  }\n": types.EnergyBuildingsDocument,
    "\n  query EnergyMeters($filter: MeterFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    meters(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        address\n        channel\n        room\n        floor\n        ctRatio\n        lastEnergyWh\n        lastReadAt\n        building {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n        latestReading {\n          readAt\n          energyWh\n          sharpWh\n          peakWh\n          flatWh\n          valleyWh\n          powerW\n        }\n      }\n    }\n  }\n": types.EnergyMetersDocument,
    "\n  query EnergyTrend($scope: EnergyScope!, $id: ID!, $from: Time!, $to: Time!, $interval: EnergyInterval!) {\n    energyUsage(scope: $scope, id: $id, from: $from, to: $to, interval: $interval) {\n      start\n      energyWh\n      amountFen\n      sharpWh\n      peakWh\n      flatWh\n      valleyWh\n    }\n  }\n": types.EnergyTrendDocument,
    "\n  query OperatorsPage($first: Int, $after: String, $last: Int, $before: String) {\n    operators(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        username\n        displayName\n        role\n        disabled\n        createdAt\n        lastLoginAt\n      }\n    }\n  }\n": types.OperatorsPageDocument,
    "\n  mutation CreateOperator($input: OperatorInput!) {\n    createOperator(input: $input) {\n      id\n    }\n  }\n": types.CreateOperatorDocument,
    "\n  mutation UpdateOperator($id: ID!, $input: OperatorInput!) {\n    updateOperator(id: $id, input: $input) {\n      id\n      role\n      disabled\n      displayName\n    }\n  }\n": types.UpdateOperatorDocument,
    "\n  query OrdersPage($filter: RechargeOrderFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    rechargeOrders(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        outTradeNo\n        account {\n          id\n          no\n          tenantName\n          shopNo\n          balanceFen\n        }\n        channel\n        method\n        amountFen\n        state\n        transactionId\n        refundedFen\n        flag\n        createdAt\n        paidAt\n        refunds {\n          id\n          outRefundNo\n          amountFen\n          reason\n          state\n          actor\n          flag\n          createdAt\n          settledAt\n        }\n      }\n    }\n  }\n": types.OrdersPageDocument,
    "\n  mutation RefundRechargeOrder($input: RefundRechargeOrderInput!) {\n    refundRechargeOrder(input: $input) {\n      id\n      state\n      amountFen\n    }\n  }\n": types.RefundRechargeOrderDocument,
    "\n  subscription OrdersPageLive {\n    balanceChanged {\n      order {\n        id\n      }\n    }\n  }\n": types.OrdersPageLiveDocument,
    "\n  query SettingsSites {\n    sites {\n      id\n      name\n      code\n      timezone\n      gridPrice\n      markupCapPct\n      serviceFeeBp\n      serviceFeeOn\n      graceFen\n      graceMinutes\n      friendlyNightFrom\n      friendlyNightTo\n      friendlyWeekends\n      friendlyHolidays\n    }\n  }\n": types.SettingsSitesDocument,
    "\n  mutation UpdateSiteSettings($id: ID!, $input: SiteInput!) {\n    updateSite(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateSiteSettingsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      kind\n      id\n      name\n      role\n      permissions\n    }\n  }\n"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      expiresAt\n      principal {\n        kind\n        id\n        name\n        role\n        permissions\n      }\n    }\n  }\n"): typeof import('./graphql').LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): typeof import('./graphql').LogoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GraphiQLSession {\n    me {\n      name\n    }\n  }\n"): typeof import('./graphql').GraphiQlSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountsList($filter: AccountFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    accounts(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        startCursor\n        endCursor\n        hasNextPage\n        hasPreviousPage\n      }\n      nodes {\n        id\n        no\n        tenantName\n        shopNo\n        phone\n        status\n        balanceFen\n        openedAt\n        site {\n          id\n          name\n        }\n        meters {\n          id\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').AccountsListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountSites {\n    sites {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').AccountSitesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FreeMeters($siteId: ID!, $search: String) {\n    meters(filter: { siteId: $siteId, unassigned: true, search: $search }, first: 50) {\n      nodes {\n        id\n        address\n        room\n        floor\n      }\n    }\n  }\n"): typeof import('./graphql').FreeMetersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenAccount($input: OpenAccountInput!) {\n    openAccount(input: $input) {\n      account {\n        id\n        tenantName\n        balanceFen\n      }\n      sale {\n        id\n        receiptNo\n      }\n    }\n  }\n"): typeof import('./graphql').OpenAccountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountDetail($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    account(id: $id) {\n      id\n      no\n      tenantName\n      shopNo\n      phone\n      status\n      balanceFen\n      balanceMode\n      alarm1Fen\n      alarm2Fen\n      overdraftLimitFen\n      note\n      openedAt\n      closedAt\n      site {\n        id\n        name\n      }\n      meters {\n        id\n        address\n        room\n        relay\n        online\n        balanceFen\n        lastEnergyWh\n      }\n      entries(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          startCursor\n          endCursor\n          hasNextPage\n          hasPreviousPage\n        }\n        nodes {\n          id\n          type\n          channel\n          amountFen\n          balanceAfterFen\n          receiptNo\n          actor\n          note\n          createdAt\n        }\n      }\n    }\n    alarms(filter: { accountId: $id }, first: 20) {\n      totalCount\n      nodes {\n        id\n        kind\n        message\n        raisedAt\n        clearedAt\n        meter {\n          id\n          address\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').AccountDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AccountBalance($accountId: ID) {\n    balanceChanged(accountId: $accountId) {\n      account {\n        id\n        balanceFen\n      }\n      entry {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').AccountBalanceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseAccount($input: CloseAccountInput!) {\n    closeAccount(input: $input) {\n      account {\n        id\n        status\n      }\n      refund {\n        id\n        receiptNo\n      }\n    }\n  }\n"): typeof import('./graphql').CloseAccountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AttachMeter($accountId: ID!, $meterId: ID!) {\n    attachMeter(accountId: $accountId, meterId: $meterId) {\n      id\n    }\n  }\n"): typeof import('./graphql').AttachMeterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DetachMeter($accountId: ID!, $meterId: ID!) {\n    detachMeter(accountId: $accountId, meterId: $meterId) {\n      id\n    }\n  }\n"): typeof import('./graphql').DetachMeterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplaceMeter($input: ReplaceMeterInput!) {\n    replaceMeter(input: $input) {\n      meter {\n        id\n        address\n      }\n    }\n  }\n"): typeof import('./graphql').ReplaceMeterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTenantUser($accountId: ID!, $phone: String!, $password: String!) {\n    createTenantUser(accountId: $accountId, phone: $phone, password: $password) {\n      id\n    }\n  }\n"): typeof import('./graphql').CreateTenantUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlarmsPage($filter: AlarmFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    alarms(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        kind\n        message\n        raisedAt\n        clearedAt\n        meter {\n          id\n          address\n          room\n        }\n        gateway {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').AlarmsPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AlarmsPageLive {\n    alarmRaised {\n      id\n      clearedAt\n    }\n  }\n"): typeof import('./graphql').AlarmsPageLiveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeysPage($first: Int, $after: String, $last: Int, $before: String) {\n    apiKeys(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        name\n        prefix\n        scopes\n        createdBy\n        createdAt\n        revokedAt\n        lastUsedAt\n      }\n    }\n  }\n"): typeof import('./graphql').ApiKeysPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($name: String!, $scopes: [Permission!]!) {\n    createApiKey(name: $name, scopes: $scopes) {\n      apiKey {\n        id\n        name\n      }\n      secret\n    }\n  }\n"): typeof import('./graphql').CreateApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): typeof import('./graphql').RevokeApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApportionGroups {\n    apportionGroups {\n      id\n      name\n      method\n      includeLineLoss\n      site {\n        id\n        name\n      }\n      tariff {\n        id\n        name\n      }\n      sources {\n        role\n      }\n      members {\n        shareBp\n      }\n    }\n  }\n"): typeof import('./graphql').ApportionGroupsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApportionRuns($groupId: ID!) {\n    apportionRuns(groupId: $groupId) {\n      id\n      month\n      commonWh\n      lineLossWh\n      totalWh\n      price\n      totalFen\n      note\n      createdAt\n    }\n  }\n"): typeof import('./graphql').ApportionRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunApportionment($groupId: ID!, $month: String!) {\n    runApportionment(groupId: $groupId, month: $month) {\n      id\n      month\n      totalFen\n    }\n  }\n"): typeof import('./graphql').RunApportionmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditPage($filter: AuditFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    auditLog(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        at\n        actorKind\n        actorName\n        operation\n        args\n        ip\n        result\n        message\n        durationMs\n      }\n    }\n  }\n"): typeof import('./graphql').AuditPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard {\n    meters: meters(filter: { status: active }, first: 0) {\n      totalCount\n    }\n    metersOnline: meters(filter: { status: active, online: true }, first: 0) {\n      totalCount\n    }\n    metersTripped: meters(filter: { status: active, relay: open }, first: 0) {\n      totalCount\n    }\n    metersUnassigned: meters(filter: { status: active, unassigned: true }, first: 0) {\n      totalCount\n    }\n    gateways(first: 0) {\n      totalCount\n    }\n    gatewaysOffline: gateways(filter: { online: false }, first: 0) {\n      totalCount\n    }\n    alarms(filter: { active: true }, first: 8) {\n      totalCount\n      nodes {\n        id\n        kind\n        message\n        raisedAt\n        meter {\n          id\n          address\n          room\n        }\n        gateway {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardAlarms {\n    alarmRaised {\n      id\n    }\n  }\n"): typeof import('./graphql').DashboardAlarmsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardSales($from: Time!, $to: Time!) {\n    sites {\n      id\n      name\n    }\n    salesSummary(from: $from, to: $to) {\n      totalFen\n      count\n      byChannel {\n        channel\n        amountFen\n        count\n      }\n      byOperator {\n        operatorId\n        name\n        amountFen\n        count\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardSalesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardSalesLive {\n    balanceChanged {\n      entry {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardSalesLiveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DeskAccount on Account {\n    id\n    no\n    tenantName\n    shopNo\n    phone\n    status\n    balanceFen\n    balanceMode\n    site {\n      id\n      name\n    }\n    meters {\n      id\n      address\n      room\n      balanceFen\n    }\n  }\n"): typeof import('./graphql').DeskAccountFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskSearch($search: String!) {\n    accounts(filter: { search: $search, status: open }, first: 8) {\n      nodes {\n        ...DeskAccount\n      }\n    }\n    meters(filter: { search: $search, unassigned: false }, first: 8) {\n      nodes {\n        id\n        account {\n          ...DeskAccount\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DeskSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DeskEntry on LedgerEntry {\n    id\n    type\n    channel\n    amountFen\n    balanceAfterFen\n    receiptNo\n    actor\n    note\n    createdAt\n    meter {\n      id\n      address\n    }\n    fee {\n      id\n      amountFen\n    }\n  }\n"): typeof import('./graphql').DeskEntryFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskAccountDetail($id: ID!) {\n    account(id: $id) {\n      ...DeskAccount\n      entries(first: 8) {\n        nodes {\n          ...DeskEntry\n          reverses {\n            id\n          }\n        }\n      }\n    }\n    reversals: ledgerEntries(filter: { accountId: $id, type: reversal }, first: 100) {\n      nodes {\n        id\n        reverses {\n          id\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DeskAccountDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DeskBalance($accountId: ID) {\n    balanceChanged(accountId: $accountId) {\n      account {\n        id\n        balanceFen\n      }\n    }\n  }\n"): typeof import('./graphql').DeskBalanceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeskSell($input: SaleInput!) {\n    sell(input: $input) {\n      ...DeskEntry\n    }\n  }\n"): typeof import('./graphql').DeskSellDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeskRefund($input: RefundInput!) {\n    refund(input: $input) {\n      ...DeskEntry\n    }\n  }\n"): typeof import('./graphql').DeskRefundDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeskReverse($input: ReverseInput!) {\n    reverseEntry(input: $input) {\n      ...DeskEntry\n    }\n  }\n"): typeof import('./graphql').DeskReverseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskTakings($operatorId: ID!, $from: Time!) {\n    ledgerEntries(filter: { operatorId: $operatorId, from: $from }, first: 1000) {\n      totalCount\n      nodes {\n        id\n        type\n        channel\n        amountFen\n      }\n    }\n  }\n"): typeof import('./graphql').DeskTakingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnergyBuildings {\n    sites {\n      id\n      name\n    }\n    buildings(first: 100) {\n      nodes {\n        id\n        name\n        site {\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').EnergyBuildingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnergyMeters($filter: MeterFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    meters(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        address\n        channel\n        room\n        floor\n        ctRatio\n        lastEnergyWh\n        lastReadAt\n        building {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n        latestReading {\n          readAt\n          energyWh\n          sharpWh\n          peakWh\n          flatWh\n          valleyWh\n          powerW\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').EnergyMetersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnergyTrend($scope: EnergyScope!, $id: ID!, $from: Time!, $to: Time!, $interval: EnergyInterval!) {\n    energyUsage(scope: $scope, id: $id, from: $from, to: $to, interval: $interval) {\n      start\n      energyWh\n      amountFen\n      sharpWh\n      peakWh\n      flatWh\n      valleyWh\n    }\n  }\n"): typeof import('./graphql').EnergyTrendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OperatorsPage($first: Int, $after: String, $last: Int, $before: String) {\n    operators(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        username\n        displayName\n        role\n        disabled\n        createdAt\n        lastLoginAt\n      }\n    }\n  }\n"): typeof import('./graphql').OperatorsPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOperator($input: OperatorInput!) {\n    createOperator(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').CreateOperatorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateOperator($id: ID!, $input: OperatorInput!) {\n    updateOperator(id: $id, input: $input) {\n      id\n      role\n      disabled\n      displayName\n    }\n  }\n"): typeof import('./graphql').UpdateOperatorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrdersPage($filter: RechargeOrderFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    rechargeOrders(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        outTradeNo\n        account {\n          id\n          no\n          tenantName\n          shopNo\n          balanceFen\n        }\n        channel\n        method\n        amountFen\n        state\n        transactionId\n        refundedFen\n        flag\n        createdAt\n        paidAt\n        refunds {\n          id\n          outRefundNo\n          amountFen\n          reason\n          state\n          actor\n          flag\n          createdAt\n          settledAt\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').OrdersPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefundRechargeOrder($input: RefundRechargeOrderInput!) {\n    refundRechargeOrder(input: $input) {\n      id\n      state\n      amountFen\n    }\n  }\n"): typeof import('./graphql').RefundRechargeOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrdersPageLive {\n    balanceChanged {\n      order {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').OrdersPageLiveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SettingsSites {\n    sites {\n      id\n      name\n      code\n      timezone\n      gridPrice\n      markupCapPct\n      serviceFeeBp\n      serviceFeeOn\n      graceFen\n      graceMinutes\n      friendlyNightFrom\n      friendlyNightTo\n      friendlyWeekends\n      friendlyHolidays\n    }\n  }\n"): typeof import('./graphql').SettingsSitesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSiteSettings($id: ID!, $input: SiteInput!) {\n    updateSite(id: $id, input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').UpdateSiteSettingsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
