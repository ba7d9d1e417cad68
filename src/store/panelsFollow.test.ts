import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createInThreadClient } from '../worker/client.ts'
import * as act from './actions.ts'
import { panelCursorOf } from './moment.ts'
import { followPanelsAfterPaint } from './panelsFollow.ts'
import { setScrubbing } from './playback.ts'
import { connectEngine, synodStore } from './store.ts'

/** A frame that has not painted yet: what waits for its paint runs on `paint()`. */
let waiting: (() => void)[] = []
const paint = (): void => {
  const due = waiting
  waiting = []
  for (const fn of due) fn()
}
const panels = (): number => panelCursorOf(synodStore.getState())

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
  it('a step moves the diagram cursor now and the panels after the paint', () => {
    followPanelsAfterPaint((fn) => waiting.push(fn))
    act.stepForward()
    const { cursor } = synodStore.getState()
    expect(cursor).toBeGreaterThan(0)
    // The diagram's cursor and the announcement move in the key press; the panels wait.
    expect(synodStore.getState().announcement).toMatch(new RegExp(`^Step ${cursor}\\.`))
    expect(panels()).toBe(0)
    paint()
    expect(panels()).toBe(cursor)
  })

  it('steps faster than frames catch the panels up once, to the latest step', () => {
    followPanelsAfterPaint((fn) => waiting.push(fn))
    act.stepForward()
    act.stepForward()
    act.stepForward()
    expect(panels()).toBe(0)
    expect(waiting).toHaveLength(1)
    paint()
    expect(panels()).toBe(synodStore.getState().cursor)
  })

  it('a drag that starts before the paint starts the panels where they are', () => {
    followPanelsAfterPaint((fn) => waiting.push(fn))
    act.stepForward()
    setScrubbing(true)
    expect(synodStore.getState()).toMatchObject({ panelCursor: 0, panelsBehind: false })
    paint()
    expect(panels()).toBe(0)
  })

  it('without a scheduler (Node, tests) the panels follow at once', () => {
    act.stepForward()
    expect(panels()).toBe(synodStore.getState().cursor)
    expect(waiting).toHaveLength(0)
  })
})
