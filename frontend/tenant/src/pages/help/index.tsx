import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { graphql } from '../../gql'
import { AccountList } from '../../components/Accounts'
import { useTitle } from '../../components/LanguageSwitch'
import { PageState } from '../../components/State'
import { fill, useMessages } from '../../i18n'
import { useQuery } from '../../lib/useQuery'

const helpQuery = graphql(`query TenantHelp { me { account { id site { name officePhone } } } }`)

export default function HelpPage() {
  const m = useMessages()
  useTitle(m.help.title)
  const q = useQuery(helpQuery, {})
  const site = q.data?.me.account?.site
  const phone = site?.officePhone ?? ''
  return (
    <View className="page help">
      {!site ? (
        <PageState loading={q.loading} error={q.error} retry={q.reload} />
      ) : (
        <View className="card">
          <View className="card-title">
            {site.name} · {m.help.office}
          </View>
          {phone ? (
            <Button type="primary" block onClick={() => Taro.makePhoneCall({ phoneNumber: phone })}>
              {fill(m.help.call, { phone })}
            </Button>
          ) : (
            <View className="muted">{m.help.noPhone}</View>
          )}
        </View>
      )}
      <AccountList manage />
      <View className="card">
        {m.help.faq.map(([q, a]) => (
          <View key={q} className="kv">
            <View className="faq-q">
              <Text>{q}</Text>
            </View>
            <View className="muted">{a}</View>
          </View>
        ))}
      </View>
    </View>
  )
}
