import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

// One source, two targets: the WeChat mini-program (weapp, into dist/weapp, which
// project.config.json points the WeChat devtools at) and H5, built into ../dist/tenant, which
// the Go binary embeds and serves at /m/ (package frontend). Hashed files go under assets/,
// which the server caches for a year.
export default defineConfig<'webpack5'>(async (merge) => {
  const h5 = process.env.TARO_ENV === 'h5'
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'voltpay-tenant',
    date: '2026-12-7',
    // NutUI is drawn at 375 px wide, our own styles at 750 (the mini-program's rpx).
    designWidth(input) {
      const file = typeof input === 'object' && input !== null ? (input as { file?: string }).file : undefined
      return file && file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: h5 ? '../dist/tenant' : `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // NutUI's component styles are independent of their order across pages.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
    h5: {
      // The admin console's CSP nonce helpers (used by src/csp-nonce.ts) are compiled from its source.
      compile: { include: [path.resolve(__dirname, '../../admin/src/app/nonce.ts')] },
      publicPath: '/m/',
      staticDirectory: 'assets/static',
      router: { mode: 'browser', basename: '/m' },
      output: {
        filename: 'assets/js/[name].[contenthash:8].js',
        chunkFilename: 'assets/js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'assets/css/[name].[contenthash:8].css',
        chunkFilename: 'assets/css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      devServer: { host: '127.0.0.1', port: 10086 },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // The CSP nonce first, before any module writes a <style>.
        chain.entry('app').prepend(path.resolve(__dirname, '../src/csp-nonce.ts'))
      },
    },
  }
  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
