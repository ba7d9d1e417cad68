import { protocolOf } from './protocol.ts'
import { PANEL_GROUPS, type SynodState } from './state.ts'
import { synodStore } from './store.ts'

/**
 * The side panels (log grid, cards, in-flight list, counts, the feed, the status chips) show a
 * step after the diagram does; while the scrubber is dragged, one group of them a frame.
 *
 * A step used to render and paint the whole app in one frame: on a slow 2-core machine React's
 * render of every panel, then the layout and paint of all their text, made the step's frame two to
 * three times the diagram's own. The diagram (and the step counter, the scrubber and the screen
 * reader's announcement) now move in the key press; the panels keep their steps
 * (`panelCursors`) until that frame has painted, then catch up in a task of their own, painted in
 * the next frame.
 *
 * While a drag lasts the panels catch up to `panelCursor`, which follows the cursor a few times a
 * second (`playback.ts`); for a run with a replicated log, one group (`PANEL_GROUPS`) per frame:
 * the log grid, the processes and the wire (with the counts) each cost about a third of a
 * Multi-Paxos catch-up's layout, so the frames that carried all of them were the drag's slowest
 * (its p95). After a step, when the drag ends, or for single-decree Paxos's light panels, all
 * groups catch up in one frame: a frame per group costs a frame's fixed work (style, paint,
 * layerize, commit) again for each group, for nothing the reader sees (docs/PERFORMANCE.md,
 * branch `catchup`).
 * `panelsBehind` holds until the last group has caught up, so once the cursor rests every panel
 * shows the same step as the diagram (`html[data-panels-behind]` is what the e2e tests wait for).
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
/**
 * The group a drag's catch-up looks at first. It goes round, not from the top each time, so a
 * target that moves before a sweep has finished (the drag's start) cannot leave the last groups
 * behind for long.
 */
let nextGroup = 0

/** Install the browser's after-paint scheduler (`main.tsx`), or remove it (`null`). */
export function followPanelsAfterPaint(schedule: AfterPaint | null): void {
  afterPaint = schedule
  pending = false
  nextGroup = 0
}

/**
 * Mirror "the panels are behind" onto `target` as the `data-panels-behind` attribute, so a test
 * (or a style) can wait for the panels without guessing how many frames they take.
 */
export function markPanelsBehind(target: Element): () => void {
  return synodStore.subscribe((s, prev) => {
    if (s.panelsBehind !== prev.panelsBehind) target.toggleAttribute('data-panels-behind', s.panelsBehind)
  })
}

/** Does a cursor move now leave the panels behind for a frame or more? */
export const panelsLag = (): boolean => afterPaint !== null

/** The step the panels catch up to: a drag's `panelCursor`, else the cursor. */
const targetOf = (s: SynodState): number => (s.scrubbing ? s.panelCursor : s.cursor)

/**
 * Each group's step after one frame's catch-up: the next group behind (from `first`, going round)
 * moves to `target`. Pure.
 */
export function catchUpOneGroup(
  cursors: readonly number[],
  target: number,
  first: number,
): { cursors: number[]; moved: number } {
  const n = cursors.length
  for (let k = 0; k < n; k++) {
    const g = (first + k) % n
    if (cursors[g] !== target) {
      const next = [...cursors]
      next[g] = target
      return { cursors: next, moved: g }
    }
  }
  return { cursors: [...cursors], moved: -1 }
}

/**
 * Is a catch-up worth a frame per group? Only during a drag, and only for a run whose panels keep
 * a replicated log (the grid, its cards and counts: a catch-up laid out about 360 objects in 7–10
 * ms, the drag's slowest frames). Single-decree Paxos's lecture panels lay out about 160 objects in
 * about 2 ms; a frame each only added frames (main thread per move of the bench's drag +35–50%,
 * its slowest frames unchanged).
 */
const stagedCatchUp = (s: SynodState): boolean =>
  s.scrubbing && protocolOf(s.scenario).app.logGrid !== undefined

/**
 * During a drag over a run with a log, catch up one group now and, if any is still behind, the
 * next once this frame has painted; otherwise every group at once.
 */
function catchUpStep(): void {
  pending = false
  const s = synodStore.getState()
  const target = targetOf(s)
  if (!stagedCatchUp(s)) {
    // All at once; the next drag's sweep starts from the top again (the log grid first).
    nextGroup = 0
    synodStore.setState({ panelCursors: PANEL_GROUPS.map(() => target), panelsBehind: false })
    return
  }
  const { cursors, moved } = catchUpOneGroup(s.panelCursors, target, nextGroup)
  if (moved >= 0) nextGroup = (moved + 1) % cursors.length
  const behind = cursors.some((c) => c !== target)
  synodStore.setState({ panelCursors: cursors, panelsBehind: behind })
  if (behind) schedulePanelCatchUp()
}

/**
 * The panels were left behind by a cursor move (or a drag's tick moved their target): catch them
 * up once the frame being drawn has painted (during a drag a group a frame). Without a scheduler,
 * all at once.
 */
export function schedulePanelCatchUp(): void {
  if (afterPaint === null) {
    const s = synodStore.getState()
    const target = targetOf(s)
    synodStore.setState({ panelCursors: PANEL_GROUPS.map(() => target), panelsBehind: false })
    return
  }
  if (pending) return
  pending = true
  afterPaint(catchUpStep)
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
