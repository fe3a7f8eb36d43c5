import type { UserConfigExport } from '@tarojs/cli'

// npm run dev:h5 serves on 127.0.0.1:10086 and proxies the API to a server (make run's by
// default), so the session cookie and the websocket stay on one origin.
const api = process.env.VOLTPAY_DEV_API || 'http://127.0.0.1:8080'

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    devServer: {
      proxy: [{ context: ['/graphql'], target: api, ws: true, changeOrigin: false }],
    },
  },
} satisfies UserConfigExport<'webpack5'>
