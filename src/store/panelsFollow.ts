import { synodStore } from './store.ts'

/**
 * The side panels (cards, in-flight list, log grid, counts, the feed, the status chips) show a
 * step one frame after the diagram does.
 *
 * A step used to render and paint the whole app in one frame: on a slow 2-core machine React's
 * render of every panel, then the layout and paint of all their text, made the step's frame two to
 * three times the diagram's own. The diagram (and the step counter, the scrubber and the screen
 * reader's announcement) now move in the key press; the panels stay at `panelCursor` until that
 * frame has painted, then catch up in a task of their own, painted in the next frame. Every panel
 * reads the same `panelCursor`, so they always agree with each other.
 *
 * Why not React's `useDeferredValue`: the store is an external store, whose updates React always
 * renders synchronously, and a deferred render is scheduled as a task that usually runs before the
 * browser's next frame, so the panels would still land in the diagram's frame. Waiting for the
 * frame (an animation frame, then a task) is what puts them after it.
 *
 * Without a scheduler (Node: tests, the CLI) the panels follow at once.
 */

/** Runs `fn` once the next frame has painted. */
export type AfterPaint = (fn: () => void) => void

let afterPaint: AfterPaint | null = null
let pending = false

/** Install the browser's after-paint scheduler (`main.tsx`), or remove it (`null`). */
export function followPanelsAfterPaint(schedule: AfterPaint | null): void {
  afterPaint = schedule
}

/**
 * Mirror "the panels are a frame behind" onto `target` as the `data-panels-behind` attribute, so a
 * test (or a style) can wait for the panels without guessing how many frames they take.
 */
export function markPanelsBehind(target: Element): () => void {
  return synodStore.subscribe((s, prev) => {
    if (s.panelsBehind !== prev.panelsBehind) target.toggleAttribute('data-panels-behind', s.panelsBehind)
  })
}

/** Does a cursor move now leave the panels behind for a frame? */
export const panelsLag = (): boolean => afterPaint !== null

/** The panels were left behind by a cursor move: catch them up once the frame has painted. */
export function schedulePanelCatchUp(): void {
  if (pending || afterPaint === null) return
  pending = true
  afterPaint(() => {
    pending = false
    if (synodStore.getState().panelsBehind) synodStore.setState({ panelsBehind: false })
  })
}

/**
 * An animation frame, then a task: the task runs after that frame's paint. A hidden tab runs no
 * animation frames, so a timer catches the panels up there (nothing is painted anyway).
 */
export const browserAfterPaint: AfterPaint = (fn) => {
  let done = false
  const once = (): void => {
    if (done) return
    done = true
    window.clearTimeout(fallback)
    fn()
  }
  const fallback = window.setTimeout(once, 250)
  requestAnimationFrame(() => {
    const channel = new MessageChannel()
    channel.port1.onmessage = once
    channel.port2.postMessage(0)
  })
}
