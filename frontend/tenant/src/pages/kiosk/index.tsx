import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { graphql } from '../../gql'
import { Channel, PayMethod } from '../../gql/graphql'
import { ApiError, onSessionLost, request } from '../../api/client'
import { logout } from '../../api/auth'
import { closeLive, useSubscription } from '../../api/live'
import { useTitle } from '../../components/LanguageSwitch'
import { getLanguage, setLanguage, fill, useMessages } from '../../i18n'
import { kwh, yuan } from '../../lib/money'
import { balanceLevel, levelColour, levelText, relayText } from '../../lib/status'
import { monthStart } from '../../lib/time'
import { QRCode } from './QRCode'
import { useIdle, warnSeconds } from './useIdle'
import './index.scss'

// The office kiosk (用户查询机), H5 only: a touch screen at the property office, 1080×1920.
// start → lookup (shop number + check) → the account → amount and channel → a QR code to scan
// → done. Everything a tenant saw lives in this page's state only: a reset (exit, done, 60 s
// untouched, a lost session) ends the server's kiosk session and clears it, and the inputs
// are plain inputs with autocomplete off, so the next person finds nothing of the last one.

const signInMutation = graphql(`
  mutation KioskSignIn($device: String!, $shop: String!, $check: String!) {
    kioskSignIn(device: $device, shop: $shop, check: $check) { expiresAt }
  }
`)

const accountQuery = graphql(`
  query KioskAccount {
    me {
      kiosk
      account {
        id no tenantName shopNo balanceFen alarm1Fen alarm2Fen
        site { name }
        meters { id room floor address channel relay online }
      }
    }
    paymentChannels { channel available methods }
  }
`)

const usageQuery = graphql(`
  query KioskUsage($id: ID!, $month: Time!, $now: Time!) {
    energyUsage(scope: account, id: $id, from: $month, to: $now, interval: month) { energyWh amountFen }
  }
`)

const orderMutation = graphql(`
  mutation KioskCreateOrder($input: CreateRechargeOrderInput!) {
    createRechargeOrder(input: $input) { id amountFen state pay { codeUrl } }
  }
`)

const balanceSubscription = graphql(`
  subscription KioskBalance($accountId: ID!) {
    balanceChanged(accountId: $accountId) {
      account { id balanceFen }
      order { id state amountFen }
    }
  }
`)

type Account = NonNullable<Awaited<ReturnType<typeof loadAccount>>['account']>
type Screen = 'start' | 'lookup' | 'account' | 'pay' | 'qr' | 'done'
type Order = { id: string; amountFen: number; codeUrl: string; channel: Channel }

const presets = [5000, 10000, 20000, 50000]
const deviceKey = 'voltpay.kioskDevice'

async function loadAccount() {
  const now = new Date()
  const vars = { month: monthStart(now).toISOString(), now: now.toISOString() }
  const d = await request(accountQuery, {})
  const account = d.me.account
  const usage = account ? (await request(usageQuery, { ...vars, id: account.id })).energyUsage : []
  const month = (usage ?? []).reduce((s, p) => ({ wh: s.wh + p.energyWh, fen: s.fen + p.amountFen }), { wh: 0, fen: 0 })
  const channels = d.paymentChannels.filter((c) => c.available && c.methods.includes(PayMethod.Qr)).map((c) => c.channel)
  return { account, month, channels }
}

/** The kiosk's key: from ?device= when staff set the screen up (then kept, and the URL cleaned). */
function useDevice(): string {
  const router = useRouter()
  const [device] = useState(() => {
    const given = router.params.device
    if (given) {
      Taro.setStorageSync(deviceKey, given)
      window.history.replaceState(null, '', window.location.pathname)
    }
    return given || (Taro.getStorageSync(deviceKey) as string) || ''
  })
  return device
}

