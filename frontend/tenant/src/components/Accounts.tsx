import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Button, Tag } from '@nutui/nutui-react-taro'
import { accountsQuery, switchAccount, unbindAccount } from '../api/auth'
import { closeLive } from '../api/live'
import { AccountStatus } from '../gql/graphql'
import { fill, useMessages } from '../i18n'
import { yuan } from '../lib/money'
import { useQuery } from '../lib/useQuery'
import { useErrorText } from './State'

// The signed-in person's bound accounts (at most 20, so never paged): on the home page a
// switcher, shown when there are several; on the help page the list with unbind and a way to
// bind another.

export function AccountList({ manage = false }: { manage?: boolean }) {
  const m = useMessages()
  const errorText = useErrorText()
  const q = useQuery(accountsQuery, {})
  const [error, setError] = useState('')
  const [busy, setBusy] = useState('')
  const [confirming, setConfirming] = useState('')
  const list = q.data?.tenantAccounts ?? []
  if (!manage && list.length < 2) return null

  const choose = async (id: string) => {
    setBusy(id)
    setError('')
    try {
      await switchAccount(id)
      closeLive()
      Taro.reLaunch({ url: '/pages/home/index' })
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy('')
    }
  }

  // The confirmation is drawn in the row: Taro's H5 modal sets inline styles, which the
  // page's Content-Security-Policy blocks.
  const unbind = async (id: string) => {
    setConfirming('')
    setBusy(id)
    setError('')
    try {
      await unbindAccount(id)
      closeLive()
      // The app opens on the home page, which sends a person left with no account to bind one.
      Taro.reLaunch({ url: '/pages/home/index' })
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy('')
    }
  }

  return (
    <View className="card accounts" data-section={manage ? 'accounts' : 'switcher'}>
      <View className="card-title">{manage ? m.accounts.manage : m.accounts.switchTitle}</View>
      {q.error ? (
        <View className="login-error" role="alert">
          {errorText(q.error)}
        </View>
      ) : null}
      {list.map((a) => (
        <View
          key={a.id}
          className={`account-row row ${a.current ? 'account-current' : ''}`}
          data-account={a.no}
          onClick={!manage && !a.current && a.status === AccountStatus.Open && !busy ? () => choose(a.id) : undefined}
        >
          <View className="account-name">
            <Text>
              {a.tenantName}
              {a.shopNo ? ` · ${a.shopNo}` : ''}
            </Text>
            <Text className="muted">{fill(m.home.account, { no: a.no })} · ¥{yuan(a.balanceFen)}</Text>
          </View>
          <View className="account-tags">
            {a.current ? <Tag type="primary">{m.accounts.current}</Tag> : null}
            {a.status === AccountStatus.Closed ? <Tag type="default">{m.accounts.closed}</Tag> : null}
            {manage && confirming !== a.id ? (
              <Button size="small" fill="outline" color="#d4380d" loading={busy === a.id} onClick={() => setConfirming(a.id)} className="account-unbind">
                {m.accounts.unbind}
              </Button>
            ) : null}
          </View>
        </View>
      ))}
      {list
        .filter((a) => a.id === confirming)
        .map((a) => (
          <View key={a.id} className="account-confirm" role="alertdialog">
            <View>{fill(m.accounts.unbindConfirm, { no: a.no })}</View>
            <View className="row account-confirm-buttons">
              <Button size="small" onClick={() => setConfirming('')}>
                {m.accounts.cancel}
              </Button>
              <Button size="small" type="primary" color="#d4380d" className="account-unbind-confirm" onClick={() => unbind(a.id)}>
                {m.accounts.unbind}
              </Button>
            </View>
          </View>
        ))}
      {error ? (
        <View className="login-error" role="alert">
          {error}
        </View>
      ) : null}
      {manage ? (
        <Button block fill="outline" type="primary" className="account-add" onClick={() => Taro.navigateTo({ url: '/pages/bind/index' })}>
          {m.accounts.add}
        </Button>
      ) : null}
    </View>
  )
}
