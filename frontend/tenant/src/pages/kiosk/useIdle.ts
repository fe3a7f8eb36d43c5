import { useEffect, useRef, useState } from 'react'

/** How long the kiosk waits for a touch before it returns to its start page, and when it warns. */
export const idleSeconds = 60
export const warnSeconds = 10

/**
 * Counts the seconds since the last touch (pointer, key) while active and calls onIdle once
 * when they reach idleSeconds. Answers the seconds left, for the countdown shown in the last
 * warnSeconds. Timers and Date only: Playwright's page.clock fast-forwards both.
 */
export function useIdle(active: boolean, onIdle: () => void): number {
  const last = useRef(Date.now())
  const [left, setLeft] = useState(idleSeconds)
  const cb = useRef(onIdle)
  cb.current = onIdle
  useEffect(() => {
    const touched = () => {
      last.current = Date.now()
      setLeft(idleSeconds)
    }
    const events = ['pointerdown', 'touchstart', 'keydown', 'input'] as const
    events.forEach((e) => document.addEventListener(e, touched, { capture: true, passive: true }))
    return () => events.forEach((e) => document.removeEventListener(e, touched, { capture: true }))
  }, [])
  useEffect(() => {
    if (!active) return
    last.current = Date.now()
    setLeft(idleSeconds)
    const t = setInterval(() => {
      const l = idleSeconds - Math.floor((Date.now() - last.current) / 1000)
      setLeft(Math.max(l, 0))
      if (l <= 0) {
        last.current = Date.now()
        cb.current()
      }
    }, 1000)
    return () => clearInterval(t)
  }, [active])
  return left
}
