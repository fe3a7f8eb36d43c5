import { PropsWithChildren } from 'react'
import Taro from '@tarojs/taro'
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import { onSessionLost } from './api/client'
import { closeLive } from './api/live'
import './app.scss'

// A session that ends (expired, signed out elsewhere, password reset) sends the tenant to sign in.
onSessionLost(() => {
  closeLive()
  const pages = Taro.getCurrentPages()
  const here = pages[pages.length - 1]?.route ?? ''
  if (!here.includes('pages/login/')) Taro.reLaunch({ url: '/pages/login/index' })
})

function App({ children }: PropsWithChildren) {
  return children
}

export default App
