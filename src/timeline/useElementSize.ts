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

/** Labels grow with the diagram's width from here (a laptop's diagram is about this wide). */
const BASE_WIDTH_PX = 1280
const WIDTH_FACTOR = [0.9, 1.2] as const

/**
 * The diagram's type scale: the presenter setting (`--tl-scale`, which follows the app's
 * `--synod-scale`, see timeline.css) times a factor for the diagram's width, so labels are larger
 * on a projector and in presenter mode (21 px and up there) and never tiny on a small screen.
 * Re-read when the diagram resizes or the root's attributes change (a setting switched).
 */
export function useTypeScale(ref: RefObject<HTMLElement | null>, width: number): number {
  const [setting, setSetting] = useState(1)
  useEffect(() => {
    const el = ref.current
    if (!el || typeof getComputedStyle !== 'function') return
    const read = (): void => {
      const v = parseFloat(getComputedStyle(el).getPropertyValue('--tl-scale'))
      setSetting(Number.isFinite(v) && v > 0 ? Math.min(3, Math.max(0.5, v)) : 1)
    }
    read()
    if (typeof MutationObserver === 'undefined') return
    const observer = new MutationObserver(read)
    for (const node of [document.documentElement, document.body]) {
      observer.observe(node, { attributes: true, attributeFilter: ['class', 'style', 'data-presenter'] })
    }
    return () => observer.disconnect()
  }, [ref, width])
  const byWidth = Math.min(WIDTH_FACTOR[1], Math.max(WIDTH_FACTOR[0], width / BASE_WIDTH_PX))
  return Math.round(setting * (width > 0 ? byWidth : 1) * 100) / 100
}
