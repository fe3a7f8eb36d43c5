import Taro from '@tarojs/taro'

// Asking for WeChat's consent to subscription messages (订阅消息) exists only in the
// mini-program: WeChat sends a warning only to a person who accepted its template, once per
// acceptance. H5 has no such thing, so there this does nothing. Like login() and pay(), it
// is the one place its feature branches on the target.
export async function subscribeWarnings(templateIds: string[]): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp' || templateIds.length === 0) return
  // WeChat takes at most 3 templates per request.
  for (let i = 0; i < templateIds.length; i += 3) {
    await Taro.requestSubscribeMessage({ tmplIds: templateIds.slice(i, i + 3), entityIds: [] } as never)
  }
}
