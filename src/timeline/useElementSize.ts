import { useEffect, useState, type RefObject } from 'react'

export interface Size {
  readonly width: number
  readonly height: number
}

/** The content size of an element, kept current with a ResizeObserver; null until measured. */
export function useElementSize(ref: RefObject<HTMLElement | null>): Size | null {
  const [size, setSize] = useState<Size | null>(null)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const measure = (): void => {
      const width = Math.floor(el.clientWidth)
      const height = Math.floor(el.clientHeight)
      setSize((s) => (s && s.width === width && s.height === height ? s : { width, height }))
    }
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref])
  return size
}

/** Whether the user asked the system for reduced motion. */
export function usePrefersReducedMotion(): boolean {
  const query = '(prefers-reduced-motion: reduce)'
  const [reduced, setReduced] = useState(
    () =>
      typeof window !== 'undefined' &&
      typeof window.matchMedia === 'function' &&
      window.matchMedia(query).matches,
  )
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return
    const mq = window.matchMedia(query)
    const onChange = (): void => setReduced(mq.matches)
    mq.addEventListener('change', onChange)
    return () => mq.removeEventListener('change', onChange)
  }, [])
  return reduced
}

/**
 * A measurer for label widths in the diagram's real font (14px, weight 700), through a canvas
 * that is never attached to the page. Widths are cached per text. Undefined until mounted.
 */
export function useLabelMeasure(ref: RefObject<HTMLElement | null>): ((text: string) => number) | undefined {
  const [measure, setMeasure] = useState<((text: string) => number) | undefined>(undefined)
  useEffect(() => {
    const el = ref.current
    const ctx = el ? document.createElement('canvas').getContext('2d') : null
    if (!el || !ctx) return
    ctx.font = `700 14px ${getComputedStyle(el).fontFamily}`
    const cache = new Map<string, number>()
    setMeasure(() => (text: string) => {
      let w = cache.get(text)
      if (w === undefined) {
        w = ctx.measureText(text).width
        cache.set(text, w)
      }
      return w
    })
  }, [ref])
  return measure
}
