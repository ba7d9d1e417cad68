import { useLayoutEffect, type RefObject } from 'react'

/** The type scales tried, largest first; below the last the box scrolls instead. */
export const FIT_SCALES = [1, 0.9, 0.8, 0.72, 0.64] as const

/** The first scale at which the text fits, given whether it overflows at each scale. Pure. */
export function firstFit(overflowsAt: (scale: number) => boolean): number {
  for (const scale of FIT_SCALES) if (!overflowsAt(scale)) return scale
  return FIT_SCALES[FIT_SCALES.length - 1] as number
}

/**
 * Keeps a fixed-height box's text inside it by setting `--fit` on it (its CSS multiplies its font
 * size by that) to the largest scale of `FIT_SCALES` at which nothing overflows. Presenter mode's
 * caption keeps one height from click to click so the diagram above it never moves; a long caption
 * (an example's story) is set a little smaller instead of pushing the lanes up. Runs again when
 * `text` changes and when the window is resized.
 */
export function useFitText(ref: RefObject<HTMLElement | null>, text: string): void {
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const fit = (): void => {
      firstFit((scale) => {
        el.style.setProperty('--fit', String(scale))
        return el.scrollHeight > el.clientHeight + 1
      })
    }
    fit()
    window.addEventListener('resize', fit)
    return () => window.removeEventListener('resize', fit)
  }, [ref, text])
}
