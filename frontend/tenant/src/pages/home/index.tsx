import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Button, Tag } from '@nutui/nutui-react-taro'
import { graphql } from '../../gql'
import { RelayState } from '../../gql/graphql'
import { logout } from '../../api/auth'
import { closeLive, useSubscription } from '../../api/live'
import { AccountList } from '../../components/Accounts'
import { LanguageSwitch, useTitle } from '../../components/LanguageSwitch'
import { PageState } from '../../components/State'
import { fill, useMessages } from '../../i18n'
import { kwh, yuan } from '../../lib/money'
import { balanceLevel, levelColour, levelText, relayText } from '../../lib/status'
import { dayStart, monthStart } from '../../lib/time'
import { useQuery } from '../../lib/useQuery'
import './index.scss'

const homeQuery = graphql(`
  query TenantHome {
    me {
      account {
        id
        no
        tenantName
        shopNo
        balanceFen
        alarm1Fen
        alarm2Fen
        balanceMode
        site { name }
        meters { id room floor address channel relay online balanceFen }
      }
    }
  }
`)

const usageQuery = graphql(`
  query TenantUsageToday($id: ID!, $today: Time!, $month: Time!, $now: Time!) {
    today: energyUsage(scope: account, id: $id, from: $today, to: $now, interval: day) { energyWh amountFen }
    month: energyUsage(scope: account, id: $id, from: $month, to: $now, interval: month) { energyWh amountFen }
  }
`)

export const balanceSubscription = graphql(`
  subscription TenantBalance($accountId: ID!) {
    balanceChanged(accountId: $accountId) {
      account { id balanceFen }
      order { id state amountFen }
      entry { id amountFen }
    }
  }
`)

function sum(points: { energyWh: number; amountFen: number }[] | null | undefined) {
  return (points ?? []).reduce((s, p) => ({ wh: s.wh + p.energyWh, fen: s.fen + p.amountFen }), { wh: 0, fen: 0 })
}

export default function HomePage() {
  const m = useMessages()
  useTitle(m.app.title)
  const home = useQuery(homeQuery, {})
  const account = home.data?.me.account
  // One "now" per visit: a new one each render would change the query and fetch forever.
  const [now] = useState(() => new Date())
  const usage = useQuery(
    usageQuery,
    account ? { id: account.id, today: dayStart(now).toISOString(), month: monthStart(now).toISOString(), now: now.toISOString() } : null,
  )
  useDidShow(() => {
    if (home.data) home.reload()
  })
  useSubscription(balanceSubscription, account ? { accountId: account.id } : null, (d) => {
    home.setData((prev) => (prev?.me.account ? { me: { account: { ...prev.me.account, balanceFen: d.balanceChanged.account.balanceFen } } } : prev))
    // Relays close after a recharge and per-meter balances move: read them again shortly.
    setTimeout(() => home.reload(), 1500)
  })

  // A person bound to no account (new to the app, or who unbound their last) binds one first.
  const unbound = !!home.data && !account
  useEffect(() => {
    if (unbound) Taro.reLaunch({ url: '/pages/bind/index' })
  }, [unbound])

  if (!account) {
    return (
      <View className="page">
        <PageState loading={home.loading} error={home.error} retry={home.reload} />
      </View>
    )
  }
  const level = balanceLevel(account)
  const today = sum(usage.data?.today)
  const month = sum(usage.data?.month)
  const go = (page: string) => () => Taro.navigateTo({ url: `/pages/${page}/index` })
  const signOut = async () => {
    closeLive()
    await logout().catch(() => {})
    Taro.reLaunch({ url: '/pages/login/index' })
  }

  return (
    <View className="page home">
      <View className="row home-top">
        <Text className="home-site">{account.site.name}</Text>
        <LanguageSwitch />
      </View>
      <View className="balance-card" style={{ background: levelColour[level] }} data-level={level}>
        <View className="row">
          <Text className="balance-label">{m.home.balance}</Text>
          <Text className="balance-live">● {m.home.live}</Text>
        </View>
        <View className="balance-value" data-testid="balance">
          {yuan(account.balanceFen)}
        </View>
        <View className="balance-status">{levelText(m, level)}</View>
        <View className="balance-who">
          {fill(m.home.shop, { name: account.tenantName, shop: account.shopNo || '-' })} · {fill(m.home.account, { no: account.no })}
        </View>
        <Button className="balance-recharge" fill="outline" color="#fff" onClick={go('recharge')}>
          {m.home.recharge}
        </Button>
      </View>

      <AccountList />

      <View className="card row usage-row">
        <View className="usage-cell">
          <Text className="muted">{m.home.today}</Text>
          <Text className="usage-kwh">{fill(m.home.kwh, { v: kwh(today.wh) })}</Text>
          <Text className="muted">{fill(m.home.cost, { v: yuan(today.fen) })}</Text>
        </View>
        <View className="usage-cell">
          <Text className="muted">{m.home.month}</Text>
          <Text className="usage-kwh">{fill(m.home.kwh, { v: kwh(month.wh) })}</Text>
          <Text className="muted">{fill(m.home.cost, { v: yuan(month.fen) })}</Text>
        </View>
      </View>

      <View className="card nav-grid">
        {(
          [
            ['records', m.home.records, '账'],
            ['usage', m.home.usage, '电'],
            ['alarms', m.home.alarms, '警'],
            ['settings', m.home.settings, '铃'],
            ['help', m.home.help, '助'],
          ] as const
        ).map(([page, label, icon]) => (
          <View key={page} className="nav-item" onClick={go(page)} data-nav={page}>
            <Text className={`nav-icon nav-${page}`}>{icon}</Text>
            <Text>{label}</Text>
          </View>
        ))}
      </View>

      <View className="card">
        <View className="card-title">{m.home.meters}</View>
        {account.balanceMode === 'per_meter' ? <View className="muted">{m.home.perMeter}</View> : null}
        {account.meters.length === 0 ? <View className="muted">{m.home.noMeters}</View> : null}
        {account.meters.map((meter) => (
          <View key={meter.id} className="meter row">
            <View className="meter-name">
              <Text>{[meter.floor, meter.room].filter(Boolean).join(' ') || meter.address}</Text>
              <Text className="muted">
                {meter.address}
                {meter.channel ? `-${meter.channel}` : ''}
                {meter.balanceFen !== null && meter.balanceFen !== undefined ? ` · ${fill(m.home.meterBalance, { v: yuan(meter.balanceFen) })}` : ''}
              </Text>
            </View>
            <View className="meter-tags">
              {!meter.online ? <Tag type="default">{m.home.offline}</Tag> : null}
              <Tag type={meter.relay === RelayState.Closed ? 'success' : meter.relay === RelayState.Open ? 'danger' : 'default'}>
                {relayText(m, meter.relay)}
              </Tag>
            </View>
          </View>
        ))}
      </View>
      <View className="logout" onClick={signOut}>
        {m.home.logout}
      </View>
    </View>
  )
}
