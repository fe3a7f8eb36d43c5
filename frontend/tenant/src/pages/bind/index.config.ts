export default definePageConfig({ navigationBarTitleText: '绑定电费账户' })
