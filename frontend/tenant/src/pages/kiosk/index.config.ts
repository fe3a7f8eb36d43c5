export default definePageConfig({ navigationBarTitleText: '电费自助查询' })
