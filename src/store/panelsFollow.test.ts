import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createInThreadClient } from '../worker/client.ts'
import * as act from './actions.ts'
import { panelCursorOf } from './moment.ts'
import { catchUpOneGroup, followPanelsAfterPaint } from './panelsFollow.ts'
import { PANEL_SCRUB_MS, setScrubbing } from './playback.ts'
import { PANEL_GROUPS, type PanelGroup } from './state.ts'
import { connectEngine, synodStore } from './store.ts'

/** A frame that has not painted yet: what waits for its paint runs on `paint()`. */
let waiting: (() => void)[] = []
const paint = (): void => {
  const due = waiting
  waiting = []
  for (const fn of due) fn()
}
/** The step each group of panels shows, by group. */
const panels = (): Record<PanelGroup, number> => {
  const s = synodStore.getState()
  return Object.fromEntries(PANEL_GROUPS.map((g) => [g, panelCursorOf(s, g)])) as Record<PanelGroup, number>
}
/** Paint until the panels have caught up; how many frames that took. */
const paintUntilCaughtUp = (): number => {
  let frames = 0
  while (synodStore.getState().panelsBehind && frames < 20) {
    paint()
    frames++
  }
  return frames
}
const all = (step: number): Record<PanelGroup, number> =>
  Object.fromEntries(PANEL_GROUPS.map((g) => [g, step])) as Record<PanelGroup, number>

beforeAll(async () => {
  connectEngine(createInThreadClient())
  act.loadPreset('racing-adopt')
  await new Promise<void>((resolve) => {
    const done = (): boolean => !synodStore.getState().computing && synodStore.getState().log.length > 0
    if (done()) return resolve()
    const off = synodStore.subscribe(() => done() && (off(), resolve()))
  })
})

afterEach(() => {
  followPanelsAfterPaint(null)
  paint()
  setScrubbing(false)
  act.setCursor(0)
})

describe('the panels follow a step once its frame has painted', () => {
  it('a step moves the diagram cursor now and every panel group in the frame after it', () => {
    followPanelsAfterPaint((fn) => waiting.push(fn))
    act.stepForward()
    const { cursor } = synodStore.getState()
    expect(cursor).toBeGreaterThan(0)
    // The diagram's cursor and the announcement move in the key press; the panels wait.
    expect(synodStore.getState().announcement).toMatch(new RegExp(`^Step ${cursor}\\.`))
    expect(panels()).toEqual(all(0))
    expect(synodStore.getState().panelsBehind).toBe(true)
    paint()
    expect(panels()).toEqual(all(cursor))
    expect(synodStore.getState().panelsBehind).toBe(false)
    expect(waiting).toHaveLength(0)
  })

  it('steps faster than frames catch the panels up once, to the latest step', () => {
    followPanelsAfterPaint((fn) => waiting.push(fn))
    act.stepForward()
    act.stepForward()
    act.stepForward()
    expect(panels()).toEqual(all(0))
    expect(waiting).toHaveLength(1)
    expect(paintUntilCaughtUp()).toBe(1)
    expect(panels()).toEqual(all(synodStore.getState().cursor))
  })

  it('a drag that starts before the paint: the panels still catch up with the step it started at', () => {
    followPanelsAfterPaint((fn) => waiting.push(fn))
    act.stepForward()
    const { cursor } = synodStore.getState()
    setScrubbing(true)
    expect(synodStore.getState()).toMatchObject({ panelCursor: cursor, panelsBehind: true })
    paintUntilCaughtUp()
    expect(panels()).toEqual(all(cursor))
  })

  it('without a scheduler (Node, tests) the panels follow at once', () => {
    act.stepForward()
    expect(panels()).toEqual(all(synodStore.getState().cursor))
    expect(waiting).toHaveLength(0)
  })
})

const loaded = (id: string): Promise<void> => {
  act.loadPreset(id)
  return new Promise<void>((resolve) => {
    const done = (): boolean => !synodStore.getState().computing && synodStore.getState().log.length > 0
    if (done()) return resolve()
    const off = synodStore.subscribe(() => done() && (off(), resolve()))
  })
}

