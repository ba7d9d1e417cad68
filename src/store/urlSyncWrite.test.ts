import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeScenarioLink } from '../scenarios/url.ts'
import { createInThreadClient } from '../worker/client.ts'
import * as act from './actions.ts'
import { WORK_KEY } from './persistence.ts'
import { initialState } from './state.ts'
import { connectEngine, synodStore } from './store.ts'
import { bootScenario, startUrlSync, SYNC_DELAY_MS } from './urlSync.ts'

/**
 * The address and autosave writes of a running app, in a minimal stand-in for the browser's
 * window: an address the app reads and replaces, localStorage, and frames and idle callbacks this
 * test runs by hand (so it can tell "written after the delay" from "written once a frame was
 * painted or the browser was idle").
 */
interface FakeWindow {
  location: { href: string; hash: string; search: string }
  history: { state: null; replaceState: (state: unknown, unused: string, url: string) => void }
  localStorage: Storage
  addEventListener: (type: string, fn: () => void) => void
  removeEventListener: (type: string, fn: () => void) => void
  requestIdleCallback: (fn: () => void, options?: { timeout?: number }) => number
  cancelIdleCallback: (handle: number) => void
  requestAnimationFrame: (fn: () => void) => number
  cancelAnimationFrame: (handle: number) => void
}

let idle: Map<number, () => void>
let frames: Map<number, () => void>
let listeners: Map<string, Set<() => void>>
let writes: { storage: number; address: number }
let stop: (() => void) | null = null

function installWindow(href: string): FakeWindow {
  let url = new URL(href)
  const items = new Map<string, string>()
  let nextIdle = 1
  const location = {
    get href() {
      return url.href
    },
    get hash() {
      return url.hash
    },
    get search() {
      return url.search
    },
  }
  const win: FakeWindow = {
    location,
    history: {
      state: null,
      replaceState: (_state, _unused, next) => {
        writes.address++
        url = new URL(next, url)
      },
    },
    localStorage: {
      getItem: (k) => items.get(k) ?? null,
      setItem: (k, v) => {
        writes.storage++
        items.set(k, v)
      },
      removeItem: (k) => void items.delete(k),
      clear: () => items.clear(),
      key: (i) => [...items.keys()][i] ?? null,
      get length() {
        return items.size
      },
    },
    addEventListener: (type, fn) => listeners.set(type, (listeners.get(type) ?? new Set()).add(fn)),
    removeEventListener: (type, fn) => void listeners.get(type)?.delete(fn),
    requestIdleCallback: (fn) => {
      idle.set(nextIdle, fn)
      return nextIdle++
    },
    cancelIdleCallback: (handle) => void idle.delete(handle),
    requestAnimationFrame: (fn) => {
      frames.set(nextIdle, fn)
      return nextIdle++
    },
    cancelAnimationFrame: (handle) => void frames.delete(handle),
  }
  ;(globalThis as unknown as { window: FakeWindow }).window = win
  return win
}

/** Run the idle callbacks due now, as the browser does when it has nothing else to do. */
function runIdle(): number {
  const due = [...idle.values()]
  idle.clear()
  for (const fn of due) fn()
  return due.length
}

/** Draw a frame (its animation callbacks), and let the tasks queued after its paint run. */
async function paintFrame(): Promise<number> {
  const due = [...frames.values()]
  frames.clear()
  for (const fn of due) fn()
  await wait(5)
  return due.length
}

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const afterDelay = (): Promise<void> => wait(SYNC_DELAY_MS + 50)

function settled(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): boolean => !synodStore.getState().computing && synodStore.getState().log.length > 0
    if (done()) return resolve()
    const off = synodStore.subscribe(() => {
      if (!done()) return
      off()
      resolve()
    })
  })
}

