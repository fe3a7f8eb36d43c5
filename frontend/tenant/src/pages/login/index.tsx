import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Button, Input } from '@nutui/nutui-react-taro'
import { isMobile, isSMSCode, login, requestSignInCode, type Credentials } from '../../api/auth'
import type { ApiError } from '../../api/client'
import { LanguageSwitch, useTitle } from '../../components/LanguageSwitch'
import { useErrorText } from '../../components/State'
import { fill, useMessages } from '../../i18n'
import { useCodeProblemText, useSendCode } from '../../lib/useSendCode'
import './index.scss'

// Sign-in: a texted code first, a password as the other way; in the mini-program also WeChat.
// A person bound to no account yet goes on to bind one.

const weapp = process.env.TARO_ENV === 'weapp'

export default function LoginPage() {
  const m = useMessages()
  useTitle(m.login.title)
  const errorText = useErrorText()
  const [mode, setMode] = useState<'code' | 'password'>('code')
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const { wait, sending, error, notice, setError, send: sendCode, clear } = useSendCode()
  const codeText = useCodeProblemText()

  /** The tenant's words for a refused code or sign-in (asking: of asking for a code). */
  const problemText = (e: unknown, asking = false): string => codeText(e, asking) || errorText(e)

  const send = async () => {
    if (!isMobile(phone)) return setError(m.login.badPhone)
    await sendCode(() => requestSignInCode(phone.trim()), fill(m.login.sent, { phone: phone.trim() }), (e) => problemText(e, true))
  }

  const enter = (bound: boolean) => Taro.reLaunch({ url: bound ? '/pages/home/index' : '/pages/bind/index' })

  const submit = async () => {
    if (!isMobile(phone)) return setError(m.login.badPhone)
    let creds: Credentials
    if (mode === 'code') {
      if (!isSMSCode(code)) return setError(m.login.badCode)
      creds = { phone: phone.trim(), code: code.trim() }
    } else {
      if (!password) return setError(m.login.noPassword)
      creds = { phone: phone.trim(), password }
    }
    setError('')
    setBusy(true)
    try {
      enter((await login(creds)).bound)
    } catch (e) {
      const c = (e as ApiError).code
      if (mode === 'password') setError(c === 'UNAUTHENTICATED' || c === 'INVALID_INPUT' ? m.login.failed : errorText(e))
      else setError(problemText(e))
    } finally {
      setBusy(false)
    }
  }

  const signInWithWechat = async () => {
    setError('')
    setBusy(true)
    try {
      enter((await login()).bound)
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  const switchMode = () => {
    setMode(mode === 'code' ? 'password' : 'code')
    clear()
  }

  return (
    <View className="page login">
      <View className="login-top">
        <LanguageSwitch />
      </View>
      <View className="login-head">
        <Text className="login-title">{m.login.title}</Text>
        <Text className="muted">{m.login.subtitle}</Text>
      </View>
      {weapp ? (
        <View className="card">
          <Button className="login-wechat" type="success" block loading={busy} onClick={signInWithWechat}>
            {m.login.wechat}
          </Button>
          <View className="muted login-or">{m.login.orPhone}</View>
        </View>
      ) : null}
      <View className="card">
        <View className="login-label">{m.login.phone}</View>
        <Input className="login-input" type="tel" maxLength={11} value={phone} placeholder={m.login.phonePlaceholder} onChange={setPhone} name="phone" />
        {mode === 'code' ? (
          <>
            <View className="login-label">{m.login.code}</View>
            <View className="row login-code-row">
              <Input className="login-input login-code" type="number" maxLength={6} value={code} placeholder={m.login.codePlaceholder} onChange={setCode} name="code" onConfirm={submit} />
              <Button className="login-send" size="small" fill="outline" type="primary" disabled={wait > 0} loading={sending} onClick={send}>
                {wait > 0 ? fill(m.login.resend, { s: wait }) : m.login.send}
              </Button>
            </View>
          </>
        ) : (
          <>
            <View className="login-label">{m.login.password}</View>
            <Input className="login-input" type="password" maxLength={128} value={password} placeholder={m.login.passwordPlaceholder} onChange={setPassword} name="password" onConfirm={submit} />
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
        <Button className="login-submit" type="primary" block loading={busy} onClick={submit}>
          {m.login.submit}
        </Button>
        <View className="login-switch" onClick={switchMode} data-mode={mode === 'code' ? 'password' : 'code'}>
          {mode === 'code' ? m.login.usePassword : m.login.useCode}
        </View>
      </View>
      {mode === 'password' ? <View className="muted login-foot">{m.login.forgot}</View> : null}
    </View>
  )
}
