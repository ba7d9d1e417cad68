import * as nav from './navigation.ts'
import { panelCursorOf } from './moment.ts'
import { setCursor } from './actions.ts'
import { SPEEDS } from './state.ts'
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
 * `panelCursor`, a few times a second: re-laying out and repainting all that text on every frame
 * would cost the diagram its frames. The timer runs only during a drag.
 */
export function setScrubbing(on: boolean): void {
  const s = synodStore.getState()
  if (s.scrubbing === on) return
  if (panelTimer !== null) clearInterval(panelTimer)
  panelTimer = null
  if (!on) {
    synodStore.setState({ scrubbing: false, scrubMoving: false, panelsBehind: false })
    return
  }
  synodStore.setState({ scrubbing: true, panelCursor: panelCursorOf(s), panelsBehind: false })
  panelTimer = setInterval(() => {
    const now = synodStore.getState()
    const moving = now.panelCursor !== now.cursor
    if (moving || now.scrubMoving) synodStore.setState({ panelCursor: now.cursor, scrubMoving: moving })
  }, PANEL_SCRUB_MS)
}
