import { View, Text } from '@tarojs/components'
import { Switch } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { request } from '../../api/client'
import { subscribeWarnings } from '../../api/subscribe'
import { graphql } from '../../gql'
import { useTitle } from '../../components/LanguageSwitch'
import { PageState } from '../../components/State'
import { useMessages } from '../../i18n'
import { useQuery } from '../../lib/useQuery'

// 通知设置: whether the current account's warnings (low balance, arrears, power off and back)
// come by SMS and by WeChat. The server keeps the choice per account (both on until turned
// off) and answers for the session's current account only.
const settingsQuery = graphql(`
  query TenantNotificationSettings {
    notificationSettings { accountId sms wechat wechatTemplateIds }
  }
`)

const setSettings = graphql(`
  mutation TenantSetNotificationSettings($sms: Boolean, $wechat: Boolean) {
    setNotificationSettings(sms: $sms, wechat: $wechat) { accountId sms wechat wechatTemplateIds }
  }
`)

export default function SettingsPage() {
  const m = useMessages()
  useTitle(m.settings.title)
  const q = useQuery(settingsQuery, {})
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string>()
  if (!q.data) {
    return (
      <View className="page">
        <PageState loading={q.loading} error={q.error} retry={q.reload} />
      </View>
    )
  }
  const s = q.data.notificationSettings
  const change = async (v: { sms?: boolean; wechat?: boolean }) => {
    setSaving(true)
    setError(undefined)
    try {
      // Turning WeChat on asks WeChat for the person's consent first (mini-program only).
      if (v.wechat) await subscribeWarnings(s.wechatTemplateIds).catch(() => {})
      const d = await request(setSettings, v)
      q.setData({ notificationSettings: d.setNotificationSettings })
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setSaving(false)
    }
  }
  const row = (label: string, help: string, on: boolean, key: 'sms' | 'wechat') => (
    <View className="kv row" data-setting={key}>
      <View>
        <View>
          <Text>{label}</Text>
        </View>
        <Text className="muted">{help}</Text>
      </View>
      <Switch checked={on} disabled={saving} onChange={(v: boolean) => change({ [key]: v })} />
    </View>
  )
  return (
    <View className="page settings">
      <View className="card">
        <View className="card-title">{m.settings.heading}</View>
        <View className="muted">{m.settings.intro}</View>
        {row(m.settings.sms, m.settings.smsHelp, s.sms, 'sms')}
        {row(m.settings.wechat, m.settings.wechatHelp, s.wechat, 'wechat')}
        {error ? <View className="state-error">{error}</View> : null}
      </View>
      <View className="card muted">{m.settings.note}</View>
    </View>
  )
}
