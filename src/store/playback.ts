import * as nav from './navigation.ts'
import { panelCursorOf } from './moment.ts'
import { schedulePanelCatchUp } from './panelsFollow.ts'
import { setCursor } from './actions.ts'
import { PANEL_GROUPS, SPEEDS } from './state.ts'
import { synodStore } from './store.ts'

/**
 * Play / pause. A single timeout is pending only while playing; pausing clears it, so a paused
 * app does no work at all. Playback stops at the end of the run and at a scenario's beats.
 */

let timer: ReturnType<typeof setTimeout> | null = null

function clear(): void {
  if (timer !== null) clearTimeout(timer)
  timer = null
}

function schedule(): void {
  clear()
  const { speed } = synodStore.getState()
  timer = setTimeout(tick, 1000 / speed)
}

function tick(): void {
  timer = null
  const s = synodStore.getState()
  if (!s.playing) return
  const next = nav.stepForward(s.log, s.cursor)
  if (next === s.cursor) {
    if (s.computing) return schedule()
    return pause()
  }
  setCursor(next)
  const beat = s.scenario.beats?.some((b) => b.step === next)
  if (beat) return pause()
  schedule()
}

export function play(): void {
  const s = synodStore.getState()
  if (s.playing) return
  const atEnd = !s.computing && s.cursor >= nav.lastStep(s.log)
  if (atEnd) setCursor(0)
  synodStore.setState({ playing: true, touched: true })
  schedule()
}

export function pause(): void {
  clear()
  if (synodStore.getState().playing) synodStore.setState({ playing: false })
}

export function togglePlay(): void {
  if (synodStore.getState().playing) pause()
  else play()
}

export function setSpeed(speed: number): void {
  synodStore.setState({ speed })
  if (synodStore.getState().playing) schedule()
}

/** One notch faster or slower on the speed scale. */
export function nudgeSpeed(dir: 1 | -1): void {
  const { speed } = synodStore.getState()
  const i = SPEEDS.findIndex((v) => v >= speed)
  const next = SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, (i < 0 ? SPEEDS.length - 1 : i) + dir))]
  if (next !== undefined) setSpeed(next)
}

/** How often the side panels catch up with the cursor while the scrubber is dragged. */
export const PANEL_SCRUB_MS = 100
let panelTimer: ReturnType<typeof setInterval> | null = null

/**
 * The scrubber's drag starts or ends (see `PlaybackSlice.scrubbing`). While it lasts, the diagram
 * follows every frame but the panels (cards, in-flight list, narration, status chips) follow
 * `panelCursor`, a few times a second, one group a frame (`panelsFollow.ts`): re-laying out and
 * repainting all that text on every frame would cost the diagram its frames. A tick that finds a
 * catch-up still under way leaves it to finish first: each step the panels are given then reaches
 * every group, and on a slow machine (or a big run) the panels follow as fast as their frames
 * allow, not faster. The timer runs only during a drag; when the drag ends the panels catch up
 * with the cursor where it rests in the next frame, as after a step.
 */
export function setScrubbing(on: boolean): void {
  const s = synodStore.getState()
  if (s.scrubbing === on) return
  if (panelTimer !== null) clearInterval(panelTimer)
  panelTimer = null
  // What each group shows now; a catch-up under way goes on toward the new target.
  const shown = PANEL_GROUPS.map((g) => panelCursorOf(s, g))
  const behind = shown.some((c) => c !== s.cursor)
  if (!on) {
    synodStore.setState({ scrubbing: false, scrubMoving: false, panelCursors: shown, panelsBehind: behind })
    if (behind) schedulePanelCatchUp()
    return
  }
  synodStore.setState({ scrubbing: true, panelCursor: s.cursor, panelCursors: shown, panelsBehind: behind })
  if (behind) schedulePanelCatchUp()
  panelTimer = setInterval(() => {
    const now = synodStore.getState()
    if (now.panelsBehind) return
    const moving = now.panelCursor !== now.cursor
    if (!moving && !now.scrubMoving) return
    synodStore.setState({ panelCursor: now.cursor, scrubMoving: moving, panelsBehind: moving })
    if (moving) schedulePanelCatchUp()
  }, PANEL_SCRUB_MS)
}
