import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { graphql } from '../../gql'
import { request } from '../../api/client'
import { useTitle } from '../../components/LanguageSwitch'
import { PageState, useErrorText } from '../../components/State'
import { fill, useMessages } from '../../i18n'
import { yuan } from '../../lib/money'
import { openStatement, recentMonths } from '../../lib/statement'
import { dateTime } from '../../lib/time'
import { useQuery } from '../../lib/useQuery'

// Purchases, refunds and charges, newest first, 20 a page ("load more" follows the cursor).
const recordsQuery = graphql(`
  query TenantRecords($after: String) {
    me {
      account {
        id
        entries(first: 20, after: $after) {
          nodes { id type channel amountFen balanceAfterFen createdAt receiptNo meter { address channel } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`)

type Entry = NonNullable<NonNullable<Awaited<ReturnType<typeof load>>['me']['account']>>['entries']['nodes'][number]
const load = (after: string | null) => request(recordsQuery, { after })

export default function RecordsPage() {
  const m = useMessages()
  useTitle(m.records.title)
  const errorText = useErrorText()
  const first = useQuery(recordsQuery, { after: null })
  const [more, setMore] = useState<Entry[]>([])
  const [cursor, setCursor] = useState<{ hasNextPage: boolean; endCursor?: string | null }>()
  const [moreError, setMoreError] = useState('')
  const [busy, setBusy] = useState(false)
  const page = first.data?.me.account?.entries
  if (!page) {
    return (
      <View className="page">
        <PageState loading={first.loading} error={first.error} retry={first.reload} />
      </View>
    )
  }
  const info = cursor ?? page.pageInfo
  const entries = [...page.nodes, ...more]
  const loadMore = async () => {
    setBusy(true)
    try {
      const d = await load(info.endCursor ?? null)
      const next = d.me.account?.entries
      if (next) {
        setMore((prev) => [...prev, ...next.nodes])
        setCursor(next.pageInfo)
      }
      setMoreError('')
    } catch (e) {
      setMoreError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  const accountId = first.data?.me.account?.id
  const statement = async (month: string) => {
    if (!accountId) return
    try {
      await openStatement(accountId, month)
    } catch {
      Taro.showToast({ title: m.records.statementFailed, icon: 'none' })
    }
  }

  return (
    <View className="page records">
      <View className="card statements" data-testid="statements">
        <Text className="record-type">{m.records.statement}</Text>
        {recentMonths().map((month) => (
          <Button key={month} size="small" className="statement-link" onClick={() => statement(month)}>
            {fill(m.records.statementOf, { month })}
          </Button>
        ))}
      </View>
      {entries.length === 0 ? <View className="state">{m.records.empty}</View> : null}
      {entries.length ? (
        <View className="card">
          {entries.map((e) => (
            <View key={e.id} className="record row" data-type={e.type} onClick={() => Taro.navigateTo({ url: `/pages/receipt/index?id=${e.id}` })}>
              <View className="record-left">
                <Text className="record-type">
                  {m.records.types[e.type] ?? e.type}
                  {e.channel ? ` · ${m.receipt.channels[e.channel] ?? e.channel}` : ''}
                </Text>
                <Text className="muted">{dateTime(e.createdAt)}</Text>
              </View>
              <View className="record-right">
                <Text className={e.amountFen > 0 ? 'amount-pos record-amount' : 'amount-neg record-amount'}>
                  {e.amountFen > 0 ? '+' : ''}
                  {yuan(e.amountFen)}
                </Text>
                <Text className="muted">{fill(m.records.balanceAfter, { v: yuan(e.balanceAfterFen) })}</Text>
              </View>
            </View>
          ))}
        </View>
      ) : null}
      {moreError ? (
        <View className="state-error muted" role="alert">
          {moreError}
        </View>
      ) : null}
      {info.hasNextPage ? (
        <Button block loading={busy} onClick={loadMore}>
          {m.records.more}
        </Button>
      ) : entries.length ? (
        <View className="muted records-end">{m.records.end}</View>
      ) : null}
    </View>
  )
}
