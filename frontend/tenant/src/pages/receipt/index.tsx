import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { graphql } from '../../gql'
import { useTitle } from '../../components/LanguageSwitch'
import { PageState } from '../../components/State'
import { useMessages } from '../../i18n'
import { yuan } from '../../lib/money'
import { dateTime } from '../../lib/time'
import { useQuery } from '../../lib/useQuery'

// One ledger entry as a receipt, by id (from the records page) or by receipt number (the QR
// code on a printed receipt opens /m/receipt/<number>, which the server sends here as ?no=).
// The server answers null, or no entry, for another account's (a tenant cannot tell it from
// one that does not exist).
graphql(`
  fragment TenantReceiptFields on LedgerEntry {
    id
    receiptNo
    type
    channel
    amountFen
    balanceAfterFen
    createdAt
    externalRef
    note
    account { no tenantName }
    meter { address channel room }
  }
`)

const receiptQuery = graphql(`
  query TenantReceipt($id: ID!) {
    ledgerEntry(id: $id) { ...TenantReceiptFields }
  }
`)

const receiptByNoQuery = graphql(`
  query TenantReceiptByNo($no: String!) {
    ledgerEntries(filter: { receiptNo: $no }, first: 1) { nodes { ...TenantReceiptFields } }
  }
`)

const validId = (id: string) => /^\d{1,19}$/.test(id)
const validNo = (no: string) => /^[0-9A-Za-z-]{1,64}$/.test(no)

export default function ReceiptPage() {
  const m = useMessages()
  useTitle(m.receipt.title)
  const params = useRouter().params
  const id = params.id ?? ''
  const no = params.no ?? ''
  const byId = useQuery(receiptQuery, validId(id) ? { id } : null)
  const byNo = useQuery(receiptByNoQuery, !validId(id) && validNo(no) ? { no } : null)
  const q = validId(id) ? byId : byNo
  const e = byId.data?.ledgerEntry ?? byNo.data?.ledgerEntries.nodes[0]
  if (!e) {
    return (
      <View className="page">
        {q.data || !(validId(id) || validNo(no)) ? <View className="state">{m.receipt.notFound}</View> : <PageState loading={q.loading} error={q.error} retry={q.reload} />}
      </View>
    )
  }
  const rows: [string, string][] = [
    [m.receipt.no, e.receiptNo],
    [m.receipt.type, m.records.types[e.type] ?? e.type],
    [m.receipt.amount, `¥${yuan(e.amountFen)}`],
    [m.receipt.balanceAfter, `¥${yuan(e.balanceAfterFen)}`],
    [m.receipt.time, dateTime(e.createdAt)],
    [m.receipt.account, `${e.account.no} ${e.account.tenantName}`],
  ]
  if (e.channel) rows.push([m.receipt.channel, m.receipt.channels[e.channel] ?? e.channel])
  if (e.meter) rows.push([m.receipt.meter, `${e.meter.address}${e.meter.channel ? `-${e.meter.channel}` : ''} ${e.meter.room}`])
  if (e.externalRef) rows.push([m.receipt.ref, e.externalRef])
  if (e.note) rows.push([m.receipt.note, e.note])
  return (
    <View className="page receipt">
      <View className="card">
        <View className="card-title">{m.receipt.title}</View>
        {rows.map(([k, v]) => (
          <View key={k} className="kv row">
            <Text className="muted">{k}</Text>
            <Text className="kv-value">{v}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
