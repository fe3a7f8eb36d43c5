import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import { Button, Input } from '@nutui/nutui-react-taro'
import { graphql } from '../../gql'
import { Channel, RechargeOrderState } from '../../gql/graphql'
import { request } from '../../api/client'
import { useSubscription } from '../../api/live'
import { pay, payMethod, pendingOrderKey } from '../../api/pay'
import { useTitle } from '../../components/LanguageSwitch'
import { PageState, useErrorText } from '../../components/State'
import { fill, useMessages } from '../../i18n'
import { fenOf, yuan } from '../../lib/money'
import { useQuery } from '../../lib/useQuery'
import { balanceSubscription } from '../home/index'
import './index.scss'

const rechargeQuery = graphql(`
  query TenantRecharge {
    me { account { id balanceFen } }
    paymentChannels { channel available methods reason }
  }
`)

const orderQuery = graphql(`
  query TenantRechargeOrder($id: ID!) {
    rechargeOrder(id: $id) { id outTradeNo state amountFen }
  }
`)

const presets = [5000, 10000, 20000, 50000]

/** A fresh idempotency key for one intent to pay (amount and channel). */
function newKey(): string {
  return `tapp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
}

type Order = { id: string; outTradeNo: string; state: string; amountFen: number }

export default function RechargePage() {
  const m = useMessages()
  useTitle(m.recharge.title)
  const errorText = useErrorText()
  const router = useRouter()
  const base = useQuery(rechargeQuery, {})
  const account = base.data?.me.account
  const [balance, setBalance] = useState<number>()
  const [preset, setPreset] = useState<number | null>(5000)
  const [custom, setCustom] = useState('')
  const [channel, setChannel] = useState<Channel>(Channel.Wechat)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [order, setOrder] = useState<Order>()
  const amountFen = preset ?? fenOf(custom)
  const key = useMemo(newKey, [amountFen, channel])

  // Back from the provider (H5), or a payment left open: watch the order the server knows.
  const pendingId = (Taro.getStorageSync(pendingOrderKey) as string) || ''
  const checkOrder = async (id: string) => {
    try {
      const { rechargeOrder } = await request(orderQuery, { id })
      if (rechargeOrder) setOrder(rechargeOrder)
      if (rechargeOrder && rechargeOrder.state !== RechargeOrderState.Pending) Taro.removeStorageSync(pendingOrderKey)
    } catch {
      // The page stays pending; the next event or check tries again.
    }
  }
  useEffect(() => {
    if (pendingId && (router.params.paid || !order)) checkOrder(pendingId)
  }, [])
  const waiting = order?.state === RechargeOrderState.Pending
  useEffect(() => {
    if (!waiting || !order) return
    const t = setInterval(() => checkOrder(order.id), 10_000)
    return () => clearInterval(t)
  }, [waiting, order?.id])
  useSubscription(balanceSubscription, account ? { accountId: account.id } : null, (d) => {
    setBalance(d.balanceChanged.account.balanceFen)
    const o = d.balanceChanged.order
    if (o && order && o.id === order.id) {
      setOrder({ ...order, state: o.state })
      if (o.state !== RechargeOrderState.Pending) Taro.removeStorageSync(pendingOrderKey)
    }
  })

  if (!account) {
    return (
      <View className="page">
        <PageState loading={base.loading} error={base.error} retry={base.reload} />
      </View>
    )
  }
  const shownBalance = balance ?? account.balanceFen
  const channels = (base.data?.paymentChannels ?? []).filter((c) => c.methods.includes(payMethod))
  const chosen = channels.find((c) => c.channel === channel)

  if (order) {
    const paid = order.state === RechargeOrderState.Paid || order.state === RechargeOrderState.Refunded
    return (
      <View className="page recharge">
        <View className="card result" data-state={order.state}>
          <Text className={`result-icon ${paid ? 'ok' : waiting ? 'wait' : 'closed'}`}>{paid ? '✓' : waiting ? '…' : '×'}</Text>
          <View className="result-title">{paid ? fill(m.recharge.paid, { v: yuan(order.amountFen) }) : waiting ? m.recharge.pending : m.recharge.closed}</View>
          {waiting ? <View className="muted">{m.recharge.pendingHint}</View> : null}
          <View className="result-balance" data-testid="recharge-balance">
            {fill(m.recharge.balanceNow, { v: yuan(shownBalance) })}
          </View>
          <View className="muted">{fill(m.recharge.order, { no: order.outTradeNo })}</View>
        </View>
        {!waiting ? (
          <View className="result-actions">
            <Button block type="primary" onClick={() => setOrder(undefined)}>
              {m.recharge.again}
            </Button>
            <Button block onClick={() => Taro.reLaunch({ url: '/pages/home/index' })}>
              {m.recharge.home}
            </Button>
          </View>
        ) : null}
      </View>
    )
  }

  const submit = async () => {
    if (!amountFen) return setError(m.recharge.badAmount)
    if (!chosen?.available) return setError(fill(m.recharge.unavailable, { reason: chosen?.reason ?? '-' }))
    setError('')
    setBusy(true)
    try {
      const o = await pay({ accountId: account.id, amountFen, channel, idempotencyKey: key })
      setOrder({ id: o.id, outTradeNo: o.outTradeNo, state: RechargeOrderState.Pending, amountFen })
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="page recharge">
      <View className="card">
        <View className="muted">{fill(m.recharge.balanceNow, { v: yuan(shownBalance) })}</View>
      </View>
      <View className="card">
        <View className="card-title">{m.recharge.amount}</View>
        <View className="presets">
          {presets.map((p) => (
            <View key={p} className={`preset ${preset === p ? 'active' : ''}`} data-amount={p / 100} onClick={() => setPreset(p)}>
              ¥{p / 100}
            </View>
          ))}
        </View>
        <View className={`custom ${preset === null ? 'active' : ''}`} onClick={() => setPreset(null)}>
          <Text>{m.recharge.custom}</Text>
          <Input type="digit" value={custom} placeholder={m.recharge.customPlaceholder} onChange={(v) => (setPreset(null), setCustom(v))} name="custom" />
        </View>
      </View>
      <View className="card">
        <View className="card-title">{m.recharge.channel}</View>
        {channels.map((c) => (
          <View key={c.channel} className={`channel row ${channel === c.channel ? 'active' : ''}`} data-channel={c.channel} onClick={() => setChannel(c.channel)}>
            <Text>{c.channel === Channel.Wechat ? m.recharge.wechat : m.recharge.alipay}</Text>
            <Text className="muted">{c.available ? (channel === c.channel ? '●' : '○') : fill(m.recharge.unavailable, { reason: c.reason })}</Text>
          </View>
        ))}
      </View>
      {error ? (
        <View className="recharge-error" role="alert">
          {error}
        </View>
      ) : null}
      <Button className="pay-button" type="primary" block loading={busy} disabled={!amountFen} onClick={submit}>
        {fill(m.recharge.pay, { v: amountFen ? yuan(amountFen) : '0.00' })}
      </Button>
    </View>
  )
}
