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
    "\n  query AccountStatementCard($accountId: ID!, $month: String!) {\n    accountStatement(accountId: $accountId, month: $month) {\n      month\n      openingFen\n      closingFen\n      byType {\n        type\n        amountFen\n        count\n      }\n      purchases {\n        channel\n        amountFen\n        count\n      }\n      charges {\n        meterId\n        address\n        rate\n        tier\n        energyWh\n        amountFen\n      }\n      unsplitChargeFen\n      pdfUrl\n    }\n  }\n": typeof types.AccountStatementCardDocument,
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
    "\n  fragment TenantUserRow on TenantUser {\n    id\n    phone\n    disabled\n    createdAt\n    lastLoginAt\n  }\n": typeof types.TenantUserRowFragmentDoc,
    "\n  query AccountTenantUsers($id: ID!) {\n    account(id: $id) {\n      id\n      tenantUsers {\n        ...TenantUserRow\n      }\n    }\n  }\n": typeof types.AccountTenantUsersDocument,
    "\n  query AccountBindings($id: ID!) {\n    account(id: $id) {\n      id\n      bindingCode\n      bindings {\n        id\n        phone\n        wechat\n        via\n        createdAt\n      }\n    }\n  }\n": typeof types.AccountBindingsDocument,
    "\n  mutation ResetTenantPassword($input: ResetTenantPasswordInput!) {\n    resetTenantPassword(input: $input) {\n      ...TenantUserRow\n    }\n  }\n": typeof types.ResetTenantPasswordDocument,
    "\n  mutation SetTenantUserDisabled($id: ID!, $disabled: Boolean!) {\n    setTenantUserDisabled(id: $id, disabled: $disabled) {\n      ...TenantUserRow\n    }\n  }\n": typeof types.SetTenantUserDisabledDocument,
    "\n  mutation RevokeBinding($id: ID!) {\n    revokeBinding(id: $id) {\n      id\n    }\n  }\n": typeof types.RevokeBindingDocument,
    "\n  query AlarmsPage($filter: AlarmFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    alarms(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        kind\n        message\n        raisedAt\n        clearedAt\n        meter {\n          id\n          address\n          room\n        }\n        gateway {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n": typeof types.AlarmsPageDocument,
    "\n  subscription AlarmsPageLive {\n    alarmRaised {\n      id\n      clearedAt\n    }\n  }\n": typeof types.AlarmsPageLiveDocument,
    "\n  query ApiKeysPage($first: Int, $after: String, $last: Int, $before: String) {\n    apiKeys(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        name\n        prefix\n        scopes\n        createdBy\n        createdAt\n        revokedAt\n        lastUsedAt\n      }\n    }\n  }\n": typeof types.ApiKeysPageDocument,
    "\n  mutation CreateApiKey($name: String!, $scopes: [Permission!]!) {\n    createApiKey(name: $name, scopes: $scopes) {\n      apiKey {\n        id\n        name\n      }\n      secret\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  query ApportionGroups {\n    apportionGroups {\n      id\n      name\n      method\n      site {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ApportionGroupsDocument,
    "\n  query ApportionGroup($id: ID!) {\n    apportionGroup(id: $id) {\n      id\n      name\n      method\n      includeLineLoss\n      updatedAt\n      site {\n        id\n        name\n      }\n      tariff {\n        id\n        name\n      }\n      sources {\n        role\n        meter {\n          id\n          address\n          channel\n          room\n        }\n      }\n      members {\n        areaM2x100\n        shareBp\n        account {\n          id\n          no\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n": typeof types.ApportionGroupDocument,
    "\n  query ApportionRuns($groupId: ID!) {\n    apportionRuns(groupId: $groupId) {\n      id\n      month\n      commonWh\n      lineLossWh\n      totalWh\n      price\n      totalFen\n      note\n      createdAt\n    }\n  }\n": typeof types.ApportionRunsDocument,
    "\n  query ApportionRun($id: ID!) {\n    apportionRun(id: $id) {\n      id\n      groupId\n      month\n      periodStart\n      periodEnd\n      commonWh\n      lineLossWh\n      totalWh\n      price\n      totalFen\n      note\n      createdAt\n    }\n  }\n": typeof types.ApportionRunDocument,
    "\n  query ApportionGroupMethod($id: ID!) {\n    apportionGroup(id: $id) {\n      id\n      name\n      method\n    }\n  }\n": typeof types.ApportionGroupMethodDocument,
    "\n  query ApportionShares($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    apportionRun(id: $id) {\n      id\n      shares(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n        nodes {\n          weight\n          energyWh\n          amountFen\n          note\n          account {\n            id\n            no\n            tenantName\n            shopNo\n          }\n        }\n      }\n    }\n  }\n": typeof types.ApportionSharesDocument,
    "\n  mutation RunApportionment($groupId: ID!, $month: String!) {\n    runApportionment(groupId: $groupId, month: $month) {\n      id\n      month\n      totalFen\n    }\n  }\n": typeof types.RunApportionmentDocument,
    "\n  mutation CreateApportionGroup($input: ApportionGroupInput!) {\n    createApportionGroup(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateApportionGroupDocument,
    "\n  mutation UpdateApportionGroup($id: ID!, $input: ApportionGroupInput!) {\n    updateApportionGroup(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateApportionGroupDocument,
    "\n  query ApportionAccountChoices($siteId: ID, $search: String) {\n    accounts(filter: { siteId: $siteId, search: $search, status: open }, first: 20) {\n      nodes {\n        id\n        no\n        tenantName\n        shopNo\n      }\n    }\n  }\n": typeof types.ApportionAccountChoicesDocument,
    "\n  query ApportionMeterChoices($siteId: ID, $search: String) {\n    meters(filter: { siteId: $siteId, search: $search }, first: 20) {\n      nodes {\n        id\n        address\n        channel\n        room\n      }\n    }\n  }\n": typeof types.ApportionMeterChoicesDocument,
    "\n  query AuditPage($filter: AuditFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    auditLog(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        at\n        actorKind\n        actorName\n        operation\n        args\n        ip\n        result\n        message\n        durationMs\n      }\n    }\n  }\n": typeof types.AuditPageDocument,
    "\n  query Dashboard {\n    meterStatusCounts {\n      status\n      count\n      online\n    }\n    gateways(first: 0) {\n      totalCount\n    }\n    gatewaysOffline: gateways(filter: { online: false }, first: 0) {\n      totalCount\n    }\n    alarms(filter: { active: true }, first: 8) {\n      totalCount\n      nodes {\n        id\n        kind\n        message\n        raisedAt\n        meter {\n          id\n          address\n          room\n        }\n        gateway {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n": typeof types.DashboardDocument,
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
    "\n  query DeskTakings($operatorId: ID!, $from: Time!, $to: Time!) {\n    salesSummary(operatorId: $operatorId, from: $from, to: $to) {\n      totalFen\n      count\n      byChannel {\n        channel\n        amountFen\n        count\n      }\n      byType {\n        type\n        amountFen\n        count\n      }\n    }\n  }\n": typeof types.DeskTakingsDocument,
    "\n  query EnergyBuildings {\n    sites {\n      id\n      name\n    }\n    buildings(first: 100) {\n      nodes {\n        id\n        name\n        site {\n          name\n        }\n      }\n    }\n  }\n": typeof types.EnergyBuildingsDocument,
    "\n  query EnergyMeters($filter: MeterFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    meters(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        address\n        channel\n        room\n        floor\n        ctRatio\n        lastEnergyWh\n        lastReadAt\n        building {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n        latestReading {\n          readAt\n          energyWh\n          sharpWh\n          peakWh\n          flatWh\n          valleyWh\n          powerW\n        }\n      }\n    }\n  }\n": typeof types.EnergyMetersDocument,
    "\n  query EnergyTrend($scope: EnergyScope!, $id: ID!, $from: Time!, $to: Time!, $interval: EnergyInterval!) {\n    energyUsage(scope: $scope, id: $id, from: $from, to: $to, interval: $interval) {\n      start\n      energyWh\n      amountFen\n      sharpWh\n      peakWh\n      flatWh\n      valleyWh\n    }\n  }\n": typeof types.EnergyTrendDocument,
    "\n  query MetersConsole($filter: MeterFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    meters(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        address\n        channel\n        floor\n        room\n        model\n        online\n        relay\n        controlMode\n        displayStatus\n        lastEnergyWh\n        lastReadAt\n        building {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n": typeof types.MetersConsoleDocument,
    "\n  query MeterPlaces {\n    sites {\n      id\n      name\n    }\n    buildings(first: 1000) {\n      nodes {\n        id\n        name\n        site {\n          id\n        }\n      }\n    }\n  }\n": typeof types.MeterPlacesDocument,
    "\n  query BuildingMeterCount($buildingId: ID!) {\n    meters(filter: { buildingId: $buildingId, status: active }, first: 0) {\n      totalCount\n    }\n  }\n": typeof types.BuildingMeterCountDocument,
    "\n  mutation ControlMetersBatch($input: ControlMetersInput!) {\n    controlMeters(input: $input) {\n      batchKey\n      results {\n        meterId\n        meter {\n          id\n          address\n          room\n        }\n        command {\n          id\n          state\n          lastError\n        }\n        error\n        code\n      }\n    }\n  }\n": typeof types.ControlMetersBatchDocument,
    "\n  mutation ReadMetersNow($meterIds: [ID!], $buildingId: ID) {\n    readMeters(meterIds: $meterIds, buildingId: $buildingId) {\n      readings {\n        meter {\n          id\n        }\n      }\n      errors\n    }\n  }\n": typeof types.ReadMetersNowDocument,
    "\n  subscription MetersCommandProgress($batchKey: String) {\n    commandProgress(batchKey: $batchKey) {\n      id\n      state\n      lastError\n      attempts\n      meter {\n        id\n      }\n    }\n  }\n": typeof types.MetersCommandProgressDocument,
    "\n  query MeterDetail($id: ID!) {\n    meter(id: $id) {\n      id\n      address\n      channel\n      model\n      phases\n      protocol\n      floor\n      room\n      ctRatio\n      prepaidMode\n      relay\n      controlMode\n      online\n      displayStatus\n      lastEnergyWh\n      lastReadAt\n      balanceFen\n      building {\n        id\n        name\n      }\n      gateway {\n        id\n        name\n      }\n      tariff {\n        id\n        name\n      }\n      account {\n        id\n        tenantName\n        shopNo\n        balanceFen\n      }\n      latestReading {\n        readAt\n        energyWh\n        sharpWh\n        peakWh\n        flatWh\n        valleyWh\n        reverseWh\n        voltageDv\n        currentMa\n        powerW\n        powerFactorMilli\n        frequencyChz\n        relay\n      }\n      commands(first: 10) {\n        totalCount\n        nodes {\n          id\n          kind\n          state\n          attempts\n          lastError\n          createdBy\n          createdAt\n          doneAt\n        }\n      }\n      activeAlarms {\n        id\n        kind\n        message\n        raisedAt\n      }\n    }\n  }\n": typeof types.MeterDetailDocument,
    "\n  query BatchCommands($kind: CommandKind!, $first: Int!) {\n    commands(filter: { kind: $kind }, first: $first) {\n      nodes {\n        id\n        state\n        lastError\n      }\n    }\n  }\n": typeof types.BatchCommandsDocument,
    "\n  query NotificationsPage($filter: NotificationFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    notifications(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        ...NotificationRow\n      }\n    }\n  }\n": typeof types.NotificationsPageDocument,
    "\n  fragment NotificationRow on Notification {\n    id\n    accountId\n    kind\n    channel\n    recipient\n    text\n    state\n    attempts\n    nextAttemptAt\n    lastError\n    createdAt\n    sentAt\n    deliveredAt\n  }\n": typeof types.NotificationRowFragmentDoc,
    "\n  mutation RetryNotification($id: ID!) {\n    retryNotification(id: $id) {\n      ...NotificationRow\n    }\n  }\n": typeof types.RetryNotificationDocument,
    "\n  query SmsStatus {\n    smsStatus {\n      driver\n      state\n      registration\n      signal\n      signalDbm\n      lastError\n      errorAt\n      sent\n    }\n  }\n": typeof types.SmsStatusDocument,
    "\n  query NotificationTemplates {\n    sites {\n      id\n      name\n      notificationTemplates {\n        kind\n        text\n        custom\n        updatedBy\n        updatedAt\n      }\n      quietHours {\n        start\n        end\n      }\n    }\n  }\n": typeof types.NotificationTemplatesDocument,
    "\n  mutation SetNotificationTemplate($siteId: ID!, $kind: NotificationKind!, $text: String!) {\n    setNotificationTemplate(siteId: $siteId, kind: $kind, text: $text) {\n      kind\n      text\n      custom\n    }\n  }\n": typeof types.SetNotificationTemplateDocument,
    "\n  query PreviewNotificationTemplate($kind: NotificationKind!, $text: String!) {\n    previewNotificationTemplate(kind: $kind, text: $text)\n  }\n": typeof types.PreviewNotificationTemplateDocument,
    "\n  mutation SetQuietHours($siteId: ID!, $start: String!, $end: String!) {\n    setQuietHours(siteId: $siteId, start: $start, end: $end) {\n      start\n      end\n    }\n  }\n": typeof types.SetQuietHoursDocument,
    "\n  query AccountNotifications($id: ID!) {\n    account(id: $id) {\n      id\n      notificationSettings {\n        sms\n        wechat\n      }\n      notifications(first: 20) {\n        totalCount\n        nodes {\n          ...NotificationRow\n        }\n      }\n    }\n  }\n": typeof types.AccountNotificationsDocument,
    "\n  mutation SetAccountNotificationSettings($accountId: ID!, $sms: Boolean, $wechat: Boolean) {\n    setNotificationSettings(accountId: $accountId, sms: $sms, wechat: $wechat) {\n      sms\n      wechat\n    }\n  }\n": typeof types.SetAccountNotificationSettingsDocument,
    "\n  query OperatorsPage($first: Int, $after: String, $last: Int, $before: String) {\n    operators(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        username\n        displayName\n        role\n        disabled\n        createdAt\n        lastLoginAt\n      }\n    }\n  }\n": typeof types.OperatorsPageDocument,
    "\n  mutation CreateOperator($input: OperatorInput!) {\n    createOperator(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateOperatorDocument,
    "\n  mutation UpdateOperator($id: ID!, $input: OperatorInput!) {\n    updateOperator(id: $id, input: $input) {\n      id\n      role\n      disabled\n      displayName\n    }\n  }\n": typeof types.UpdateOperatorDocument,
    "\n  query OperatorRoles {\n    roles {\n      role\n      permissions\n    }\n  }\n": typeof types.OperatorRolesDocument,
    "\n  query OrdersPage($filter: RechargeOrderFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    rechargeOrders(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        outTradeNo\n        account {\n          id\n          no\n          tenantName\n          shopNo\n          balanceFen\n        }\n        channel\n        method\n        amountFen\n        state\n        transactionId\n        refundedFen\n        flag\n        createdAt\n        paidAt\n        refunds {\n          id\n          outRefundNo\n          amountFen\n          reason\n          state\n          actor\n          flag\n          createdAt\n          settledAt\n        }\n      }\n    }\n  }\n": typeof types.OrdersPageDocument,
    "\n  mutation RefundRechargeOrder($input: RefundRechargeOrderInput!) {\n    refundRechargeOrder(input: $input) {\n      id\n      state\n      amountFen\n    }\n  }\n": typeof types.RefundRechargeOrderDocument,
    "\n  subscription OrdersPageLive {\n    balanceChanged {\n      order {\n        id\n      }\n    }\n  }\n": typeof types.OrdersPageLiveDocument,
    "\n  query AlarmStatsPage($filter: AlarmStatsFilter!) {\n    alarmStats(filter: $filter) {\n      byKind {\n        kind\n        raised\n        stillOpen\n        meanSeconds\n        longestSeconds\n        openNow\n      }\n      days {\n        day\n        kind\n        raised\n      }\n      topMeters {\n        id\n        label\n        count\n        totalSeconds\n      }\n      topAccounts {\n        id\n        label\n        count\n        totalSeconds\n      }\n    }\n  }\n": typeof types.AlarmStatsPageDocument,
    "\n  query ArrearsReportPage($filter: ArrearsFilter) {\n    arrearsReport(filter: $filter) {\n      count\n      debtFen\n      balanceFen\n      byBuilding {\n        buildingId\n        buildingName\n        count\n        debtFen\n      }\n      rows {\n        accountId\n        accountNo\n        tenantName\n        shopNo\n        phone\n        balanceFen\n        debtFen\n        level\n        since\n        buildingName\n        lastPaymentAt\n        lastPaymentFen\n        meters {\n          meterId\n          address\n          room\n          relay\n          online\n        }\n      }\n    }\n  }\n": typeof types.ArrearsReportPageDocument,
    "\n  query ChargesReport($filter: ChargesReportFilter!) {\n    chargesReport(filter: $filter) {\n      periods {\n        start\n        chargesFen\n        chargeCount\n        feesFen\n        feeCount\n        correctionsFen\n        correctionCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n      total {\n        chargesFen\n        chargeCount\n        feesFen\n        feeCount\n        correctionsFen\n        correctionCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n      topAccounts {\n        accountId\n        accountNo\n        tenantName\n        chargesFen\n        chargeCount\n        feesFen\n        feeCount\n        correctionsFen\n        correctionCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n    }\n    buildings(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ChargesReportDocument,
    "\n  query EnergyReportSites {\n    sites {\n      id\n      name\n    }\n    buildings(first: 100) {\n      nodes {\n        id\n        name\n        site {\n          id\n        }\n      }\n    }\n  }\n": typeof types.EnergyReportSitesDocument,
    "\n  query EnergyReport(\n    $siteId: ID!\n    $buildingId: ID\n    $groupBy: EnergyReportGroup!\n    $from: Date!\n    $to: Date!\n    $offset: Int\n    $first: Int\n  ) {\n    energyReport(\n      siteId: $siteId\n      buildingId: $buildingId\n      groupBy: $groupBy\n      from: $from\n      to: $to\n      offset: $offset\n      first: $first\n    ) {\n      totalRows\n      rows {\n        ...EnergyReportRowFields\n      }\n      total {\n        ...EnergyReportRowFields\n      }\n    }\n  }\n  fragment EnergyReportRowFields on EnergyReportRow {\n    id\n    name\n    meters\n    energyWh\n    sharpWh\n    peakWh\n    flatWh\n    valleyWh\n    chargedWh\n    amountFen\n  }\n": typeof types.EnergyReportDocument,
    "\n  query OfflineSummaryPage($filter: OfflineFilter!) {\n    offlineSummary(filter: $filter) {\n      meters\n      offline\n      gateways\n      byBuilding {\n        buildingId\n        buildingName\n        meters\n        offline\n      }\n      offlineGateways {\n        gatewayId\n        name\n        buildingName\n        host\n        port\n        since\n        lastSeenAt\n        offlineSeconds\n        meters\n      }\n    }\n  }\n": typeof types.OfflineSummaryPageDocument,
    "\n  query OfflineMetersPage($filter: OfflineFilter!, $first: Int, $after: String, $last: Int, $before: String) {\n    offlineMeters(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        meterId\n        address\n        channel\n        buildingName\n        floor\n        room\n        gatewayId\n        gatewayName\n        gatewayOnline\n        since\n        lastReadAt\n        offlineSeconds\n      }\n    }\n  }\n": typeof types.OfflineMetersPageDocument,
    "\n  query SalesReport($filter: SalesReportFilter!) {\n    salesReport(filter: $filter) {\n      periods {\n        start\n        byChannel {\n          channel\n          netFen\n        }\n        total {\n          salesFen\n          salesCount\n          refundsFen\n          refundCount\n          reversalsFen\n          reversalCount\n          netFen\n        }\n      }\n      byChannel {\n        channel\n        salesFen\n        salesCount\n        refundsFen\n        refundCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n      byOperator {\n        operatorId\n        name\n        salesFen\n        salesCount\n        refundsFen\n        refundCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n      total {\n        salesFen\n        salesCount\n        refundsFen\n        refundCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n    }\n  }\n": typeof types.SalesReportDocument,
    "\n  query DailySettlement($filter: SettlementFilter!) {\n    dailySettlement(filter: $filter) {\n      day\n      cashiers {\n        operatorId\n        name\n        byChannel {\n          channel\n          salesFen\n          salesCount\n          refundsFen\n          refundCount\n          reversalsFen\n          reversalCount\n          netFen\n        }\n        total {\n          salesFen\n          salesCount\n          refundsFen\n          refundCount\n          reversalsFen\n          reversalCount\n          netFen\n        }\n      }\n      byChannel {\n        channel\n        salesFen\n        salesCount\n        refundsFen\n        refundCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n      total {\n        salesFen\n        salesCount\n        refundsFen\n        refundCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n    }\n  }\n": typeof types.DailySettlementDocument,
    "\n  query MeterSnapshotPage($filter: MeterSnapshotFilter!, $first: Int, $after: String, $last: Int, $before: String) {\n    meterSnapshot(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        meterId\n        address\n        channel\n        buildingName\n        floor\n        room\n        accountNo\n        tenantName\n        energyWh\n        sharpWh\n        peakWh\n        flatWh\n        valleyWh\n        reverseWh\n        balanceFen\n        meterBalanceFen\n        relay\n        displayStatus\n        online\n        lastReadAt\n      }\n    }\n  }\n": typeof types.MeterSnapshotPageDocument,
    "\n  query StatementGroups($siteId: ID) {\n    apportionGroups(siteId: $siteId) {\n      id\n      name\n    }\n  }\n": typeof types.StatementGroupsDocument,
    "\n  query StatementRuns($groupId: ID!) {\n    apportionRuns(groupId: $groupId) {\n      id\n      month\n    }\n  }\n": typeof types.StatementRunsDocument,
    "\n  query ApportionStatementPage($runId: ID!) {\n    apportionStatement(runId: $runId) {\n      groupName\n      method\n      weightTotal\n      ledgerFen\n      reversedFen\n      reconciled\n      run {\n        id\n        month\n        commonWh\n        lineLossWh\n        totalWh\n        price\n        totalFen\n        note\n      }\n      sources {\n        meterId\n        address\n        room\n        role\n        energyWh\n      }\n      lines {\n        accountId\n        accountNo\n        tenantName\n        weight\n        shareBp\n        energyWh\n        amountFen\n        entryId\n        entryFen\n        reversedFen\n        note\n        reconciled\n      }\n    }\n  }\n": typeof types.ApportionStatementPageDocument,
    "\n  query ReportSites {\n    sites {\n      id\n      name\n    }\n  }\n": typeof types.ReportSitesDocument,
    "\n  fragment ScheduleFields on ControlSchedule {\n    id\n    name\n    action\n    atMinute\n    weekdays\n    enabled\n    meterIds\n    createdAt\n    site {\n      id\n      name\n    }\n    building {\n      id\n      name\n    }\n  }\n": typeof types.ScheduleFieldsFragmentDoc,
    "\n  query ControlSchedules($siteId: ID) {\n    controlSchedules(siteId: $siteId) {\n      ...ScheduleFields\n    }\n    sites {\n      id\n      name\n    }\n  }\n": typeof types.ControlSchedulesDocument,
    "\n  query ScheduleBuildings($siteId: ID!) {\n    buildings(filter: { siteId: $siteId }, first: 1000) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ScheduleBuildingsDocument,
    "\n  query ScheduleMeters($filter: MeterFilter) {\n    meters(filter: $filter, first: 30) {\n      nodes {\n        id\n        address\n        room\n      }\n    }\n  }\n": typeof types.ScheduleMetersDocument,
    "\n  mutation CreateControlSchedule($input: ControlScheduleInput!) {\n    createControlSchedule(input: $input) {\n      ...ScheduleFields\n    }\n  }\n": typeof types.CreateControlScheduleDocument,
    "\n  mutation UpdateControlSchedule($id: ID!, $input: ControlScheduleInput!) {\n    updateControlSchedule(id: $id, input: $input) {\n      ...ScheduleFields\n    }\n  }\n": typeof types.UpdateControlScheduleDocument,
    "\n  mutation DeleteControlSchedule($id: ID!) {\n    deleteControlSchedule(id: $id)\n  }\n": typeof types.DeleteControlScheduleDocument,
    "\n  query ReceiptLayouts {\n    sites {\n      id\n      receiptLayout {\n        title\n        footer\n        fields\n        logoPng\n        publicUrl\n      }\n    }\n  }\n": typeof types.ReceiptLayoutsDocument,
    "\n  mutation SetReceiptLayout($siteId: ID!, $layout: ReceiptLayoutInput!) {\n    setReceiptLayout(siteId: $siteId, layout: $layout) {\n      id\n    }\n  }\n": typeof types.SetReceiptLayoutDocument,
    "\n  query SettingsSites {\n    sites {\n      id\n      name\n      code\n      timezone\n      gridPrice\n      markupCapPct\n      serviceFeeBp\n      serviceFeeOn\n      graceFen\n      graceMinutes\n      friendlyNightFrom\n      friendlyNightTo\n      friendlyWeekends\n      friendlyHolidays\n      officePhone\n    }\n  }\n": typeof types.SettingsSitesDocument,
    "\n  mutation UpdateSiteSettings($id: ID!, $input: SiteInput!) {\n    updateSite(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateSiteSettingsDocument,
    "\n  query Buildings($filter: BuildingFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    buildings(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        name\n        floors\n        createdAt\n        site {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.BuildingsDocument,
    "\n  mutation CreateBuilding($input: BuildingInput!) {\n    createBuilding(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateBuildingDocument,
    "\n  mutation UpdateBuilding($id: ID!, $input: BuildingInput!) {\n    updateBuilding(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateBuildingDocument,
    "\n  query Gateways($filter: GatewayFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    gateways(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        name\n        endpoint\n        protocol\n        pollIntervalSeconds\n        online\n        lastSeenAt\n        createdAt\n        site {\n          id\n          name\n        }\n        building {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.GatewaysDocument,
    "\n  mutation CreateGateway($input: GatewayInput!) {\n    createGateway(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateGatewayDocument,
    "\n  mutation UpdateGateway($id: ID!, $input: GatewayInput!) {\n    updateGateway(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateGatewayDocument,
    "\n  query MeterRegistry($filter: MeterFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    meters(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        address\n        channel\n        protocol\n        model\n        phases\n        ctRatio\n        floor\n        room\n        direct\n        site {\n          id\n          name\n        }\n        building {\n          id\n          name\n        }\n        gateway {\n          id\n          name\n        }\n        tariff {\n          id\n          name\n        }\n        account {\n          id\n          no\n          tenantName\n        }\n      }\n    }\n  }\n": typeof types.MeterRegistryDocument,
    "\n  mutation CreateMeter($input: MeterInput!) {\n    createMeter(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateMeterDocument,
    "\n  mutation UpdateMeter($id: ID!, $input: MeterInput!) {\n    updateMeter(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateMeterDocument,
    "\n  query BuildingOptions($siteId: ID) {\n    buildings(filter: { siteId: $siteId }, first: 1000) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": typeof types.BuildingOptionsDocument,
    "\n  query GatewayOptions($siteId: ID, $buildingId: ID) {\n    gateways(filter: { siteId: $siteId, buildingId: $buildingId }, first: 1000) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": typeof types.GatewayOptionsDocument,
    "\n  query TariffOptions($siteId: ID) {\n    tariffs(filter: { siteId: $siteId }, first: 1000) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": typeof types.TariffOptionsDocument,
    "\n  query Sites {\n    sites {\n      id\n      name\n      code\n      timezone\n      markupCapPct\n      serviceFeeBp\n      createdAt\n    }\n  }\n": typeof types.SitesDocument,
    "\n  mutation CreateSite($input: SiteInput!) {\n    createSite(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateSiteDocument,
    "\n  mutation UpdateSite($id: ID!, $input: SiteInput!) {\n    updateSite(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateSiteDocument,
    "\n  query SitePicker {\n    sites {\n      id\n      name\n      code\n      timezone\n    }\n  }\n": typeof types.SitePickerDocument,
    "\n  query TariffSites {\n    sites {\n      id\n      name\n      gridPrice\n      markupCapPct\n      serviceFeeBp\n      serviceFeeOn\n    }\n  }\n": typeof types.TariffSitesDocument,
    "\n  fragment TariffFields on Tariff {\n    id\n    name\n    kind\n    site {\n      id\n      name\n    }\n    prices {\n      rate\n      price\n    }\n    periods {\n      start\n      rate\n    }\n    variants {\n      months\n      weekdays\n      periods {\n        start\n        rate\n      }\n    }\n    tiers {\n      upToWh\n      price\n    }\n    billingPeriod\n    updatedAt\n  }\n": typeof types.TariffFieldsFragmentDoc,
    "\n  query Tariffs($filter: TariffFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    tariffs(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        ...TariffFields\n      }\n    }\n  }\n": typeof types.TariffsDocument,
    "\n  query Tariff($id: ID!) {\n    tariff(id: $id) {\n      ...TariffFields\n    }\n  }\n": typeof types.TariffDocument,
    "\n  mutation CreateTariff($input: TariffInput!) {\n    createTariff(input: $input) {\n      ...TariffFields\n    }\n  }\n": typeof types.CreateTariffDocument,
    "\n  mutation UpdateTariff($id: ID!, $input: TariffInput!) {\n    updateTariff(id: $id, input: $input) {\n      ...TariffFields\n    }\n  }\n": typeof types.UpdateTariffDocument,
    "\n  query AssignBuildings($siteId: ID!) {\n    buildings(filter: { siteId: $siteId }, first: 1000) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": typeof types.AssignBuildingsDocument,
    "\n  query AssignMeters($filter: MeterFilter, $first: Int, $after: String) {\n    meters(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        address\n        room\n        floor\n        building {\n          id\n          name\n        }\n        tariff {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.AssignMetersDocument,
    "\n  mutation SetMetersTariff($meterIds: [ID!]!, $tariffId: ID!) {\n    setMetersTariff(meterIds: $meterIds, tariffId: $tariffId) {\n      id\n      tariff {\n        id\n        name\n      }\n    }\n  }\n": typeof types.SetMetersTariffDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      kind\n      id\n      name\n      role\n      permissions\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      expiresAt\n      principal {\n        kind\n        id\n        name\n        role\n        permissions\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query GraphiQLSession {\n    me {\n      name\n    }\n  }\n": types.GraphiQlSessionDocument,
    "\n  query AccountStatementCard($accountId: ID!, $month: String!) {\n    accountStatement(accountId: $accountId, month: $month) {\n      month\n      openingFen\n      closingFen\n      byType {\n        type\n        amountFen\n        count\n      }\n      purchases {\n        channel\n        amountFen\n        count\n      }\n      charges {\n        meterId\n        address\n        rate\n        tier\n        energyWh\n        amountFen\n      }\n      unsplitChargeFen\n      pdfUrl\n    }\n  }\n": types.AccountStatementCardDocument,
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
    "\n  fragment TenantUserRow on TenantUser {\n    id\n    phone\n    disabled\n    createdAt\n    lastLoginAt\n  }\n": types.TenantUserRowFragmentDoc,
    "\n  query AccountTenantUsers($id: ID!) {\n    account(id: $id) {\n      id\n      tenantUsers {\n        ...TenantUserRow\n      }\n    }\n  }\n": types.AccountTenantUsersDocument,
    "\n  query AccountBindings($id: ID!) {\n    account(id: $id) {\n      id\n      bindingCode\n      bindings {\n        id\n        phone\n        wechat\n        via\n        createdAt\n      }\n    }\n  }\n": types.AccountBindingsDocument,
    "\n  mutation ResetTenantPassword($input: ResetTenantPasswordInput!) {\n    resetTenantPassword(input: $input) {\n      ...TenantUserRow\n    }\n  }\n": types.ResetTenantPasswordDocument,
    "\n  mutation SetTenantUserDisabled($id: ID!, $disabled: Boolean!) {\n    setTenantUserDisabled(id: $id, disabled: $disabled) {\n      ...TenantUserRow\n    }\n  }\n": types.SetTenantUserDisabledDocument,
    "\n  mutation RevokeBinding($id: ID!) {\n    revokeBinding(id: $id) {\n      id\n    }\n  }\n": types.RevokeBindingDocument,
    "\n  query AlarmsPage($filter: AlarmFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    alarms(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        kind\n        message\n        raisedAt\n        clearedAt\n        meter {\n          id\n          address\n          room\n        }\n        gateway {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n": types.AlarmsPageDocument,
    "\n  subscription AlarmsPageLive {\n    alarmRaised {\n      id\n      clearedAt\n    }\n  }\n": types.AlarmsPageLiveDocument,
    "\n  query ApiKeysPage($first: Int, $after: String, $last: Int, $before: String) {\n    apiKeys(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        name\n        prefix\n        scopes\n        createdBy\n        createdAt\n        revokedAt\n        lastUsedAt\n      }\n    }\n  }\n": types.ApiKeysPageDocument,
    "\n  mutation CreateApiKey($name: String!, $scopes: [Permission!]!) {\n    createApiKey(name: $name, scopes: $scopes) {\n      apiKey {\n        id\n        name\n      }\n      secret\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  query ApportionGroups {\n    apportionGroups {\n      id\n      name\n      method\n      site {\n        id\n        name\n      }\n    }\n  }\n": types.ApportionGroupsDocument,
    "\n  query ApportionGroup($id: ID!) {\n    apportionGroup(id: $id) {\n      id\n      name\n      method\n      includeLineLoss\n      updatedAt\n      site {\n        id\n        name\n      }\n      tariff {\n        id\n        name\n      }\n      sources {\n        role\n        meter {\n          id\n          address\n          channel\n          room\n        }\n      }\n      members {\n        areaM2x100\n        shareBp\n        account {\n          id\n          no\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n": types.ApportionGroupDocument,
    "\n  query ApportionRuns($groupId: ID!) {\n    apportionRuns(groupId: $groupId) {\n      id\n      month\n      commonWh\n      lineLossWh\n      totalWh\n      price\n      totalFen\n      note\n      createdAt\n    }\n  }\n": types.ApportionRunsDocument,
    "\n  query ApportionRun($id: ID!) {\n    apportionRun(id: $id) {\n      id\n      groupId\n      month\n      periodStart\n      periodEnd\n      commonWh\n      lineLossWh\n      totalWh\n      price\n      totalFen\n      note\n      createdAt\n    }\n  }\n": types.ApportionRunDocument,
    "\n  query ApportionGroupMethod($id: ID!) {\n    apportionGroup(id: $id) {\n      id\n      name\n      method\n    }\n  }\n": types.ApportionGroupMethodDocument,
    "\n  query ApportionShares($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    apportionRun(id: $id) {\n      id\n      shares(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n        nodes {\n          weight\n          energyWh\n          amountFen\n          note\n          account {\n            id\n            no\n            tenantName\n            shopNo\n          }\n        }\n      }\n    }\n  }\n": types.ApportionSharesDocument,
    "\n  mutation RunApportionment($groupId: ID!, $month: String!) {\n    runApportionment(groupId: $groupId, month: $month) {\n      id\n      month\n      totalFen\n    }\n  }\n": types.RunApportionmentDocument,
    "\n  mutation CreateApportionGroup($input: ApportionGroupInput!) {\n    createApportionGroup(input: $input) {\n      id\n    }\n  }\n": types.CreateApportionGroupDocument,
    "\n  mutation UpdateApportionGroup($id: ID!, $input: ApportionGroupInput!) {\n    updateApportionGroup(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateApportionGroupDocument,
    "\n  query ApportionAccountChoices($siteId: ID, $search: String) {\n    accounts(filter: { siteId: $siteId, search: $search, status: open }, first: 20) {\n      nodes {\n        id\n        no\n        tenantName\n        shopNo\n      }\n    }\n  }\n": types.ApportionAccountChoicesDocument,
    "\n  query ApportionMeterChoices($siteId: ID, $search: String) {\n    meters(filter: { siteId: $siteId, search: $search }, first: 20) {\n      nodes {\n        id\n        address\n        channel\n        room\n      }\n    }\n  }\n": types.ApportionMeterChoicesDocument,
    "\n  query AuditPage($filter: AuditFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    auditLog(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        at\n        actorKind\n        actorName\n        operation\n        args\n        ip\n        result\n        message\n        durationMs\n      }\n    }\n  }\n": types.AuditPageDocument,
    "\n  query Dashboard {\n    meterStatusCounts {\n      status\n      count\n      online\n    }\n    gateways(first: 0) {\n      totalCount\n    }\n    gatewaysOffline: gateways(filter: { online: false }, first: 0) {\n      totalCount\n    }\n    alarms(filter: { active: true }, first: 8) {\n      totalCount\n      nodes {\n        id\n        kind\n        message\n        raisedAt\n        meter {\n          id\n          address\n          room\n        }\n        gateway {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n": types.DashboardDocument,
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
    "\n  query DeskTakings($operatorId: ID!, $from: Time!, $to: Time!) {\n    salesSummary(operatorId: $operatorId, from: $from, to: $to) {\n      totalFen\n      count\n      byChannel {\n        channel\n        amountFen\n        count\n      }\n      byType {\n        type\n        amountFen\n        count\n      }\n    }\n  }\n": types.DeskTakingsDocument,
    "\n  query EnergyBuildings {\n    sites {\n      id\n      name\n    }\n    buildings(first: 100) {\n      nodes {\n        id\n        name\n        site {\n          name\n        }\n      }\n    }\n  }\n": types.EnergyBuildingsDocument,
    "\n  query EnergyMeters($filter: MeterFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    meters(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        address\n        channel\n        room\n        floor\n        ctRatio\n        lastEnergyWh\n        lastReadAt\n        building {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n        latestReading {\n          readAt\n          energyWh\n          sharpWh\n          peakWh\n          flatWh\n          valleyWh\n          powerW\n        }\n      }\n    }\n  }\n": types.EnergyMetersDocument,
    "\n  query EnergyTrend($scope: EnergyScope!, $id: ID!, $from: Time!, $to: Time!, $interval: EnergyInterval!) {\n    energyUsage(scope: $scope, id: $id, from: $from, to: $to, interval: $interval) {\n      start\n      energyWh\n      amountFen\n      sharpWh\n      peakWh\n      flatWh\n      valleyWh\n    }\n  }\n": types.EnergyTrendDocument,
    "\n  query MetersConsole($filter: MeterFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    meters(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        address\n        channel\n        floor\n        room\n        model\n        online\n        relay\n        controlMode\n        displayStatus\n        lastEnergyWh\n        lastReadAt\n        building {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n": types.MetersConsoleDocument,
    "\n  query MeterPlaces {\n    sites {\n      id\n      name\n    }\n    buildings(first: 1000) {\n      nodes {\n        id\n        name\n        site {\n          id\n        }\n      }\n    }\n  }\n": types.MeterPlacesDocument,
    "\n  query BuildingMeterCount($buildingId: ID!) {\n    meters(filter: { buildingId: $buildingId, status: active }, first: 0) {\n      totalCount\n    }\n  }\n": types.BuildingMeterCountDocument,
    "\n  mutation ControlMetersBatch($input: ControlMetersInput!) {\n    controlMeters(input: $input) {\n      batchKey\n      results {\n        meterId\n        meter {\n          id\n          address\n          room\n        }\n        command {\n          id\n          state\n          lastError\n        }\n        error\n        code\n      }\n    }\n  }\n": types.ControlMetersBatchDocument,
    "\n  mutation ReadMetersNow($meterIds: [ID!], $buildingId: ID) {\n    readMeters(meterIds: $meterIds, buildingId: $buildingId) {\n      readings {\n        meter {\n          id\n        }\n      }\n      errors\n    }\n  }\n": types.ReadMetersNowDocument,
    "\n  subscription MetersCommandProgress($batchKey: String) {\n    commandProgress(batchKey: $batchKey) {\n      id\n      state\n      lastError\n      attempts\n      meter {\n        id\n      }\n    }\n  }\n": types.MetersCommandProgressDocument,
    "\n  query MeterDetail($id: ID!) {\n    meter(id: $id) {\n      id\n      address\n      channel\n      model\n      phases\n      protocol\n      floor\n      room\n      ctRatio\n      prepaidMode\n      relay\n      controlMode\n      online\n      displayStatus\n      lastEnergyWh\n      lastReadAt\n      balanceFen\n      building {\n        id\n        name\n      }\n      gateway {\n        id\n        name\n      }\n      tariff {\n        id\n        name\n      }\n      account {\n        id\n        tenantName\n        shopNo\n        balanceFen\n      }\n      latestReading {\n        readAt\n        energyWh\n        sharpWh\n        peakWh\n        flatWh\n        valleyWh\n        reverseWh\n        voltageDv\n        currentMa\n        powerW\n        powerFactorMilli\n        frequencyChz\n        relay\n      }\n      commands(first: 10) {\n        totalCount\n        nodes {\n          id\n          kind\n          state\n          attempts\n          lastError\n          createdBy\n          createdAt\n          doneAt\n        }\n      }\n      activeAlarms {\n        id\n        kind\n        message\n        raisedAt\n      }\n    }\n  }\n": types.MeterDetailDocument,
    "\n  query BatchCommands($kind: CommandKind!, $first: Int!) {\n    commands(filter: { kind: $kind }, first: $first) {\n      nodes {\n        id\n        state\n        lastError\n      }\n    }\n  }\n": types.BatchCommandsDocument,
    "\n  query NotificationsPage($filter: NotificationFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    notifications(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        ...NotificationRow\n      }\n    }\n  }\n": types.NotificationsPageDocument,
    "\n  fragment NotificationRow on Notification {\n    id\n    accountId\n    kind\n    channel\n    recipient\n    text\n    state\n    attempts\n    nextAttemptAt\n    lastError\n    createdAt\n    sentAt\n    deliveredAt\n  }\n": types.NotificationRowFragmentDoc,
    "\n  mutation RetryNotification($id: ID!) {\n    retryNotification(id: $id) {\n      ...NotificationRow\n    }\n  }\n": types.RetryNotificationDocument,
    "\n  query SmsStatus {\n    smsStatus {\n      driver\n      state\n      registration\n      signal\n      signalDbm\n      lastError\n      errorAt\n      sent\n    }\n  }\n": types.SmsStatusDocument,
    "\n  query NotificationTemplates {\n    sites {\n      id\n      name\n      notificationTemplates {\n        kind\n        text\n        custom\n        updatedBy\n        updatedAt\n      }\n      quietHours {\n        start\n        end\n      }\n    }\n  }\n": types.NotificationTemplatesDocument,
    "\n  mutation SetNotificationTemplate($siteId: ID!, $kind: NotificationKind!, $text: String!) {\n    setNotificationTemplate(siteId: $siteId, kind: $kind, text: $text) {\n      kind\n      text\n      custom\n    }\n  }\n": types.SetNotificationTemplateDocument,
    "\n  query PreviewNotificationTemplate($kind: NotificationKind!, $text: String!) {\n    previewNotificationTemplate(kind: $kind, text: $text)\n  }\n": types.PreviewNotificationTemplateDocument,
    "\n  mutation SetQuietHours($siteId: ID!, $start: String!, $end: String!) {\n    setQuietHours(siteId: $siteId, start: $start, end: $end) {\n      start\n      end\n    }\n  }\n": types.SetQuietHoursDocument,
    "\n  query AccountNotifications($id: ID!) {\n    account(id: $id) {\n      id\n      notificationSettings {\n        sms\n        wechat\n      }\n      notifications(first: 20) {\n        totalCount\n        nodes {\n          ...NotificationRow\n        }\n      }\n    }\n  }\n": types.AccountNotificationsDocument,
    "\n  mutation SetAccountNotificationSettings($accountId: ID!, $sms: Boolean, $wechat: Boolean) {\n    setNotificationSettings(accountId: $accountId, sms: $sms, wechat: $wechat) {\n      sms\n      wechat\n    }\n  }\n": types.SetAccountNotificationSettingsDocument,
    "\n  query OperatorsPage($first: Int, $after: String, $last: Int, $before: String) {\n    operators(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        username\n        displayName\n        role\n        disabled\n        createdAt\n        lastLoginAt\n      }\n    }\n  }\n": types.OperatorsPageDocument,
    "\n  mutation CreateOperator($input: OperatorInput!) {\n    createOperator(input: $input) {\n      id\n    }\n  }\n": types.CreateOperatorDocument,
    "\n  mutation UpdateOperator($id: ID!, $input: OperatorInput!) {\n    updateOperator(id: $id, input: $input) {\n      id\n      role\n      disabled\n      displayName\n    }\n  }\n": types.UpdateOperatorDocument,
    "\n  query OperatorRoles {\n    roles {\n      role\n      permissions\n    }\n  }\n": types.OperatorRolesDocument,
    "\n  query OrdersPage($filter: RechargeOrderFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    rechargeOrders(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        outTradeNo\n        account {\n          id\n          no\n          tenantName\n          shopNo\n          balanceFen\n        }\n        channel\n        method\n        amountFen\n        state\n        transactionId\n        refundedFen\n        flag\n        createdAt\n        paidAt\n        refunds {\n          id\n          outRefundNo\n          amountFen\n          reason\n          state\n          actor\n          flag\n          createdAt\n          settledAt\n        }\n      }\n    }\n  }\n": types.OrdersPageDocument,
    "\n  mutation RefundRechargeOrder($input: RefundRechargeOrderInput!) {\n    refundRechargeOrder(input: $input) {\n      id\n      state\n      amountFen\n    }\n  }\n": types.RefundRechargeOrderDocument,
    "\n  subscription OrdersPageLive {\n    balanceChanged {\n      order {\n        id\n      }\n    }\n  }\n": types.OrdersPageLiveDocument,
    "\n  query AlarmStatsPage($filter: AlarmStatsFilter!) {\n    alarmStats(filter: $filter) {\n      byKind {\n        kind\n        raised\n        stillOpen\n        meanSeconds\n        longestSeconds\n        openNow\n      }\n      days {\n        day\n        kind\n        raised\n      }\n      topMeters {\n        id\n        label\n        count\n        totalSeconds\n      }\n      topAccounts {\n        id\n        label\n        count\n        totalSeconds\n      }\n    }\n  }\n": types.AlarmStatsPageDocument,
    "\n  query ArrearsReportPage($filter: ArrearsFilter) {\n    arrearsReport(filter: $filter) {\n      count\n      debtFen\n      balanceFen\n      byBuilding {\n        buildingId\n        buildingName\n        count\n        debtFen\n      }\n      rows {\n        accountId\n        accountNo\n        tenantName\n        shopNo\n        phone\n        balanceFen\n        debtFen\n        level\n        since\n        buildingName\n        lastPaymentAt\n        lastPaymentFen\n        meters {\n          meterId\n          address\n          room\n          relay\n          online\n        }\n      }\n    }\n  }\n": types.ArrearsReportPageDocument,
    "\n  query ChargesReport($filter: ChargesReportFilter!) {\n    chargesReport(filter: $filter) {\n      periods {\n        start\n        chargesFen\n        chargeCount\n        feesFen\n        feeCount\n        correctionsFen\n        correctionCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n      total {\n        chargesFen\n        chargeCount\n        feesFen\n        feeCount\n        correctionsFen\n        correctionCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n      topAccounts {\n        accountId\n        accountNo\n        tenantName\n        chargesFen\n        chargeCount\n        feesFen\n        feeCount\n        correctionsFen\n        correctionCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n    }\n    buildings(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": types.ChargesReportDocument,
    "\n  query EnergyReportSites {\n    sites {\n      id\n      name\n    }\n    buildings(first: 100) {\n      nodes {\n        id\n        name\n        site {\n          id\n        }\n      }\n    }\n  }\n": types.EnergyReportSitesDocument,
    "\n  query EnergyReport(\n    $siteId: ID!\n    $buildingId: ID\n    $groupBy: EnergyReportGroup!\n    $from: Date!\n    $to: Date!\n    $offset: Int\n    $first: Int\n  ) {\n    energyReport(\n      siteId: $siteId\n      buildingId: $buildingId\n      groupBy: $groupBy\n      from: $from\n      to: $to\n      offset: $offset\n      first: $first\n    ) {\n      totalRows\n      rows {\n        ...EnergyReportRowFields\n      }\n      total {\n        ...EnergyReportRowFields\n      }\n    }\n  }\n  fragment EnergyReportRowFields on EnergyReportRow {\n    id\n    name\n    meters\n    energyWh\n    sharpWh\n    peakWh\n    flatWh\n    valleyWh\n    chargedWh\n    amountFen\n  }\n": types.EnergyReportDocument,
    "\n  query OfflineSummaryPage($filter: OfflineFilter!) {\n    offlineSummary(filter: $filter) {\n      meters\n      offline\n      gateways\n      byBuilding {\n        buildingId\n        buildingName\n        meters\n        offline\n      }\n      offlineGateways {\n        gatewayId\n        name\n        buildingName\n        host\n        port\n        since\n        lastSeenAt\n        offlineSeconds\n        meters\n      }\n    }\n  }\n": types.OfflineSummaryPageDocument,
    "\n  query OfflineMetersPage($filter: OfflineFilter!, $first: Int, $after: String, $last: Int, $before: String) {\n    offlineMeters(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        meterId\n        address\n        channel\n        buildingName\n        floor\n        room\n        gatewayId\n        gatewayName\n        gatewayOnline\n        since\n        lastReadAt\n        offlineSeconds\n      }\n    }\n  }\n": types.OfflineMetersPageDocument,
    "\n  query SalesReport($filter: SalesReportFilter!) {\n    salesReport(filter: $filter) {\n      periods {\n        start\n        byChannel {\n          channel\n          netFen\n        }\n        total {\n          salesFen\n          salesCount\n          refundsFen\n          refundCount\n          reversalsFen\n          reversalCount\n          netFen\n        }\n      }\n      byChannel {\n        channel\n        salesFen\n        salesCount\n        refundsFen\n        refundCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n      byOperator {\n        operatorId\n        name\n        salesFen\n        salesCount\n        refundsFen\n        refundCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n      total {\n        salesFen\n        salesCount\n        refundsFen\n        refundCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n    }\n  }\n": types.SalesReportDocument,
    "\n  query DailySettlement($filter: SettlementFilter!) {\n    dailySettlement(filter: $filter) {\n      day\n      cashiers {\n        operatorId\n        name\n        byChannel {\n          channel\n          salesFen\n          salesCount\n          refundsFen\n          refundCount\n          reversalsFen\n          reversalCount\n          netFen\n        }\n        total {\n          salesFen\n          salesCount\n          refundsFen\n          refundCount\n          reversalsFen\n          reversalCount\n          netFen\n        }\n      }\n      byChannel {\n        channel\n        salesFen\n        salesCount\n        refundsFen\n        refundCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n      total {\n        salesFen\n        salesCount\n        refundsFen\n        refundCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n    }\n  }\n": types.DailySettlementDocument,
    "\n  query MeterSnapshotPage($filter: MeterSnapshotFilter!, $first: Int, $after: String, $last: Int, $before: String) {\n    meterSnapshot(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        meterId\n        address\n        channel\n        buildingName\n        floor\n        room\n        accountNo\n        tenantName\n        energyWh\n        sharpWh\n        peakWh\n        flatWh\n        valleyWh\n        reverseWh\n        balanceFen\n        meterBalanceFen\n        relay\n        displayStatus\n        online\n        lastReadAt\n      }\n    }\n  }\n": types.MeterSnapshotPageDocument,
    "\n  query StatementGroups($siteId: ID) {\n    apportionGroups(siteId: $siteId) {\n      id\n      name\n    }\n  }\n": types.StatementGroupsDocument,
    "\n  query StatementRuns($groupId: ID!) {\n    apportionRuns(groupId: $groupId) {\n      id\n      month\n    }\n  }\n": types.StatementRunsDocument,
    "\n  query ApportionStatementPage($runId: ID!) {\n    apportionStatement(runId: $runId) {\n      groupName\n      method\n      weightTotal\n      ledgerFen\n      reversedFen\n      reconciled\n      run {\n        id\n        month\n        commonWh\n        lineLossWh\n        totalWh\n        price\n        totalFen\n        note\n      }\n      sources {\n        meterId\n        address\n        room\n        role\n        energyWh\n      }\n      lines {\n        accountId\n        accountNo\n        tenantName\n        weight\n        shareBp\n        energyWh\n        amountFen\n        entryId\n        entryFen\n        reversedFen\n        note\n        reconciled\n      }\n    }\n  }\n": types.ApportionStatementPageDocument,
    "\n  query ReportSites {\n    sites {\n      id\n      name\n    }\n  }\n": types.ReportSitesDocument,
    "\n  fragment ScheduleFields on ControlSchedule {\n    id\n    name\n    action\n    atMinute\n    weekdays\n    enabled\n    meterIds\n    createdAt\n    site {\n      id\n      name\n    }\n    building {\n      id\n      name\n    }\n  }\n": types.ScheduleFieldsFragmentDoc,
    "\n  query ControlSchedules($siteId: ID) {\n    controlSchedules(siteId: $siteId) {\n      ...ScheduleFields\n    }\n    sites {\n      id\n      name\n    }\n  }\n": types.ControlSchedulesDocument,
    "\n  query ScheduleBuildings($siteId: ID!) {\n    buildings(filter: { siteId: $siteId }, first: 1000) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": types.ScheduleBuildingsDocument,
    "\n  query ScheduleMeters($filter: MeterFilter) {\n    meters(filter: $filter, first: 30) {\n      nodes {\n        id\n        address\n        room\n      }\n    }\n  }\n": types.ScheduleMetersDocument,
    "\n  mutation CreateControlSchedule($input: ControlScheduleInput!) {\n    createControlSchedule(input: $input) {\n      ...ScheduleFields\n    }\n  }\n": types.CreateControlScheduleDocument,
    "\n  mutation UpdateControlSchedule($id: ID!, $input: ControlScheduleInput!) {\n    updateControlSchedule(id: $id, input: $input) {\n      ...ScheduleFields\n    }\n  }\n": types.UpdateControlScheduleDocument,
    "\n  mutation DeleteControlSchedule($id: ID!) {\n    deleteControlSchedule(id: $id)\n  }\n": types.DeleteControlScheduleDocument,
    "\n  query ReceiptLayouts {\n    sites {\n      id\n      receiptLayout {\n        title\n        footer\n        fields\n        logoPng\n        publicUrl\n      }\n    }\n  }\n": types.ReceiptLayoutsDocument,
    "\n  mutation SetReceiptLayout($siteId: ID!, $layout: ReceiptLayoutInput!) {\n    setReceiptLayout(siteId: $siteId, layout: $layout) {\n      id\n    }\n  }\n": types.SetReceiptLayoutDocument,
    "\n  query SettingsSites {\n    sites {\n      id\n      name\n      code\n      timezone\n      gridPrice\n      markupCapPct\n      serviceFeeBp\n      serviceFeeOn\n      graceFen\n      graceMinutes\n      friendlyNightFrom\n      friendlyNightTo\n      friendlyWeekends\n      friendlyHolidays\n      officePhone\n    }\n  }\n": types.SettingsSitesDocument,
    "\n  mutation UpdateSiteSettings($id: ID!, $input: SiteInput!) {\n    updateSite(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateSiteSettingsDocument,
    "\n  query Buildings($filter: BuildingFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    buildings(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        name\n        floors\n        createdAt\n        site {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.BuildingsDocument,
    "\n  mutation CreateBuilding($input: BuildingInput!) {\n    createBuilding(input: $input) {\n      id\n    }\n  }\n": types.CreateBuildingDocument,
    "\n  mutation UpdateBuilding($id: ID!, $input: BuildingInput!) {\n    updateBuilding(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateBuildingDocument,
    "\n  query Gateways($filter: GatewayFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    gateways(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        name\n        endpoint\n        protocol\n        pollIntervalSeconds\n        online\n        lastSeenAt\n        createdAt\n        site {\n          id\n          name\n        }\n        building {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.GatewaysDocument,
    "\n  mutation CreateGateway($input: GatewayInput!) {\n    createGateway(input: $input) {\n      id\n    }\n  }\n": types.CreateGatewayDocument,
    "\n  mutation UpdateGateway($id: ID!, $input: GatewayInput!) {\n    updateGateway(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateGatewayDocument,
    "\n  query MeterRegistry($filter: MeterFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    meters(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        address\n        channel\n        protocol\n        model\n        phases\n        ctRatio\n        floor\n        room\n        direct\n        site {\n          id\n          name\n        }\n        building {\n          id\n          name\n        }\n        gateway {\n          id\n          name\n        }\n        tariff {\n          id\n          name\n        }\n        account {\n          id\n          no\n          tenantName\n        }\n      }\n    }\n  }\n": types.MeterRegistryDocument,
    "\n  mutation CreateMeter($input: MeterInput!) {\n    createMeter(input: $input) {\n      id\n    }\n  }\n": types.CreateMeterDocument,
    "\n  mutation UpdateMeter($id: ID!, $input: MeterInput!) {\n    updateMeter(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateMeterDocument,
    "\n  query BuildingOptions($siteId: ID) {\n    buildings(filter: { siteId: $siteId }, first: 1000) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": types.BuildingOptionsDocument,
    "\n  query GatewayOptions($siteId: ID, $buildingId: ID) {\n    gateways(filter: { siteId: $siteId, buildingId: $buildingId }, first: 1000) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": types.GatewayOptionsDocument,
    "\n  query TariffOptions($siteId: ID) {\n    tariffs(filter: { siteId: $siteId }, first: 1000) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": types.TariffOptionsDocument,
    "\n  query Sites {\n    sites {\n      id\n      name\n      code\n      timezone\n      markupCapPct\n      serviceFeeBp\n      createdAt\n    }\n  }\n": types.SitesDocument,
    "\n  mutation CreateSite($input: SiteInput!) {\n    createSite(input: $input) {\n      id\n    }\n  }\n": types.CreateSiteDocument,
    "\n  mutation UpdateSite($id: ID!, $input: SiteInput!) {\n    updateSite(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateSiteDocument,
    "\n  query SitePicker {\n    sites {\n      id\n      name\n      code\n      timezone\n    }\n  }\n": types.SitePickerDocument,
    "\n  query TariffSites {\n    sites {\n      id\n      name\n      gridPrice\n      markupCapPct\n      serviceFeeBp\n      serviceFeeOn\n    }\n  }\n": types.TariffSitesDocument,
    "\n  fragment TariffFields on Tariff {\n    id\n    name\n    kind\n    site {\n      id\n      name\n    }\n    prices {\n      rate\n      price\n    }\n    periods {\n      start\n      rate\n    }\n    variants {\n      months\n      weekdays\n      periods {\n        start\n        rate\n      }\n    }\n    tiers {\n      upToWh\n      price\n    }\n    billingPeriod\n    updatedAt\n  }\n": types.TariffFieldsFragmentDoc,
    "\n  query Tariffs($filter: TariffFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    tariffs(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        ...TariffFields\n      }\n    }\n  }\n": types.TariffsDocument,
    "\n  query Tariff($id: ID!) {\n    tariff(id: $id) {\n      ...TariffFields\n    }\n  }\n": types.TariffDocument,
    "\n  mutation CreateTariff($input: TariffInput!) {\n    createTariff(input: $input) {\n      ...TariffFields\n    }\n  }\n": types.CreateTariffDocument,
    "\n  mutation UpdateTariff($id: ID!, $input: TariffInput!) {\n    updateTariff(id: $id, input: $input) {\n      ...TariffFields\n    }\n  }\n": types.UpdateTariffDocument,
    "\n  query AssignBuildings($siteId: ID!) {\n    buildings(filter: { siteId: $siteId }, first: 1000) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": types.AssignBuildingsDocument,
    "\n  query AssignMeters($filter: MeterFilter, $first: Int, $after: String) {\n    meters(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        address\n        room\n        floor\n        building {\n          id\n          name\n        }\n        tariff {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.AssignMetersDocument,
    "\n  mutation SetMetersTariff($meterIds: [ID!]!, $tariffId: ID!) {\n    setMetersTariff(meterIds: $meterIds, tariffId: $tariffId) {\n      id\n      tariff {\n        id\n        name\n      }\n    }\n  }\n": types.SetMetersTariffDocument,
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
export function graphql(source: "\n  query AccountStatementCard($accountId: ID!, $month: String!) {\n    accountStatement(accountId: $accountId, month: $month) {\n      month\n      openingFen\n      closingFen\n      byType {\n        type\n        amountFen\n        count\n      }\n      purchases {\n        channel\n        amountFen\n        count\n      }\n      charges {\n        meterId\n        address\n        rate\n        tier\n        energyWh\n        amountFen\n      }\n      unsplitChargeFen\n      pdfUrl\n    }\n  }\n"): typeof import('./graphql').AccountStatementCardDocument;
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
export function graphql(source: "\n  fragment TenantUserRow on TenantUser {\n    id\n    phone\n    disabled\n    createdAt\n    lastLoginAt\n  }\n"): typeof import('./graphql').TenantUserRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountTenantUsers($id: ID!) {\n    account(id: $id) {\n      id\n      tenantUsers {\n        ...TenantUserRow\n      }\n    }\n  }\n"): typeof import('./graphql').AccountTenantUsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountBindings($id: ID!) {\n    account(id: $id) {\n      id\n      bindingCode\n      bindings {\n        id\n        phone\n        wechat\n        via\n        createdAt\n      }\n    }\n  }\n"): typeof import('./graphql').AccountBindingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetTenantPassword($input: ResetTenantPasswordInput!) {\n    resetTenantPassword(input: $input) {\n      ...TenantUserRow\n    }\n  }\n"): typeof import('./graphql').ResetTenantPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTenantUserDisabled($id: ID!, $disabled: Boolean!) {\n    setTenantUserDisabled(id: $id, disabled: $disabled) {\n      ...TenantUserRow\n    }\n  }\n"): typeof import('./graphql').SetTenantUserDisabledDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeBinding($id: ID!) {\n    revokeBinding(id: $id) {\n      id\n    }\n  }\n"): typeof import('./graphql').RevokeBindingDocument;
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
export function graphql(source: "\n  query ApportionGroups {\n    apportionGroups {\n      id\n      name\n      method\n      site {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').ApportionGroupsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApportionGroup($id: ID!) {\n    apportionGroup(id: $id) {\n      id\n      name\n      method\n      includeLineLoss\n      updatedAt\n      site {\n        id\n        name\n      }\n      tariff {\n        id\n        name\n      }\n      sources {\n        role\n        meter {\n          id\n          address\n          channel\n          room\n        }\n      }\n      members {\n        areaM2x100\n        shareBp\n        account {\n          id\n          no\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ApportionGroupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApportionRuns($groupId: ID!) {\n    apportionRuns(groupId: $groupId) {\n      id\n      month\n      commonWh\n      lineLossWh\n      totalWh\n      price\n      totalFen\n      note\n      createdAt\n    }\n  }\n"): typeof import('./graphql').ApportionRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApportionRun($id: ID!) {\n    apportionRun(id: $id) {\n      id\n      groupId\n      month\n      periodStart\n      periodEnd\n      commonWh\n      lineLossWh\n      totalWh\n      price\n      totalFen\n      note\n      createdAt\n    }\n  }\n"): typeof import('./graphql').ApportionRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApportionGroupMethod($id: ID!) {\n    apportionGroup(id: $id) {\n      id\n      name\n      method\n    }\n  }\n"): typeof import('./graphql').ApportionGroupMethodDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApportionShares($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    apportionRun(id: $id) {\n      id\n      shares(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n        nodes {\n          weight\n          energyWh\n          amountFen\n          note\n          account {\n            id\n            no\n            tenantName\n            shopNo\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ApportionSharesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunApportionment($groupId: ID!, $month: String!) {\n    runApportionment(groupId: $groupId, month: $month) {\n      id\n      month\n      totalFen\n    }\n  }\n"): typeof import('./graphql').RunApportionmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApportionGroup($input: ApportionGroupInput!) {\n    createApportionGroup(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').CreateApportionGroupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateApportionGroup($id: ID!, $input: ApportionGroupInput!) {\n    updateApportionGroup(id: $id, input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').UpdateApportionGroupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApportionAccountChoices($siteId: ID, $search: String) {\n    accounts(filter: { siteId: $siteId, search: $search, status: open }, first: 20) {\n      nodes {\n        id\n        no\n        tenantName\n        shopNo\n      }\n    }\n  }\n"): typeof import('./graphql').ApportionAccountChoicesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApportionMeterChoices($siteId: ID, $search: String) {\n    meters(filter: { siteId: $siteId, search: $search }, first: 20) {\n      nodes {\n        id\n        address\n        channel\n        room\n      }\n    }\n  }\n"): typeof import('./graphql').ApportionMeterChoicesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditPage($filter: AuditFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    auditLog(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        at\n        actorKind\n        actorName\n        operation\n        args\n        ip\n        result\n        message\n        durationMs\n      }\n    }\n  }\n"): typeof import('./graphql').AuditPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard {\n    meterStatusCounts {\n      status\n      count\n      online\n    }\n    gateways(first: 0) {\n      totalCount\n    }\n    gatewaysOffline: gateways(filter: { online: false }, first: 0) {\n      totalCount\n    }\n    alarms(filter: { active: true }, first: 8) {\n      totalCount\n      nodes {\n        id\n        kind\n        message\n        raisedAt\n        meter {\n          id\n          address\n          room\n        }\n        gateway {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardDocument;
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
export function graphql(source: "\n  query DeskTakings($operatorId: ID!, $from: Time!, $to: Time!) {\n    salesSummary(operatorId: $operatorId, from: $from, to: $to) {\n      totalFen\n      count\n      byChannel {\n        channel\n        amountFen\n        count\n      }\n      byType {\n        type\n        amountFen\n        count\n      }\n    }\n  }\n"): typeof import('./graphql').DeskTakingsDocument;
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
export function graphql(source: "\n  query MetersConsole($filter: MeterFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    meters(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        address\n        channel\n        floor\n        room\n        model\n        online\n        relay\n        controlMode\n        displayStatus\n        lastEnergyWh\n        lastReadAt\n        building {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').MetersConsoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MeterPlaces {\n    sites {\n      id\n      name\n    }\n    buildings(first: 1000) {\n      nodes {\n        id\n        name\n        site {\n          id\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').MeterPlacesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BuildingMeterCount($buildingId: ID!) {\n    meters(filter: { buildingId: $buildingId, status: active }, first: 0) {\n      totalCount\n    }\n  }\n"): typeof import('./graphql').BuildingMeterCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ControlMetersBatch($input: ControlMetersInput!) {\n    controlMeters(input: $input) {\n      batchKey\n      results {\n        meterId\n        meter {\n          id\n          address\n          room\n        }\n        command {\n          id\n          state\n          lastError\n        }\n        error\n        code\n      }\n    }\n  }\n"): typeof import('./graphql').ControlMetersBatchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReadMetersNow($meterIds: [ID!], $buildingId: ID) {\n    readMeters(meterIds: $meterIds, buildingId: $buildingId) {\n      readings {\n        meter {\n          id\n        }\n      }\n      errors\n    }\n  }\n"): typeof import('./graphql').ReadMetersNowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MetersCommandProgress($batchKey: String) {\n    commandProgress(batchKey: $batchKey) {\n      id\n      state\n      lastError\n      attempts\n      meter {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').MetersCommandProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MeterDetail($id: ID!) {\n    meter(id: $id) {\n      id\n      address\n      channel\n      model\n      phases\n      protocol\n      floor\n      room\n      ctRatio\n      prepaidMode\n      relay\n      controlMode\n      online\n      displayStatus\n      lastEnergyWh\n      lastReadAt\n      balanceFen\n      building {\n        id\n        name\n      }\n      gateway {\n        id\n        name\n      }\n      tariff {\n        id\n        name\n      }\n      account {\n        id\n        tenantName\n        shopNo\n        balanceFen\n      }\n      latestReading {\n        readAt\n        energyWh\n        sharpWh\n        peakWh\n        flatWh\n        valleyWh\n        reverseWh\n        voltageDv\n        currentMa\n        powerW\n        powerFactorMilli\n        frequencyChz\n        relay\n      }\n      commands(first: 10) {\n        totalCount\n        nodes {\n          id\n          kind\n          state\n          attempts\n          lastError\n          createdBy\n          createdAt\n          doneAt\n        }\n      }\n      activeAlarms {\n        id\n        kind\n        message\n        raisedAt\n      }\n    }\n  }\n"): typeof import('./graphql').MeterDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BatchCommands($kind: CommandKind!, $first: Int!) {\n    commands(filter: { kind: $kind }, first: $first) {\n      nodes {\n        id\n        state\n        lastError\n      }\n    }\n  }\n"): typeof import('./graphql').BatchCommandsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationsPage($filter: NotificationFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    notifications(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        ...NotificationRow\n      }\n    }\n  }\n"): typeof import('./graphql').NotificationsPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NotificationRow on Notification {\n    id\n    accountId\n    kind\n    channel\n    recipient\n    text\n    state\n    attempts\n    nextAttemptAt\n    lastError\n    createdAt\n    sentAt\n    deliveredAt\n  }\n"): typeof import('./graphql').NotificationRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryNotification($id: ID!) {\n    retryNotification(id: $id) {\n      ...NotificationRow\n    }\n  }\n"): typeof import('./graphql').RetryNotificationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SmsStatus {\n    smsStatus {\n      driver\n      state\n      registration\n      signal\n      signalDbm\n      lastError\n      errorAt\n      sent\n    }\n  }\n"): typeof import('./graphql').SmsStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationTemplates {\n    sites {\n      id\n      name\n      notificationTemplates {\n        kind\n        text\n        custom\n        updatedBy\n        updatedAt\n      }\n      quietHours {\n        start\n        end\n      }\n    }\n  }\n"): typeof import('./graphql').NotificationTemplatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetNotificationTemplate($siteId: ID!, $kind: NotificationKind!, $text: String!) {\n    setNotificationTemplate(siteId: $siteId, kind: $kind, text: $text) {\n      kind\n      text\n      custom\n    }\n  }\n"): typeof import('./graphql').SetNotificationTemplateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewNotificationTemplate($kind: NotificationKind!, $text: String!) {\n    previewNotificationTemplate(kind: $kind, text: $text)\n  }\n"): typeof import('./graphql').PreviewNotificationTemplateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetQuietHours($siteId: ID!, $start: String!, $end: String!) {\n    setQuietHours(siteId: $siteId, start: $start, end: $end) {\n      start\n      end\n    }\n  }\n"): typeof import('./graphql').SetQuietHoursDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountNotifications($id: ID!) {\n    account(id: $id) {\n      id\n      notificationSettings {\n        sms\n        wechat\n      }\n      notifications(first: 20) {\n        totalCount\n        nodes {\n          ...NotificationRow\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').AccountNotificationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAccountNotificationSettings($accountId: ID!, $sms: Boolean, $wechat: Boolean) {\n    setNotificationSettings(accountId: $accountId, sms: $sms, wechat: $wechat) {\n      sms\n      wechat\n    }\n  }\n"): typeof import('./graphql').SetAccountNotificationSettingsDocument;
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
export function graphql(source: "\n  query OperatorRoles {\n    roles {\n      role\n      permissions\n    }\n  }\n"): typeof import('./graphql').OperatorRolesDocument;
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
export function graphql(source: "\n  query AlarmStatsPage($filter: AlarmStatsFilter!) {\n    alarmStats(filter: $filter) {\n      byKind {\n        kind\n        raised\n        stillOpen\n        meanSeconds\n        longestSeconds\n        openNow\n      }\n      days {\n        day\n        kind\n        raised\n      }\n      topMeters {\n        id\n        label\n        count\n        totalSeconds\n      }\n      topAccounts {\n        id\n        label\n        count\n        totalSeconds\n      }\n    }\n  }\n"): typeof import('./graphql').AlarmStatsPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ArrearsReportPage($filter: ArrearsFilter) {\n    arrearsReport(filter: $filter) {\n      count\n      debtFen\n      balanceFen\n      byBuilding {\n        buildingId\n        buildingName\n        count\n        debtFen\n      }\n      rows {\n        accountId\n        accountNo\n        tenantName\n        shopNo\n        phone\n        balanceFen\n        debtFen\n        level\n        since\n        buildingName\n        lastPaymentAt\n        lastPaymentFen\n        meters {\n          meterId\n          address\n          room\n          relay\n          online\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ArrearsReportPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChargesReport($filter: ChargesReportFilter!) {\n    chargesReport(filter: $filter) {\n      periods {\n        start\n        chargesFen\n        chargeCount\n        feesFen\n        feeCount\n        correctionsFen\n        correctionCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n      total {\n        chargesFen\n        chargeCount\n        feesFen\n        feeCount\n        correctionsFen\n        correctionCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n      topAccounts {\n        accountId\n        accountNo\n        tenantName\n        chargesFen\n        chargeCount\n        feesFen\n        feeCount\n        correctionsFen\n        correctionCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n    }\n    buildings(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').ChargesReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnergyReportSites {\n    sites {\n      id\n      name\n    }\n    buildings(first: 100) {\n      nodes {\n        id\n        name\n        site {\n          id\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').EnergyReportSitesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnergyReport(\n    $siteId: ID!\n    $buildingId: ID\n    $groupBy: EnergyReportGroup!\n    $from: Date!\n    $to: Date!\n    $offset: Int\n    $first: Int\n  ) {\n    energyReport(\n      siteId: $siteId\n      buildingId: $buildingId\n      groupBy: $groupBy\n      from: $from\n      to: $to\n      offset: $offset\n      first: $first\n    ) {\n      totalRows\n      rows {\n        ...EnergyReportRowFields\n      }\n      total {\n        ...EnergyReportRowFields\n      }\n    }\n  }\n  fragment EnergyReportRowFields on EnergyReportRow {\n    id\n    name\n    meters\n    energyWh\n    sharpWh\n    peakWh\n    flatWh\n    valleyWh\n    chargedWh\n    amountFen\n  }\n"): typeof import('./graphql').EnergyReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OfflineSummaryPage($filter: OfflineFilter!) {\n    offlineSummary(filter: $filter) {\n      meters\n      offline\n      gateways\n      byBuilding {\n        buildingId\n        buildingName\n        meters\n        offline\n      }\n      offlineGateways {\n        gatewayId\n        name\n        buildingName\n        host\n        port\n        since\n        lastSeenAt\n        offlineSeconds\n        meters\n      }\n    }\n  }\n"): typeof import('./graphql').OfflineSummaryPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OfflineMetersPage($filter: OfflineFilter!, $first: Int, $after: String, $last: Int, $before: String) {\n    offlineMeters(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        meterId\n        address\n        channel\n        buildingName\n        floor\n        room\n        gatewayId\n        gatewayName\n        gatewayOnline\n        since\n        lastReadAt\n        offlineSeconds\n      }\n    }\n  }\n"): typeof import('./graphql').OfflineMetersPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SalesReport($filter: SalesReportFilter!) {\n    salesReport(filter: $filter) {\n      periods {\n        start\n        byChannel {\n          channel\n          netFen\n        }\n        total {\n          salesFen\n          salesCount\n          refundsFen\n          refundCount\n          reversalsFen\n          reversalCount\n          netFen\n        }\n      }\n      byChannel {\n        channel\n        salesFen\n        salesCount\n        refundsFen\n        refundCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n      byOperator {\n        operatorId\n        name\n        salesFen\n        salesCount\n        refundsFen\n        refundCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n      total {\n        salesFen\n        salesCount\n        refundsFen\n        refundCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n    }\n  }\n"): typeof import('./graphql').SalesReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DailySettlement($filter: SettlementFilter!) {\n    dailySettlement(filter: $filter) {\n      day\n      cashiers {\n        operatorId\n        name\n        byChannel {\n          channel\n          salesFen\n          salesCount\n          refundsFen\n          refundCount\n          reversalsFen\n          reversalCount\n          netFen\n        }\n        total {\n          salesFen\n          salesCount\n          refundsFen\n          refundCount\n          reversalsFen\n          reversalCount\n          netFen\n        }\n      }\n      byChannel {\n        channel\n        salesFen\n        salesCount\n        refundsFen\n        refundCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n      total {\n        salesFen\n        salesCount\n        refundsFen\n        refundCount\n        reversalsFen\n        reversalCount\n        netFen\n      }\n    }\n  }\n"): typeof import('./graphql').DailySettlementDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MeterSnapshotPage($filter: MeterSnapshotFilter!, $first: Int, $after: String, $last: Int, $before: String) {\n    meterSnapshot(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        meterId\n        address\n        channel\n        buildingName\n        floor\n        room\n        accountNo\n        tenantName\n        energyWh\n        sharpWh\n        peakWh\n        flatWh\n        valleyWh\n        reverseWh\n        balanceFen\n        meterBalanceFen\n        relay\n        displayStatus\n        online\n        lastReadAt\n      }\n    }\n  }\n"): typeof import('./graphql').MeterSnapshotPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StatementGroups($siteId: ID) {\n    apportionGroups(siteId: $siteId) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').StatementGroupsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StatementRuns($groupId: ID!) {\n    apportionRuns(groupId: $groupId) {\n      id\n      month\n    }\n  }\n"): typeof import('./graphql').StatementRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApportionStatementPage($runId: ID!) {\n    apportionStatement(runId: $runId) {\n      groupName\n      method\n      weightTotal\n      ledgerFen\n      reversedFen\n      reconciled\n      run {\n        id\n        month\n        commonWh\n        lineLossWh\n        totalWh\n        price\n        totalFen\n        note\n      }\n      sources {\n        meterId\n        address\n        room\n        role\n        energyWh\n      }\n      lines {\n        accountId\n        accountNo\n        tenantName\n        weight\n        shareBp\n        energyWh\n        amountFen\n        entryId\n        entryFen\n        reversedFen\n        note\n        reconciled\n      }\n    }\n  }\n"): typeof import('./graphql').ApportionStatementPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportSites {\n    sites {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ReportSitesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ScheduleFields on ControlSchedule {\n    id\n    name\n    action\n    atMinute\n    weekdays\n    enabled\n    meterIds\n    createdAt\n    site {\n      id\n      name\n    }\n    building {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ScheduleFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ControlSchedules($siteId: ID) {\n    controlSchedules(siteId: $siteId) {\n      ...ScheduleFields\n    }\n    sites {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ControlSchedulesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScheduleBuildings($siteId: ID!) {\n    buildings(filter: { siteId: $siteId }, first: 1000) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').ScheduleBuildingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScheduleMeters($filter: MeterFilter) {\n    meters(filter: $filter, first: 30) {\n      nodes {\n        id\n        address\n        room\n      }\n    }\n  }\n"): typeof import('./graphql').ScheduleMetersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateControlSchedule($input: ControlScheduleInput!) {\n    createControlSchedule(input: $input) {\n      ...ScheduleFields\n    }\n  }\n"): typeof import('./graphql').CreateControlScheduleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateControlSchedule($id: ID!, $input: ControlScheduleInput!) {\n    updateControlSchedule(id: $id, input: $input) {\n      ...ScheduleFields\n    }\n  }\n"): typeof import('./graphql').UpdateControlScheduleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteControlSchedule($id: ID!) {\n    deleteControlSchedule(id: $id)\n  }\n"): typeof import('./graphql').DeleteControlScheduleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReceiptLayouts {\n    sites {\n      id\n      receiptLayout {\n        title\n        footer\n        fields\n        logoPng\n        publicUrl\n      }\n    }\n  }\n"): typeof import('./graphql').ReceiptLayoutsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetReceiptLayout($siteId: ID!, $layout: ReceiptLayoutInput!) {\n    setReceiptLayout(siteId: $siteId, layout: $layout) {\n      id\n    }\n  }\n"): typeof import('./graphql').SetReceiptLayoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SettingsSites {\n    sites {\n      id\n      name\n      code\n      timezone\n      gridPrice\n      markupCapPct\n      serviceFeeBp\n      serviceFeeOn\n      graceFen\n      graceMinutes\n      friendlyNightFrom\n      friendlyNightTo\n      friendlyWeekends\n      friendlyHolidays\n      officePhone\n    }\n  }\n"): typeof import('./graphql').SettingsSitesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSiteSettings($id: ID!, $input: SiteInput!) {\n    updateSite(id: $id, input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').UpdateSiteSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Buildings($filter: BuildingFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    buildings(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        name\n        floors\n        createdAt\n        site {\n          id\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').BuildingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBuilding($input: BuildingInput!) {\n    createBuilding(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').CreateBuildingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateBuilding($id: ID!, $input: BuildingInput!) {\n    updateBuilding(id: $id, input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').UpdateBuildingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Gateways($filter: GatewayFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    gateways(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        name\n        endpoint\n        protocol\n        pollIntervalSeconds\n        online\n        lastSeenAt\n        createdAt\n        site {\n          id\n          name\n        }\n        building {\n          id\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').GatewaysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateGateway($input: GatewayInput!) {\n    createGateway(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').CreateGatewayDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateGateway($id: ID!, $input: GatewayInput!) {\n    updateGateway(id: $id, input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').UpdateGatewayDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MeterRegistry($filter: MeterFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    meters(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        address\n        channel\n        protocol\n        model\n        phases\n        ctRatio\n        floor\n        room\n        direct\n        site {\n          id\n          name\n        }\n        building {\n          id\n          name\n        }\n        gateway {\n          id\n          name\n        }\n        tariff {\n          id\n          name\n        }\n        account {\n          id\n          no\n          tenantName\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').MeterRegistryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateMeter($input: MeterInput!) {\n    createMeter(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').CreateMeterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMeter($id: ID!, $input: MeterInput!) {\n    updateMeter(id: $id, input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').UpdateMeterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BuildingOptions($siteId: ID) {\n    buildings(filter: { siteId: $siteId }, first: 1000) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').BuildingOptionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GatewayOptions($siteId: ID, $buildingId: ID) {\n    gateways(filter: { siteId: $siteId, buildingId: $buildingId }, first: 1000) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').GatewayOptionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TariffOptions($siteId: ID) {\n    tariffs(filter: { siteId: $siteId }, first: 1000) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').TariffOptionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Sites {\n    sites {\n      id\n      name\n      code\n      timezone\n      markupCapPct\n      serviceFeeBp\n      createdAt\n    }\n  }\n"): typeof import('./graphql').SitesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSite($input: SiteInput!) {\n    createSite(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').CreateSiteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSite($id: ID!, $input: SiteInput!) {\n    updateSite(id: $id, input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').UpdateSiteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SitePicker {\n    sites {\n      id\n      name\n      code\n      timezone\n    }\n  }\n"): typeof import('./graphql').SitePickerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TariffSites {\n    sites {\n      id\n      name\n      gridPrice\n      markupCapPct\n      serviceFeeBp\n      serviceFeeOn\n    }\n  }\n"): typeof import('./graphql').TariffSitesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TariffFields on Tariff {\n    id\n    name\n    kind\n    site {\n      id\n      name\n    }\n    prices {\n      rate\n      price\n    }\n    periods {\n      start\n      rate\n    }\n    variants {\n      months\n      weekdays\n      periods {\n        start\n        rate\n      }\n    }\n    tiers {\n      upToWh\n      price\n    }\n    billingPeriod\n    updatedAt\n  }\n"): typeof import('./graphql').TariffFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Tariffs($filter: TariffFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    tariffs(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        ...TariffFields\n      }\n    }\n  }\n"): typeof import('./graphql').TariffsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Tariff($id: ID!) {\n    tariff(id: $id) {\n      ...TariffFields\n    }\n  }\n"): typeof import('./graphql').TariffDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTariff($input: TariffInput!) {\n    createTariff(input: $input) {\n      ...TariffFields\n    }\n  }\n"): typeof import('./graphql').CreateTariffDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateTariff($id: ID!, $input: TariffInput!) {\n    updateTariff(id: $id, input: $input) {\n      ...TariffFields\n    }\n  }\n"): typeof import('./graphql').UpdateTariffDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssignBuildings($siteId: ID!) {\n    buildings(filter: { siteId: $siteId }, first: 1000) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').AssignBuildingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssignMeters($filter: MeterFilter, $first: Int, $after: String) {\n    meters(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        address\n        room\n        floor\n        building {\n          id\n          name\n        }\n        tariff {\n          id\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').AssignMetersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetMetersTariff($meterIds: [ID!]!, $tariffId: ID!) {\n    setMetersTariff(meterIds: $meterIds, tariffId: $tariffId) {\n      id\n      tariff {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').SetMetersTariffDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
