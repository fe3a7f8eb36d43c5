export default defineAppConfig({
  // The first page is the home page: a tenant who is not signed in is sent to sign in.
  pages: [
    'pages/home/index',
    'pages/login/index',
    'pages/bind/index',
    'pages/recharge/index',
    'pages/records/index',
    'pages/receipt/index',
    'pages/usage/index',
    'pages/alarms/index',
    'pages/help/index',
    'pages/settings/index',
    // The office kiosk (/kiosk/ on the server): H5 only, a touch screen at the property office.
    ...(process.env.TARO_ENV === 'h5' ? ['pages/kiosk/index'] : []),
  ],
  // H5: pages appear at once, without Taro's sliding transition.
  animation: false,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1677ff',
    navigationBarTitleText: '电费充值',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f8',
    // H5 draws no navigation bar of its own (the browser has its address bar and back button);
    // the mini-program keeps WeChat's.
    navigationStyle: process.env.TARO_ENV === 'h5' ? 'custom' : 'default',
  },
})
