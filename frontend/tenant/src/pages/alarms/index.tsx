import { View, Text } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import { graphql } from '../../gql'
import { useTitle } from '../../components/LanguageSwitch'
import { PageState } from '../../components/State'
import { fill, useMessages } from '../../i18n'
import { dateTime } from '../../lib/time'
import { useQuery } from '../../lib/useQuery'

// The tenant's alarms: the server confines alarms to their own account's.
const alarmsQuery = graphql(`
  query TenantAlarms {
    active: alarms(filter: { active: true }, first: 50) { nodes { id kind raisedAt meter { address room } } }
    history: alarms(filter: { active: false }, first: 30) { nodes { id kind raisedAt clearedAt meter { address room } } }
  }
`)

export default function AlarmsPage() {
  const m = useMessages()
  useTitle(m.alarms.title)
  const q = useQuery(alarmsQuery, {})
  if (!q.data) {
    return (
      <View className="page">
        <PageState loading={q.loading} error={q.error} retry={q.reload} />
      </View>
    )
  }
  const section = (title: string, list: { id: string; kind: string; raisedAt: string; clearedAt?: string | null; meter?: { address: string; room: string } | null }[], active: boolean) => (
    <View className="card" data-section={active ? 'active' : 'history'}>
      <View className="card-title">{title}</View>
      {list.length === 0 ? <View className="muted">{m.alarms.empty}</View> : null}
      {list.map((a) => (
        <View key={a.id} className="kv">
          <View className="row">
            <Text>{m.alarms.kinds[a.kind] ?? a.kind}</Text>
            <Tag type={active ? 'danger' : 'default'}>{active ? m.alarms.active : m.alarms.history}</Tag>
          </View>
          <View className="muted">
            {a.meter ? `${a.meter.room || a.meter.address} · ` : ''}
            {fill(m.alarms.raised, { t: dateTime(a.raisedAt) })}
            {a.clearedAt ? ` · ${fill(m.alarms.cleared, { t: dateTime(a.clearedAt) })}` : ''}
          </View>
        </View>
      ))}
    </View>
  )
  return (
    <View className="page alarms">
      {section(m.alarms.active, q.data.active.nodes, true)}
      {section(m.alarms.history, q.data.history.nodes, false)}
    </View>
  )
}
