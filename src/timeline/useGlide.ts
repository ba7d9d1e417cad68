import { useLayoutEffect, type RefObject } from 'react'
import type { Layout } from './layout.ts'
import { panPlacement } from './panBox.ts'
import { FOLLOW_PAN_MS, type Glide } from './useTimeZoom.ts'

/**
 * A follow pan: the content (drawn for both views) slides from where the old view had it to where
 * the new one has it, as one animation of the panned HTML box's CSS transform (Plot.tsx), which
 * the compositor runs: no render and no repaint per frame. The travel layer is inside that box
 * and slides with it. Calls `endGlide` when the slide ends.
 */
export function useGlide(
  panRef: RefObject<HTMLDivElement | null>,
  glide: Glide | null,
  layout: Layout | null,
  endGlide: (id: number) => void,
): void {
  useLayoutEffect(() => {
    const box = panRef.current
    if (!glide) return
    if (!layout || !box || typeof box.animate !== 'function') return endGlide(glide.id)
    const fromX = layout.offsetX + (layout.viewTicks[0] - glide.from[0]) * layout.pxPerTick
    // The box's resting shift is whole pixels (see panPlacement); the glide ends there.
    const { shift } = panPlacement(layout.offsetX, layout.frame.plotLeft)
    const slide = (x: number) => ({ transform: `translateX(${shift + x - layout.offsetX}px)` })
    const anim = box.animate([slide(fromX), slide(layout.offsetX)], {
      duration: FOLLOW_PAN_MS,
      easing: 'ease-out',
    })
    anim.onfinish = () => endGlide(glide.id)
    return () => anim.cancel()
    // Only a new glide starts an animation; the layout it needs comes with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [glide])
}