export default function KioskPage() {
  const m = useMessages()
  useTitle(m.kiosk.title)
  const device = useDevice()
  const [screen, setScreen] = useState<Screen>('start')
  const [shop, setShop] = useState('')
  const [check, setCheck] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [data, setData] = useState<Awaited<ReturnType<typeof loadAccount>>>()
  const [amount, setAmount] = useState(presets[0])
  const [channel, setChannel] = useState<Channel>()
  const [order, setOrder] = useState<Order>()
  const [credited, setCredited] = useState(0)
  const account = data?.account ?? undefined
  // Field names new to the browser each time, so it has nothing to offer from the last tenant.
  const [fieldName] = useState(() => `k${Math.random().toString(36).slice(2, 10)}`)

  const reset = () => {
    closeLive()
    if (account) logout().catch(() => {})
    setScreen('start')
    setShop('')
    setCheck('')
    setError('')
    setBusy(false)
    setData(undefined)
    setOrder(undefined)
    setAmount(presets[0])
    setChannel(undefined)
    setLanguage('zh-CN')
  }
  // A session that ends under the kiosk (its 10 minutes, a closed account) is a reset too.
  useEffect(() => onSessionLost(() => setScreen('start')), [])
  useEffect(() => {
    if (screen === 'start') reset()
  }, [screen])
  const left = useIdle(screen !== 'start', reset)

  useSubscription(balanceSubscription, account ? { accountId: account.id } : null, (d) => {
    const fen = d.balanceChanged.account.balanceFen
    setData((prev) => (prev?.account ? { ...prev, account: { ...prev.account, balanceFen: fen } } : prev))
    const o = d.balanceChanged.order
    if (o && order && o.id === order.id && o.state === 'paid') {
      setCredited(o.amountFen)
      setScreen('done')
    }
  })

  const errorText = (e: unknown): string => {
    const msg = e instanceof ApiError ? e.message : ''
    switch (e instanceof ApiError ? e.code : 'NETWORK') {
      case 'NETWORK':
        return m.errors.network
      case 'UNAVAILABLE':
        return m.kiosk.off
      case 'CONFLICT':
        return m.kiosk.several
      case 'INVALID_INPUT': {
        const field = e instanceof ApiError ? e.errors[0].extensions?.field : undefined
        if (field === 'check') return m.kiosk.noCheck
        if (field === 'shop') return m.kiosk.noShop
        return fill(m.errors.generic, { message: msg })
      }
      case 'UNAUTHENTICATED':
        if (/locked/.test(msg)) return m.kiosk.locked
        if (/too many tries/.test(msg)) return m.kiosk.throttled
        if (/not a kiosk/.test(msg)) return m.kiosk.notKiosk
        return m.kiosk.wrong
      default:
        return fill(m.errors.generic, { message: msg || String(e) })
    }
  }

  const lookup = async () => {
    if (!shop.trim()) return setError(m.kiosk.noShop)
    if (!check.trim()) return setError(m.kiosk.noCheck)
    setBusy(true)
    setError('')
    try {
      await request(signInMutation, { device, shop: shop.trim(), check: check.trim() }, { authErrorsAreAnswers: true })
      const d = await loadAccount()
      setData(d)
      setChannel(d.channels[0])
      setCheck('')
      setScreen('account')
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  const showQR = async () => {
    if (!account || !channel) return
    setBusy(true)
    setError('')
    try {
      const { createRechargeOrder: o } = await request(orderMutation, {
        input: { accountId: account.id, amountFen: amount, channel, method: PayMethod.Qr, idempotencyKey: `kiosk-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}` },
      })
      setOrder({ id: o.id, amountFen: o.amountFen, codeUrl: o.pay?.codeUrl ?? '', channel })
      setScreen('qr')
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  const header = (
    <View className="kiosk-head">
      <Text className="kiosk-site">{account ? account.site.name : m.kiosk.title}</Text>
      <View className="kiosk-head-buttons">
        <View className="kiosk-link" onClick={() => setLanguage(getLanguage() === 'zh-CN' ? 'en-US' : 'zh-CN')} data-testid="kiosk-lang">
          {m.app.language}
        </View>
        {screen !== 'start' ? (
          <View className="kiosk-link kiosk-exit" onClick={reset} data-testid="kiosk-exit">
            {m.kiosk.exit}
          </View>
        ) : null}
      </View>
    </View>
  )

  return (
    <View className="kiosk" data-screen={screen}>
      {header}
      {screen === 'start' ? (
        <View className="kiosk-body kiosk-start">
          <Text className="kiosk-welcome">{m.kiosk.welcome}</Text>
          <Text className="kiosk-intro">{m.kiosk.intro}</Text>
          <View className="kiosk-button kiosk-primary kiosk-huge" onClick={() => setScreen('lookup')} data-testid="kiosk-start">
            {m.kiosk.start}
          </View>
          <Text className="kiosk-note">{m.kiosk.privacy}</Text>
        </View>
      ) : null}

      {screen === 'lookup' ? (
        <View className="kiosk-body">
          <KioskInput label={m.kiosk.shop} name={`${fieldName}-shop`} testId="kiosk-shop" maxLength={32} placeholder={m.kiosk.shopPlaceholder}
            value={shop} onChange={setShop} />
          <KioskInput label={m.kiosk.check} name={`${fieldName}-check`} testId="kiosk-check" maxLength={16} placeholder={m.kiosk.checkPlaceholder}
            value={check} onChange={setCheck} secret onEnter={lookup} />
          {error ? (
            <View className="kiosk-error" role="alert">
              {error}
            </View>
          ) : null}
          <View className={`kiosk-button kiosk-primary${busy ? ' kiosk-busy' : ''}`} onClick={busy ? undefined : lookup} data-testid="kiosk-lookup">
            {m.kiosk.lookup}
          </View>
          <View className="kiosk-button" onClick={reset}>
            {m.kiosk.back}
          </View>
        </View>
      ) : null}

      {account && screen === 'account' ? <AccountView account={account} month={data!.month} onPay={() => setScreen('pay')} /> : null}

      {account && screen === 'pay' ? (
        <View className="kiosk-body">
          <Text className="kiosk-label">{m.kiosk.amount}</Text>
          <View className="kiosk-grid">
            {presets.map((p) => (
              <View key={p} className={`kiosk-choice${amount === p ? ' kiosk-chosen' : ''}`} onClick={() => setAmount(p)} data-amount={p}>
                ¥{yuan(p).replace(/\.00$/, '')}
              </View>
            ))}
          </View>
          <Text className="kiosk-label">{m.kiosk.channel}</Text>
          {data!.channels.length === 0 ? <Text className="kiosk-error">{m.kiosk.noChannel}</Text> : null}
          <View className="kiosk-grid">
            {data!.channels.map((c) => (
              <View key={c} className={`kiosk-choice${channel === c ? ' kiosk-chosen' : ''}`} onClick={() => setChannel(c)} data-channel={c}>
                {c === Channel.Wechat ? m.kiosk.wechat : m.kiosk.alipay}
              </View>
            ))}
          </View>
          {error ? (
            <View className="kiosk-error" role="alert">
              {error}
            </View>
          ) : null}
          <View className={`kiosk-button kiosk-primary${busy || !channel ? ' kiosk-busy' : ''}`} onClick={busy || !channel ? undefined : showQR} data-testid="kiosk-show-qr">
            {m.kiosk.showQR}
          </View>
          <View className="kiosk-button" onClick={() => setScreen('account')}>
            {m.kiosk.back}
          </View>
        </View>
      ) : null}

      {account && order && screen === 'qr' ? (
        <View className="kiosk-body kiosk-center">
          <Text className="kiosk-label">
            {fill(m.kiosk.scan, { channel: order.channel === Channel.Wechat ? m.kiosk.wechat : m.kiosk.alipay, v: yuan(order.amountFen) })}
          </Text>
          <QRCode text={order.codeUrl} size={560} />
          <Text className="kiosk-intro">{m.kiosk.waiting}</Text>
          <Text className="kiosk-live" data-testid="kiosk-balance">
            {fill(m.kiosk.liveBalance, { v: yuan(account.balanceFen) })}
          </Text>
          <View className="kiosk-button" onClick={() => setScreen('pay')}>
            {m.kiosk.back}
          </View>
        </View>
      ) : null}

      {account && screen === 'done' ? (
        <View className="kiosk-body kiosk-center">
          <Text className="kiosk-done-mark">✓</Text>
          <Text className="kiosk-welcome">{m.kiosk.done}</Text>
          <Text className="kiosk-intro">{fill(m.kiosk.doneAmount, { v: yuan(credited) })}</Text>
          <Text className="kiosk-live" data-testid="kiosk-balance">
            {fill(m.kiosk.doneBalance, { v: yuan(account.balanceFen) })}
          </Text>
          <View className="kiosk-button kiosk-primary" onClick={reset} data-testid="kiosk-finish">
            {m.kiosk.finish}
          </View>
        </View>
      ) : null}

      {screen !== 'start' && left <= warnSeconds ? (
        <View className="kiosk-idle" role="status" data-testid="kiosk-idle">
          {fill(m.kiosk.idle, { s: left })}
        </View>
      ) : null}
    </View>
  )
}

/** The account found: balance, its state, power, this month's usage, the meters. */
function AccountView({ account, month, onPay }: { account: Account; month: { wh: number; fen: number }; onPay: () => void }) {
  const m = useMessages()
  const level = balanceLevel(account)
  return (
    <View className="kiosk-body">
      <View className="kiosk-card kiosk-balance" style={{ background: levelColour[level] }} data-level={level}>
        <Text className="kiosk-who">
          {fill(m.home.shop, { name: account.tenantName, shop: account.shopNo || '-' })} · {fill(m.home.account, { no: account.no })}
        </Text>
        <Text className="kiosk-small">{m.kiosk.balance}</Text>
        <Text className="kiosk-big" data-testid="kiosk-balance">
          ¥{yuan(account.balanceFen)}
        </Text>
        <Text className="kiosk-state">{levelText(m, level)}</Text>
      </View>
      <View className="kiosk-card">
        <Text className="kiosk-small">{m.kiosk.month}</Text>
        <Text className="kiosk-usage">{fill(m.home.kwh, { v: kwh(month.wh) })}</Text>
        <Text className="kiosk-small">{fill(m.kiosk.monthCost, { v: yuan(month.fen) })}</Text>
      </View>
      <View className="kiosk-card">
        <Text className="kiosk-small">{m.kiosk.meters}</Text>
        {account.meters.length === 0 ? <Text className="kiosk-small">{m.home.noMeters}</Text> : null}
        {account.meters.map((meter) => (
          <View key={meter.id} className="kiosk-meter">
            <Text>{[meter.floor, meter.room].filter(Boolean).join(' ') || meter.address}</Text>
            <Text className={`kiosk-relay kiosk-relay-${meter.relay}`}>
              {!meter.online ? `${m.home.offline} · ` : ''}
              {relayText(m, meter.relay)}
            </Text>
          </View>
        ))}
      </View>
      <View className="kiosk-button kiosk-primary kiosk-huge" onClick={onPay} data-testid="kiosk-pay">
        {m.kiosk.pay}
      </View>
    </View>
  )
}

/**
 * A labelled plain input (H5 only) that the browser neither fills nor remembers: autocomplete
 * off and a name new each visit; secret masks what is typed from the next person in the queue.
 */
function KioskInput(props: {
  label: string
  name: string
  testId: string
  maxLength: number
  placeholder: string
  value: string
  onChange: (v: string) => void
  secret?: boolean
  onEnter?: () => void
}) {
  return (
    <>
      <Text className="kiosk-label">{props.label}</Text>
      <input
        // Masked by CSS, not type=password, which would make the browser offer to save it.
        className={props.secret ? 'kiosk-input kiosk-secret' : 'kiosk-input'}
        name={props.name}
        type="text"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize={props.secret ? 'off' : 'characters'}
        spellCheck={false}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        value={props.value}
        // onInput, the DOM's event for each keystroke: Taro's H5 runtime gives a plain input's
        // onChange the DOM's change event, which fires only when the field loses focus.
        onInput={(e) => props.onChange((e.target as HTMLInputElement).value)}
        onChange={() => {}}
        onKeyDown={(e) => e.key === 'Enter' && props.onEnter?.()}
        data-testid={props.testId}
      />
    </>
  )
}
