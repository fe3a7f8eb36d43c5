import Taro from '@tarojs/taro'
import { useEffect, useRef } from 'react'
import { createClient, type Client } from 'graphql-ws'
import { apiOrigin, reportSessionLost, sessionHeaders, type Operation } from './client'

// Live updates over graphql-ws, on both targets through Taro.connectSocket (the browser's
// WebSocket in H5, wx.connectSocket in the mini-program) wrapped as the WebSocket graphql-ws
// expects. The server authenticates the upgrade request: H5 sends the cookie by itself, the
// mini-program sends the kept one in a Cookie header (sessionHeaders).

/** A WebSocket over Taro.connectSocket: the part of the interface graphql-ws uses. */
class TaroWebSocket {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSING = 2
  readonly CLOSED = 3
  readyState = 0
  protocol = ''
  onopen: ((e: unknown) => void) | null = null
  onclose: ((e: { code: number; reason: string; wasClean: boolean }) => void) | null = null
  onerror: ((e: unknown) => void) | null = null
  onmessage: ((e: { data: string }) => void) | null = null
  private task?: Taro.SocketTask
  private closeAsked?: { code?: number; reason?: string }

  constructor(url: string, protocols?: string | string[]) {
    const list = typeof protocols === 'string' ? [protocols] : protocols
    Promise.resolve(Taro.connectSocket({ url, protocols: list, header: sessionHeaders() })).then(
      (task) => {
        this.task = task
        task.onOpen(() => {
          this.readyState = 1
          this.protocol = list?.[0] ?? ''
          if (this.closeAsked) this.close(this.closeAsked.code, this.closeAsked.reason)
          else this.onopen?.({})
        })
        task.onMessage((m) => this.onmessage?.({ data: String(m.data) }))
        task.onError((e) => this.onerror?.(e))
        task.onClose((e) => {
          this.readyState = 3
          this.onclose?.({ code: e.code ?? 1006, reason: e.reason ?? '', wasClean: true })
        })
      },
      (e) => {
        this.readyState = 3
        this.onerror?.(e)
        this.onclose?.({ code: 1006, reason: String(e?.errMsg ?? e), wasClean: false })
      },
    )
  }

  send(data: string) {
    this.task?.send({ data })
  }

  close(code?: number, reason?: string) {
    if (!this.task || this.readyState === 0) {
      this.closeAsked = { code, reason }
      return
    }
    this.readyState = 2
    this.task.close({ code: code ?? 1000, reason: reason ?? '' })
  }
}

function socketUrl(): string {
  const base = apiOrigin || `${window.location.protocol}//${window.location.host}`
  return base.replace(/^http/, 'ws') + '/graphql'
}

let client: Client | undefined

function wsClient(): Client {
  client ??= createClient({
    url: socketUrl,
    webSocketImpl: TaroWebSocket,
    lazy: true,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    on: {
      closed: (e) => {
        // 4401: the session ended (signed out elsewhere, expired, password reset).
        if ((e as { code?: number })?.code === 4401) reportSessionLost()
      },
    },
  })
  return client
}

/** Closes the socket (sign-out): the next subscription opens a new one with the new session. */
export function closeLive() {
  client?.dispose()
  client = undefined
}

/**
 * Follows a subscription while the component is mounted and enabled; onData gets each event
 * (the latest callback, so it may close over state).
 */
export function useSubscription<R, V>(op: Operation<R, V>, variables: V | null, onData: (data: R) => void) {
  const cb = useRef(onData)
  cb.current = onData
  const key = variables === null ? null : JSON.stringify(variables)
  useEffect(() => {
    if (key === null) return
    return wsClient().subscribe<R>(
      { query: op.toString(), variables: JSON.parse(key) },
      {
        next: (r) => r.data && cb.current(r.data),
        error: () => {},
        complete: () => {},
      },
    )
  }, [op, key])
}
