export default definePageConfig({ navigationBarTitleText: '电费余额' })
