import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ApiError } from '../api/client'
import { fill, useMessages } from '../i18n'

/** What went wrong, in the tenant's language, with the server's words where they help. */
export function useErrorText() {
  const m = useMessages()
  return (e: unknown): string => {
    const err = e as Partial<ApiError>
    switch (err?.code) {
      case 'NETWORK':
        return m.errors.network
      case 'FORBIDDEN':
        return m.errors.forbidden
      case 'INTERNAL':
        return fill(m.errors.server, { id: err.requestId ?? '-' })
      default:
        return fill(m.errors.generic, { message: err?.message ?? String(e) })
    }
  }
}

/** The loading and error states of a page (nothing when there is data). */
export function PageState({ loading, error, retry }: { loading: boolean; error?: unknown; retry: () => void }) {
  const m = useMessages()
  const text = useErrorText()
  if (error) {
    return (
      <View className="state state-error" role="alert">
        <Text>{text(error)}</Text>
        <View>
          <Button type="primary" size="small" onClick={retry}>
            {m.app.retry}
          </Button>
        </View>
      </View>
    )
  }
  return loading ? <View className="state">{m.app.loading}</View> : null
}
