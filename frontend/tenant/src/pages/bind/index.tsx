import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Button, Input } from '@nutui/nutui-react-taro'
import { bindAccount, codeProblem, isSMSCode, logout, requestBindingCode } from '../../api/auth'
import type { ApiError } from '../../api/client'
import { closeLive } from '../../api/live'
import { LanguageSwitch, useTitle } from '../../components/LanguageSwitch'
import { useErrorText } from '../../components/State'
import { fill, useMessages } from '../../i18n'
import { useCodeProblemText, useSendCode } from '../../lib/useSendCode'
import '../login/index.scss'
import './index.scss'

// Binding an account: its number and either the binding code printed on the opening receipt
// or a code texted to the account's contact phone. A person bound to none lands here after
// signing in; one bound already comes from the help page to add another.

export default function BindPage() {
  const m = useMessages()
  useTitle(m.bind.title)
  const errorText = useErrorText()
  const [by, setBy] = useState<'receipt' | 'sms'>('receipt')
  const [no, setNo] = useState('')
  const [bindingCode, setBindingCode] = useState('')
  const [smsCode, setSmsCode] = useState('')
  const [busy, setBusy] = useState(false)
  const { wait, sending, error, notice, setError, send: sendCode, clear } = useSendCode()
  const codeText = useCodeProblemText()

  /** The tenant's words for a refused binding (asking: of asking for a texted code). */
  const problemText = (e: unknown, asking = false): string => {
    const code = (e as ApiError).code
    if (code === 'NOT_FOUND') return m.bind.notFound
    if (code === 'CONFLICT' && /closed/.test((e as ApiError).message)) return m.bind.closed
    const p = codeProblem(e)
    if (p.kind === 'throttled' && !asking) return fill(m.bind.tooMany, { s: p.seconds })
    if (p.kind === 'wrong' && by === 'receipt') return m.bind.wrongBinding
    return codeText(e, asking) || errorText(e)
  }

  const send = async () => {
    if (!no.trim()) return setError(m.bind.noAccountNo)
    await sendCode(() => requestBindingCode(no), m.bind.sent, (e) => problemText(e, true))
  }

  const submit = async () => {
    if (!no.trim()) return setError(m.bind.noAccountNo)
    if (by === 'receipt' && !bindingCode.trim()) return setError(m.bind.noBindingCode)
    if (by === 'sms' && !isSMSCode(smsCode)) return setError(m.login.badCode)
    setError('')
    setBusy(true)
    try {
      await bindAccount(no, by === 'receipt' ? { bindingCode: bindingCode.trim() } : { smsCode: smsCode.trim() })
      closeLive()
      Taro.reLaunch({ url: '/pages/home/index' })
    } catch (e) {
      setError(problemText(e))
    } finally {
      setBusy(false)
    }
  }

  const signOut = async () => {
    closeLive()
    await logout().catch(() => {})
    Taro.reLaunch({ url: '/pages/login/index' })
  }

  const choose = (b: 'receipt' | 'sms') => () => {
    setBy(b)
    clear()
  }

  return (
    <View className="page login bind">
      <View className="login-top">
        <LanguageSwitch />
      </View>
      <View className="login-head">
        <Text className="login-title">{m.bind.title}</Text>
        <Text className="muted">{m.bind.intro}</Text>
      </View>
      <View className="card">
        <View className="login-label">{m.bind.accountNo}</View>
        <Input className="login-input" maxLength={32} value={no} placeholder={m.bind.accountNoPlaceholder} onChange={setNo} name="accountNo" />
        <View className="bind-tabs row">
          <View className={`bind-tab ${by === 'receipt' ? 'bind-tab-on' : ''}`} onClick={choose('receipt')} data-by="receipt">
            {m.bind.byReceipt}
          </View>
          <View className={`bind-tab ${by === 'sms' ? 'bind-tab-on' : ''}`} onClick={choose('sms')} data-by="sms">
            {m.bind.bySMS}
          </View>
        </View>
        {by === 'receipt' ? (
          <>
            <View className="login-label">{m.bind.bindingCode}</View>
            <Input className="login-input" maxLength={16} value={bindingCode} placeholder={m.bind.bindingCodePlaceholder} onChange={setBindingCode} name="bindingCode" onConfirm={submit} />
          </>
        ) : (
          <>
            <View className="muted bind-hint">{m.bind.smsHint}</View>
            <View className="login-label">{m.bind.smsCode}</View>
            <View className="row login-code-row">
              <Input className="login-input login-code" type="number" maxLength={6} value={smsCode} placeholder={m.login.codePlaceholder} onChange={setSmsCode} name="smsCode" onConfirm={submit} />
              <Button className="login-send" size="small" fill="outline" type="primary" disabled={wait > 0} loading={sending} onClick={send}>
                {wait > 0 ? fill(m.login.resend, { s: wait }) : m.bind.send}
              </Button>
            </View>
          </>
        )}
        {notice && !error ? (
          <View className="login-notice" role="status">
            {notice}
          </View>
        ) : null}
        {error ? (
          <View className="login-error" role="alert">
            {error}
          </View>
        ) : null}
        <Button className="bind-submit" type="primary" block loading={busy} onClick={submit}>
          {m.bind.submit}
        </Button>
      </View>
      <View className="login-switch" onClick={signOut}>
        {m.bind.logout}
      </View>
    </View>
  )
}
