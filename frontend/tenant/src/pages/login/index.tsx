import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Button, Input } from '@nutui/nutui-react-taro'
import { isMobile, login } from '../../api/auth'
import type { ApiError } from '../../api/client'
import { LanguageSwitch, useTitle } from '../../components/LanguageSwitch'
import { useErrorText } from '../../components/State'
import { useMessages } from '../../i18n'
import './index.scss'

export default function LoginPage() {
  const m = useMessages()
  useTitle(m.login.title)
  const errorText = useErrorText()
  const [phone, setPhone] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (!isMobile(phone)) return setError(m.login.badPhone)
    if (!password) return setError(m.login.noPassword)
    setError('')
    setBusy(true)
    try {
      await login(phone.trim(), password)
      Taro.reLaunch({ url: '/pages/home/index' })
    } catch (e) {
      const code = (e as ApiError).code
      setError(code === 'UNAUTHENTICATED' || code === 'INVALID_INPUT' ? m.login.failed : errorText(e))
    } finally {
      setBusy(false)
    }
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
      <View className="card">
        <View className="login-label">{m.login.phone}</View>
        <Input className="login-input" type="tel" maxLength={11} value={phone} placeholder={m.login.phonePlaceholder} onChange={setPhone} name="phone" />
        <View className="login-label">{m.login.password}</View>
        <Input className="login-input" type="password" maxLength={128} value={password} placeholder={m.login.passwordPlaceholder} onChange={setPassword} name="password" onConfirm={submit} />
        {error ? (
          <View className="login-error" role="alert">
            {error}
          </View>
        ) : null}
        <Button className="login-submit" type="primary" block loading={busy} onClick={submit}>
          {m.login.submit}
        </Button>
      </View>
      <View className="muted login-foot">{m.login.forgot}</View>
    </View>
  )
}
