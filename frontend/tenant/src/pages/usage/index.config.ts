export default definePageConfig({ navigationBarTitleText: '用电统计' })
