import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createInThreadClient } from '../worker/client.ts'
import * as act from './actions.ts'
import { panelCursorOf } from './moment.ts'
import { catchUpOneGroup, followPanelsAfterPaint } from './panelsFollow.ts'
import { setScrubbing } from './playback.ts'
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

describe('the panels follow a step once its frame has painted, a group a frame', () => {
  it('a step moves the diagram cursor now and the panel groups one per painted frame after it', () => {
    followPanelsAfterPaint((fn) => waiting.push(fn))
    act.stepForward()
    const { cursor } = synodStore.getState()
    expect(cursor).toBeGreaterThan(0)
    // The diagram's cursor and the announcement move in the key press; the panels wait.
    expect(synodStore.getState().announcement).toMatch(new RegExp(`^Step ${cursor}\\.`))
    expect(panels()).toEqual(all(0))
    expect(synodStore.getState().panelsBehind).toBe(true)
    // Single-decree Paxos has no log grid: its group follows the processes' for free.
    paint()
    expect(panels()).toEqual({ log: cursor, procs: cursor, wire: 0, feed: 0 })
    paint()
    expect(panels()).toEqual({ log: cursor, procs: cursor, wire: cursor, feed: 0 })
    // Behind until the last group has caught up (what `html[data-panels-behind]` shows).
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
    expect(paintUntilCaughtUp()).toBe(3)
    expect(panels()).toEqual(all(synodStore.getState().cursor))
  })

  it('a step in every frame still reaches every group, and they agree once the steps stop', () => {
    followPanelsAfterPaint((fn) => waiting.push(fn))
    const seen = new Set<PanelGroup>()
    for (let frame = 0; frame < 6; frame++) {
      act.stepForward()
      paint()
      const { cursor } = synodStore.getState()
      for (const g of PANEL_GROUPS) if (panels()[g] === cursor) seen.add(g)
    }
    expect([...seen].sort()).toEqual([...PANEL_GROUPS].sort())
    paintUntilCaughtUp()
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

  it('when a drag ends the panels catch up with where it rests, a group a frame', () => {
    followPanelsAfterPaint((fn) => waiting.push(fn))
    setScrubbing(true)
    act.setCursor(12)
    act.setCursor(20)
    expect(panels()).toEqual(all(0))
    setScrubbing(false)
    expect(synodStore.getState().panelsBehind).toBe(true)
    expect(paintUntilCaughtUp()).toBe(3)
    expect(panels()).toEqual(all(20))
  })

  it('without a scheduler (Node, tests) the panels follow at once', () => {
    act.stepForward()
    expect(panels()).toEqual(all(synodStore.getState().cursor))
    expect(waiting).toHaveLength(0)
  })
})

describe('catchUpOneGroup', () => {
  const shown = [true, true, true, true]
  it('moves the first group behind from where the last catch-up stopped, going round', () => {
    expect(catchUpOneGroup([0, 0, 0, 0], shown, 5, 0)).toEqual({ cursors: [5, 0, 0, 0], moved: 0 })
    expect(catchUpOneGroup([5, 0, 0, 0], shown, 5, 1)).toEqual({ cursors: [5, 5, 0, 0], moved: 1 })
    expect(catchUpOneGroup([5, 5, 0, 0], shown, 7, 2)).toEqual({ cursors: [5, 5, 7, 0], moved: 2 })
    expect(catchUpOneGroup([5, 5, 7, 7], shown, 7, 0)).toEqual({ cursors: [7, 5, 7, 7], moved: 0 })
    expect(catchUpOneGroup([7, 7, 7, 7], shown, 7, 3)).toEqual({ cursors: [7, 7, 7, 7], moved: -1 })
  })

  it('a group with nothing on screen moves with the others, without a frame of its own', () => {
    const noLog = [false, true, true, true]
    expect(catchUpOneGroup([0, 0, 0, 0], noLog, 5, 0)).toEqual({ cursors: [5, 5, 0, 0], moved: 1 })
  })
})