/** The cursor the kept work and the address hold. */
function kept(win: FakeWindow): { stored: number | undefined; linked: number | undefined } {
  const text = win.localStorage.getItem(WORK_KEY)
  const stored =
    text === null ? undefined : (JSON.parse(text) as { scenario: { cursor?: number } }).scenario.cursor
  const r = decodeScenarioLink(win.location.hash)
  return { stored, linked: r.ok ? r.scenario.cursor : undefined }
}

describe('the address and autosave after a step', () => {
  let win: FakeWindow
  beforeEach(async () => {
    idle = new Map()
    frames = new Map()
    listeners = new Map()
    writes = { storage: 0, address: 0 }
    win = installWindow('http://synod.test/?preset=racing-adopt')
    synodStore.setState(initialState())
    connectEngine(createInThreadClient())
    await bootScenario(win.location)
    stop = startUrlSync()
    await settled()
    await afterDelay()
    await paintFrame()
  })
  afterEach(() => {
    stop?.()
    stop = null
    delete (globalThis as { window?: unknown }).window
  })

  it('keeps the work and writes the address after the delay, once a frame is painted', async () => {
    expect(kept(win)).toEqual({ stored: 0, linked: 0 })
    act.stepForward()
    act.stepForward()
    act.stepForward()
    const cursor = synodStore.getState().cursor
    expect(cursor).toBeGreaterThan(0)
    await afterDelay()
    // The delay has passed, but the write waits for the next frame's paint: it never lands in the
    // middle of drawing one.
    expect(kept(win)).toEqual({ stored: 0, linked: 0 })
    expect(await paintFrame()).toBe(1)
    expect(kept(win)).toEqual({ stored: cursor, linked: cursor })
    // The address replays exactly: the link opens the same inputs at the same step.
    const link = decodeScenarioLink(win.location.hash)
    expect(link.ok && link.scenario).toEqual({ ...synodStore.getState().scenario, cursor })
  })

  it('or once the browser is idle, whichever comes first', async () => {
    act.stepForward()
    await afterDelay()
    expect(runIdle()).toBe(1)
    const cursor = synodStore.getState().cursor
    expect(kept(win)).toEqual({ stored: cursor, linked: cursor })
    // Written once: the frame that comes later has nothing left to do.
    const before = { ...writes }
    await paintFrame()
    expect(writes).toEqual(before)
  })

  it('a step while the write waits for a quiet moment moves it on: one write, of the newest work', async () => {
    act.stepForward()
    await afterDelay()
    act.stepForward()
    // The first write was still waiting: it is cancelled, not run late.
    expect(runIdle()).toBe(0)
    expect(await paintFrame()).toBe(0)
    await afterDelay()
    expect(await paintFrame()).toBe(1)
    const cursor = synodStore.getState().cursor
    expect(kept(win)).toEqual({ stored: cursor, linked: cursor })
  })

  it('leaving the page writes at once what is still waiting', () => {
    act.stepForward()
    const cursor = synodStore.getState().cursor
    for (const fn of listeners.get('pagehide') ?? []) fn()
    expect(kept(win)).toEqual({ stored: cursor, linked: cursor })
  })

  it('does not write the same work again (a step forth and back before the write)', async () => {
    act.stepForward()
    await afterDelay()
    await paintFrame()
    const before = { ...writes }
    act.stepForward()
    act.stepBack()
    await afterDelay()
    await paintFrame()
    expect(writes).toEqual(before)
  })

  it('a new scenario is kept at once, in full (not the previous inputs with a new cursor)', async () => {
    act.stepForward()
    await afterDelay()
    await paintFrame()
    const racing = synodStore.getState().scenario
    // The same example with one intervention fewer: every other field is the same object.
    const fewer = { ...racing, interventions: racing.interventions.slice(1), cursor: 0 }
    act.loadScenario(fewer)
    const text = win.localStorage.getItem(WORK_KEY)!
    const stored = JSON.parse(text) as { scenario: { interventions: unknown[] } }
    expect(stored.scenario.interventions).toHaveLength(racing.interventions.length - 1)
  })
})
