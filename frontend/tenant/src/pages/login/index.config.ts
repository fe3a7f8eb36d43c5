export default definePageConfig({ navigationBarTitleText: '租户登录' })
