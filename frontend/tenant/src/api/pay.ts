import Taro from '@tarojs/taro'
import { graphql } from '../gql'
import { PayMethod, type Channel } from '../gql/graphql'
import { request } from './client'

// Paying for a recharge: the other place (with login()) that looks at the target. H5 opens the
// order with method h5 and sends the browser to the provider (WeChat H5 or Alipay wap), which
// returns to the recharge page; the mini-program opens it with mini_program and calls
// wx.requestPayment with the parameters the server signed. The payer is the person WeChat
// signed in (the server takes the openid from the session), so the app sends none. Either way the result shown is the server's (the order's state and
// balanceChanged), never the client's success callback: a callback can say "ok" for a payment
// the provider has not confirmed, and can be lost when the payer leaves.

/** The pay method this build uses. */
export const payMethod: PayMethod = process.env.TARO_ENV === 'weapp' ? PayMethod.MiniProgram : PayMethod.H5

const createOrder = graphql(`
  mutation TenantCreateRechargeOrder($input: CreateRechargeOrderInput!) {
    createRechargeOrder(input: $input) {
      id
      outTradeNo
      amountFen
      state
      pay {
        redirectUrl
        requestPayment { appId timeStamp nonceStr package signType paySign }
      }
    }
  }
`)

/** Where the browser comes back to after paying in H5; the page finds the order in storage. */
export const pendingOrderKey = 'voltpay.pendingOrder'

export interface PayInput {
  accountId: string
  amountFen: number
  channel: Channel
  idempotencyKey: string
}

/**
 * Opens a recharge order and starts paying it. Resolves with the order once the payer was
 * handed to the provider (H5: the browser is leaving; the mini-program: requestPayment
 * returned, whatever it said).
 */
export async function pay(input: PayInput): Promise<{ id: string; outTradeNo: string }> {
  const returnUrl = process.env.TARO_ENV === 'h5' ? `${window.location.origin}/m/pages/recharge/index?paid=1` : ''
  const { createRechargeOrder: order } = await request(createOrder, {
    input: { ...input, method: payMethod, returnUrl },
  })
  Taro.setStorageSync(pendingOrderKey, order.id)
  if (process.env.TARO_ENV === 'weapp') {
    const p = order.pay?.requestPayment
    if (!p) throw new Error('the server gave no requestPayment parameters')
    try {
      await Taro.requestPayment({ timeStamp: p.timeStamp, nonceStr: p.nonceStr, package: p.package, signType: p.signType as 'RSA', paySign: p.paySign })
    } catch {
      // Cancelled or failed on the phone: the order stays pending (and closes unpaid when it
      // expires); the page keeps watching the server either way.
    }
  } else {
    const url = order.pay?.redirectUrl
    if (!url) throw new Error('the server gave no redirectUrl')
    window.location.assign(url)
  }
  return order
}
