import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { Tabs } from '@nutui/nutui-react-taro'
import { graphql } from '../../gql'
import { EnergyInterval } from '../../gql/graphql'
import { useTitle } from '../../components/LanguageSwitch'
import { PageState } from '../../components/State'
import { fill, useMessages } from '../../i18n'
import { kwh, yuan } from '../../lib/money'
import { dayStart, label, monthStart } from '../../lib/time'
import { useQuery } from '../../lib/useQuery'
import './index.scss'

// Daily (30 days) and monthly (12 months) energy and cost of the tenant's account. The bars are
// plain views sized in percent: no chart library, no canvas, the same in H5 and the
// mini-program, and nothing added to the bundle.
const accountQuery = graphql(`query TenantAccountId { me { account { id } } }`)

const usageQuery = graphql(`
  query TenantUsage($id: ID!, $from: Time!, $to: Time!, $interval: EnergyInterval!) {
    energyUsage(scope: account, id: $id, from: $from, to: $to, interval: $interval) { start energyWh amountFen }
  }
`)

function Bars({ id, by }: { id: string; by: 'day' | 'month' }) {
  const m = useMessages()
  const [now] = useState(() => new Date())
  const from = by === 'day' ? new Date(dayStart(now).getTime() - 29 * 86400_000) : monthStart(now, -11)
  const q = useQuery(usageQuery, {
    id,
    from: from.toISOString(),
    to: now.toISOString(),
    interval: by === 'day' ? EnergyInterval.Day : EnergyInterval.Month,
  })
  const points = q.data?.energyUsage
  if (!points) return <PageState loading={q.loading} error={q.error ?? (q.data ? new Error(m.usage.empty) : undefined)} retry={q.reload} />
  const max = Math.max(1, ...points.map((p) => p.energyWh))
  const total = points.reduce((s, p) => ({ wh: s.wh + p.energyWh, fen: s.fen + p.amountFen }), { wh: 0, fen: 0 })
  return (
    <View className="chart-card" data-chart={by}>
      <View className="muted">{fill(m.usage.total, { kwh: kwh(total.wh), cost: yuan(total.fen) })}</View>
      {total.wh === 0 ? <View className="state">{m.usage.empty}</View> : null}
      <View className="bars" style={{ display: total.wh === 0 ? 'none' : 'flex' }}>
        {points.map((p, i) => (
          <View key={p.start} className="bar-slot">
            <View className="bar" style={{ height: `${Math.round((p.energyWh / max) * 100)}%` }} />
            <Text className="bar-label">{by === 'month' || i % 5 === 4 || i === points.length - 1 ? label(p.start, by).slice(by === 'day' ? 0 : 2) : ''}</Text>
          </View>
        ))}
      </View>
      <View className="bar-list">
        {points
          .slice()
          .reverse()
          .filter((p) => p.energyWh > 0)
          .slice(0, by === 'day' ? 7 : 12)
          .map((p) => (
            <View key={p.start} className="kv row">
              <Text>{label(p.start, by)}</Text>
              <Text>
                {kwh(p.energyWh)} {m.usage.unit} · ¥{yuan(p.amountFen)}
              </Text>
            </View>
          ))}
      </View>
    </View>
  )
}

export default function UsagePage() {
  const m = useMessages()
  useTitle(m.usage.title)
  const [tab, setTab] = useState<string | number>('day')
  const acc = useQuery(accountQuery, {})
  const id = acc.data?.me.account?.id
  return (
    <View className="page usage">
      {!id ? (
        <PageState loading={acc.loading} error={acc.error} retry={acc.reload} />
      ) : (
        <View className="card">
          <Tabs value={tab} onChange={setTab}>
            <Tabs.TabPane title={m.usage.daily} value="day">
              {tab === 'day' ? <Bars id={id} by="day" /> : null}
            </Tabs.TabPane>
            <Tabs.TabPane title={m.usage.monthly} value="month">
              {tab === 'month' ? <Bars id={id} by="month" /> : null}
            </Tabs.TabPane>
          </Tabs>
        </View>
      )}
    </View>
  )
}
