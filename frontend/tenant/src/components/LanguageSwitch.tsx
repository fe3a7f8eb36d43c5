import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import { getLanguage, setLanguage, useMessages } from '../i18n'

/** 中文 / English: the other language's name, which switches to it. */
export function LanguageSwitch() {
  const m = useMessages()
  return (
    <Text className="lang-switch" onClick={() => setLanguage(getLanguage() === 'zh-CN' ? 'en-US' : 'zh-CN')}>
      {m.app.language}
    </Text>
  )
}

/** Sets the page's title in the current language. */
export function useTitle(title: string) {
  useEffect(() => {
    Taro.setNavigationBarTitle({ title })
  }, [title])
}
