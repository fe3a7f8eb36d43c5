import { graphql } from '../../gql';

export const notificationsQuery = graphql(`
  query NotificationsPage($filter: NotificationFilter, $first: Int, $after: String, $last: Int, $before: String) {
    notifications(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        ...NotificationRow
      }
    }
  }
`);

export const notificationRow = graphql(`
  fragment NotificationRow on Notification {
    id
    accountId
    kind
    channel
    recipient
    text
    state
    attempts
    nextAttemptAt
    lastError
    createdAt
    sentAt
    deliveredAt
  }
`);

export const retryNotification = graphql(`
  mutation RetryNotification($id: ID!) {
    retryNotification(id: $id) {
      ...NotificationRow
    }
  }
`);

export const smsStatusQuery = graphql(`
  query SmsStatus {
    smsStatus {
      driver
      state
      registration
      signal
      signalDbm
      lastError
      errorAt
      sent
    }
  }
`);

export const templatesQuery = graphql(`
  query NotificationTemplates {
    sites {
      id
      name
      notificationTemplates {
        kind
        text
        custom
        updatedBy
        updatedAt
      }
      quietHours {
        start
        end
      }
    }
  }
`);

export const setTemplate = graphql(`
  mutation SetNotificationTemplate($siteId: ID!, $kind: NotificationKind!, $text: String!) {
    setNotificationTemplate(siteId: $siteId, kind: $kind, text: $text) {
      kind
      text
      custom
    }
  }
`);

export const previewTemplate = graphql(`
  query PreviewNotificationTemplate($kind: NotificationKind!, $text: String!) {
    previewNotificationTemplate(kind: $kind, text: $text)
  }
`);

export const setQuietHours = graphql(`
  mutation SetQuietHours($siteId: ID!, $start: String!, $end: String!) {
    setQuietHours(siteId: $siteId, start: $start, end: $end) {
      start
      end
    }
  }
`);

export const accountNotificationsQuery = graphql(`
  query AccountNotifications($id: ID!) {
    account(id: $id) {
      id
      notificationSettings {
        sms
        wechat
      }
      notifications(first: 20) {
        totalCount
        nodes {
          ...NotificationRow
        }
      }
    }
  }
`);

export const setAccountNotificationSettings = graphql(`
  mutation SetAccountNotificationSettings($accountId: ID!, $sms: Boolean, $wechat: Boolean) {
    setNotificationSettings(accountId: $accountId, sms: $sms, wechat: $wechat) {
      sms
      wechat
    }
  }
`);
