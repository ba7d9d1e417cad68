import { useCallback, useEffect, useRef, useState } from 'react'

/** Fewer slot columns than this and the grid scrolls sideways instead (a phone's narrow sheet). */
export const MIN_SLOTS_IN_VIEW = 3

/**
 * How many slot columns fit beside the replica names in `width` pixels, between
 * MIN_SLOTS_IN_VIEW and `max`. Pure.
 */
export function fittingSlots(width: number, headerWidth: number, columnWidth: number, max: number): number {
  if (!(width > 0) || !(columnWidth > 0)) return max
  const fit = Math.floor((width - headerWidth) / columnWidth)
  return Math.max(MIN_SLOTS_IN_VIEW, Math.min(max, fit))
}

/**
 * The log grid's slot columns, as many as its panel shows without scrolling sideways: at 1280 px
 * the sidebar holds five or six, and slots scrolled out of sight on the right were the newest
 * ones, which the grid exists to show. Measured by ResizeObserver after layout (the panel's
 * width, the replica-name column and the widest slot column), never during a render; a step
 * that changes neither re-renders nothing here. Returns the ref for the grid's wrapper and the
 * count (`max` where ResizeObserver is missing).
 */
export function useFittingSlots(max: number): [(el: HTMLDivElement | null) => void, number] {
  const [count, setCount] = useState(max)
  const observer = useRef<ResizeObserver | null>(null)
  const ref = useCallback(
    (wrap: HTMLDivElement | null) => {
      observer.current?.disconnect()
      observer.current = null
      if (!wrap || typeof ResizeObserver === 'undefined') return
      const measure = (): void => {
        const table = wrap.querySelector('table')
        const header = table?.querySelector<HTMLElement>('thead th:first-child')
        const columns = table ? [...table.querySelectorAll<HTMLElement>('thead th:not(:first-child)')] : []
        if (!table || !header || columns.length === 0) return
        const widest = Math.max(...columns.map((c) => c.offsetWidth))
        const next = fittingSlots(wrap.clientWidth, header.offsetWidth, widest, max)
        setCount((now) => (now === next ? now : next))
      }
      const ro = new ResizeObserver(measure)
      ro.observe(wrap)
      const table = wrap.querySelector('table')
      // The table too: a wider command or a longer role ("leader 12.3") changes what fits.
      if (table) ro.observe(table)
      observer.current = ro
      // Measured once now, in the commit that shows the grid, so it is painted with the columns
      // that fit (not ten, then fewer a frame later: a reader or a test could catch the switch).
      measure()
    },
    [max],
  )
  useEffect(() => () => observer.current?.disconnect(), [])
  return [ref, count]
}
