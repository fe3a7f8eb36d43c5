import { useCallback, useEffect, useRef, useState } from 'react'
import { request, type ApiError, type Operation } from '../api/client'

/** One query's answer for a page: loading, the data, the error, and reload(). */
export function useQuery<R, V>(op: Operation<R, V>, variables: V | null) {
  const [data, setData] = useState<R>()
  const [error, setError] = useState<ApiError>()
  const [loading, setLoading] = useState(variables !== null)
  const key = variables === null ? null : JSON.stringify(variables)
  const seq = useRef(0)
  const reload = useCallback(async () => {
    if (key === null) return
    const n = ++seq.current
    setLoading(true)
    try {
      const d = await request(op, JSON.parse(key) as V)
      if (n === seq.current) {
        setData(d)
        setError(undefined)
      }
    } catch (e) {
      if (n === seq.current) setError(e as ApiError)
    } finally {
      if (n === seq.current) setLoading(false)
    }
  }, [op, key])
  useEffect(() => {
    reload()
  }, [reload])
  return { data, error, loading, reload, setData }
}