/** Drag to `step` and let the drag's timer tick once. */
const dragTick = (step: number): void => {
  act.setCursor(step)
  vi.advanceTimersByTime(PANEL_SCRUB_MS)
}

describe('while the scrubber is dragged', () => {
  it("single-decree Paxos's light panels catch up all in one frame", () => {
    vi.useFakeTimers()
    try {
      followPanelsAfterPaint((fn) => waiting.push(fn))
      setScrubbing(true)
      dragTick(12)
      expect(synodStore.getState()).toMatchObject({ panelCursor: 12, panelsBehind: true })
      expect(paintUntilCaughtUp()).toBe(1)
      expect(panels()).toEqual(all(12))
    } finally {
      vi.useRealTimers()
    }
  })

  describe('a run with a replicated log', () => {
    beforeAll(() => loaded('mp-leader-crash'))

    it('a tick moves one group per painted frame, behind until the last; the next tick waits for it', () => {
      vi.useFakeTimers()
      try {
        followPanelsAfterPaint((fn) => waiting.push(fn))
        setScrubbing(true)
        dragTick(12)
        expect(synodStore.getState()).toMatchObject({ panelCursor: 12, panelsBehind: true })
        expect(panels()).toEqual(all(0))
        paint()
        expect(panels()).toEqual({ log: 12, procs: 0, wire: 0, feed: 0 })
        // A tick during the sweep leaves the target alone: every group gets the same step.
        dragTick(20)
        expect(synodStore.getState().panelCursor).toBe(12)
        paint()
        paint()
        expect(panels()).toEqual({ log: 12, procs: 12, wire: 12, feed: 0 })
        expect(synodStore.getState().panelsBehind).toBe(true)
        paint()
        expect(panels()).toEqual(all(12))
        expect(synodStore.getState().panelsBehind).toBe(false)
        // The next tick takes the cursor where the drag is now.
        vi.advanceTimersByTime(PANEL_SCRUB_MS)
        expect(synodStore.getState()).toMatchObject({ panelCursor: 20, panelsBehind: true })
        expect(paintUntilCaughtUp()).toBe(4)
        expect(panels()).toEqual(all(20))
      } finally {
        vi.useRealTimers()
      }
    })

    it('when the drag ends mid-sweep the panels catch up with where it rests in the next frame', () => {
      vi.useFakeTimers()
      try {
        followPanelsAfterPaint((fn) => waiting.push(fn))
        setScrubbing(true)
        dragTick(12)
        paint()
        act.setCursor(20)
        setScrubbing(false)
        expect(synodStore.getState().panelsBehind).toBe(true)
        expect(paintUntilCaughtUp()).toBe(1)
        expect(panels()).toEqual(all(20))
        // The next drag's sweep starts from the top again.
        setScrubbing(true)
        dragTick(30)
        paint()
        expect(panels()).toEqual({ log: 30, procs: 20, wire: 20, feed: 20 })
      } finally {
        vi.useRealTimers()
      }
    })
  })
})

describe('catchUpOneGroup', () => {
  it('moves the first group behind from where the last catch-up stopped, going round', () => {
    expect(catchUpOneGroup([0, 0, 0, 0], 5, 0)).toEqual({ cursors: [5, 0, 0, 0], moved: 0 })
    expect(catchUpOneGroup([5, 0, 0, 0], 5, 1)).toEqual({ cursors: [5, 5, 0, 0], moved: 1 })
    expect(catchUpOneGroup([5, 5, 0, 0], 7, 2)).toEqual({ cursors: [5, 5, 7, 0], moved: 2 })
    expect(catchUpOneGroup([5, 5, 7, 7], 7, 0)).toEqual({ cursors: [7, 5, 7, 7], moved: 0 })
    expect(catchUpOneGroup([7, 7, 7, 7], 7, 3)).toEqual({ cursors: [7, 7, 7, 7], moved: -1 })
  })
})
