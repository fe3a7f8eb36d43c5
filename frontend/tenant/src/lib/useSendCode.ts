import { useState } from 'react'
import { codeProblem } from '../api/auth'
import { fill, useMessages } from '../i18n'
import { useCountdown } from './useCountdown'

/** Seconds before a code may be asked for again after one was texted. */
const resendSeconds = 60

/**
 * The state of a form that texts a code (sign-in, binding): the resend countdown, whether a
 * code is being asked for, and the one notice or error line the form shows. send() asks for
 * a code; a refusal is shown as problem(e) says, and when the server throttled the request
 * the countdown waits as long as it said (extensions.retryAfterSeconds).
 */
export function useSendCode() {
  const [wait, startWait] = useCountdown()
  const [sending, setSending] = useState(false)
  const [error, setError] = useState('')
  const [notice, setNotice] = useState('')

  const send = async (ask: () => Promise<void>, sent: string, problem: (e: unknown) => string) => {
    setError('')
    setSending(true)
    try {
      await ask()
      setNotice(sent)
      startWait(resendSeconds)
    } catch (e) {
      setNotice('')
      const p = codeProblem(e)
      if (p.kind === 'throttled') startWait(p.seconds)
      setError(problem(e))
    } finally {
      setSending(false)
    }
  }
  const clear = () => {
    setError('')
    setNotice('')
  }
  return { wait, sending, error, notice, setError, send, clear }
}

/**
 * The tenant's words for a refused texted code: expired, used up, wrong (with the tries
 * left), or asked for too often (asking: the refusal of asking for a code; otherwise of trying
 * one). Empty when the refusal is of another kind, for the page to word.
 */
export function useCodeProblemText(): (e: unknown, asking: boolean) => string {
  const m = useMessages()
  return (e, asking) => {
    const p = codeProblem(e)
    switch (p.kind) {
      case 'throttled':
        return fill(asking ? m.login.throttled : m.login.tooManyTries, { s: p.seconds })
      case 'expired':
        return m.login.codeExpired
      case 'usedUp':
        return m.login.codeUsedUp
      case 'wrong':
        return p.left !== undefined ? fill(m.login.codeWrongLeft, { n: p.left }) : m.login.codeWrong
    }
    return ''
  }
}
