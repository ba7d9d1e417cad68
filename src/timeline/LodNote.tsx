import { useCallback, useRef, useState, type Ref } from 'react'
import type { Layout } from './layout.ts'

/** One formatter for the whole module: `toLocaleString` builds a new one on every call (slow). */
const COUNT = new Intl.NumberFormat('en')

/** The note's offset from the diagram's foot and the gap above it (timelineMarks.css `.tl-lod-note`). */
const NOTE_BOTTOM_PX = 4
const NOTE_GAP_PX = 4

/** Below this diagram width the note says only what it must, so it stays one or two lines. */
const SHORT_NOTE_BELOW_PX = 720

/**
 * What the level of detail left out, and how to get it back. On a narrow diagram (a phone) the
 * colours' key is left to the legend: the full sentence took four lines there, and the lanes
 * gave up that room. Pure.
 */
export function lodNoteText(layout: Layout, widthPx = Infinity): string {
  const d = layout.density
  const marks = layout.hiddenMarks > 0 ? ` ${COUNT.format(layout.hiddenMarks)} marks not shown.` : ''
  if (!d) return `Too many marks to show here.${marks} Zoom in to see them all.`
  const count = `${COUNT.format(d.messages)} messages here`
  if (widthPx < SHORT_NOTE_BELOW_PX) return `${count}, drawn as traffic.${marks} Zoom in to see each arrow.`
  return (
    `${count} (${COUNT.format(d.inFlight)} in flight), drawn ` +
    `as traffic per lane: darker is busier; red and dashed, mostly REJECT.${marks} Zoom in to see each arrow.`
  )
}

/** Whether the layout leaves something out, so the note is shown. Pure. */
export const showsLodNote = (layout: Layout | null): layout is Layout =>
  layout !== null && (layout.density !== null || layout.hiddenMarks > 0)

/**
 * The room the note takes at the diagram's foot, measured as it wraps (one line on a laptop,
 * three on a phone), and the ref that measures it; 0 while no note is shown. The frame keeps
 * that room free below the last lane: drawn over the plot, the note hid the bottom lane (P9 of
 * a dense 9-process run) with its traffic.
 */
export function useLodNoteRoom(): [number, (note: HTMLParagraphElement | null) => void] {
  const [room, setRoom] = useState(0)
  const observer = useRef<ResizeObserver | null>(null)
  const ref = useCallback((note: HTMLParagraphElement | null) => {
    observer.current?.disconnect()
    observer.current = null
    if (note === null) return setRoom(0)
    const measure = (): void => setRoom(Math.ceil(note.offsetHeight) + NOTE_BOTTOM_PX + NOTE_GAP_PX)
    measure()
    if (typeof ResizeObserver === 'undefined') return
    observer.current = new ResizeObserver(measure)
    observer.current.observe(note)
  }, [])
  return [room, ref]
}

/** The note itself: what the diagram leaves out at this zoom, at the diagram's foot. */
export function LodNote({ layout, ref }: { layout: Layout; ref: Ref<HTMLParagraphElement> }) {
  return (
    <p className="tl-lod-note" ref={ref}>
      {lodNoteText(layout, layout.frame.width)}
    </p>
  )
}
