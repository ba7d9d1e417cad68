import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { anyPresetById as presetById } from '../scenarios/presets.ts'
import type { Scenario } from '../scenarios/scenario.ts'
import { encodeScenarioHash } from '../scenarios/url.ts'
import { createInThreadClient } from '../worker/client.ts'
import { SET_ASIDE_KEY, WORK_KEY, type KeptWork } from './persistence.ts'
import { dismissSetAside, setAsideStore } from './setAside.ts'
import { initialState } from './state.ts'
import { connectEngine, synodStore } from './store.ts'
import { bootScenario, openExample, startFresh, startUrlSync } from './urlSync.ts'

/**
 * Issue 14 at start-up: the kept work is read asynchronously (IndexedDB, for large work), and a
 * link pasted into the address bar, or an example picked, while it is being read must open, with
 * the kept work, if it is the user's own, set aside and offered back, as after start-up.
 * `loadWork` here waits until the test releases it.
 */
const reading = vi.hoisted(() => {
  let pending: ((kept: KeptWork | null) => void) | null = null
  // Released before the app asked (its start-up link is still being decoded): kept for the ask.
  let early: { kept: KeptWork | null } | null = null
  return {
    load: () =>
      new Promise<KeptWork | null>((resolve) => {
        if (early === null) pending = resolve
        else resolve(early.kept)
        early = null
      }),
    release: (kept: KeptWork | null): void => {
      if (pending === null) early = { kept }
      else pending(kept)
      pending = null
    },
  }
})
vi.mock('./persistence.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('./persistence.ts')>()
  return { ...real, loadWork: reading.load }
})

/** The browser's window as the sync uses it: an address, its hashchange event, localStorage. */
function installWindow(href: string): {
  paste: (hash: string) => void
  dispatch: (type: string) => void
  storage: Map<string, string>
} {
  let url = new URL(href)
  const storage = new Map<string, string>()
  const listeners = new Map<string, Set<() => void>>()
  const win = {
    location: {
      get href() {
        return url.href
      },
      get hash() {
        return url.hash
      },
      get search() {
        return url.search
      },
    },
    history: {
      state: null,
      replaceState: (_s: unknown, _u: string, next: string) => (url = new URL(next, url)),
    },
    localStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
      removeItem: (k: string) => void storage.delete(k),
    },
    addEventListener: (type: string, fn: () => void) =>
      listeners.set(type, (listeners.get(type) ?? new Set()).add(fn)),
    removeEventListener: (type: string, fn: () => void) => void listeners.get(type)?.delete(fn),
  }
  vi.stubGlobal('window', win)
  const dispatch = (type: string): void => {
    for (const fn of listeners.get(type) ?? []) fn()
  }
  const paste = (hash: string): void => {
    url = new URL(`#${hash.replace(/^#/, '')}`, url)
    dispatch('hashchange')
  }
  return { paste, dispatch, storage }
}

const racing = presetById('racing-adopt')!.scenario
const basic = presetById('basic')!.scenario
/** The user's changed run of Racing proposers, kept from last time. */
const changed: KeptWork = {
  scenario: { ...racing, seed: racing.seed + 1, cursor: 5 },
  presetId: 'racing-adopt',
}
/** Another run, shared as a link. */
const linked: Scenario = { ...basic, seed: basic.seed + 7 }

/**
 * Start-up done, and any link pasted meanwhile followed: links are decoded in slices (a later
 * task may finish them), so the test waits a few tasks past the start-up before it looks.
 */
async function settled(booting: Promise<void>): Promise<void> {
  await booting
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0))
}

const onScreen = (): Scenario => synodStore.getState().scenario
const setAside = (): KeptWork | null => setAsideStore.getState().work
const sameRun = (a: Scenario, b: Scenario): boolean =>
  JSON.stringify({ ...a, cursor: 0 }) === JSON.stringify({ ...b, cursor: 0 })

describe('a link or an example opened while the kept work is read at start-up', () => {
  let stop: (() => void) | null = null
  let page: ReturnType<typeof installWindow>

  /** Start the app at `href`: the boot's read of the kept work is pending until released. */
  function start(href: string): Promise<void> {
    page = installWindow(href)
    const booting = bootScenario(window.location)
    stop = startUrlSync()
    return booting
  }

  beforeEach(() => {
    synodStore.setState(initialState())
    connectEngine(createInThreadClient())
    dismissSetAside()
  })
  afterEach(() => {
    stop?.()
    stop = null
    dismissSetAside()
    vi.unstubAllGlobals()
  })

  it('a pasted link opens, and the changed work being read is set aside, not lost', async () => {
    const booting = start('http://synod.test/')
    page.paste(encodeScenarioHash(linked))
    reading.release(changed)
    await settled(booting)
    expect(sameRun(onScreen(), linked)).toBe(true)
    expect(setAside()).toEqual(changed)
    // The link's run is now the kept work (written at once when the page is left); the user's
    // run lives on in the set-aside slot.
    page.dispatch('pagehide')
    expect(page.storage.get(WORK_KEY)).toContain(`"seed":${linked.seed}`)
    expect(page.storage.get(SET_ASIDE_KEY)).toContain(`"seed":${changed.scenario.seed}`)
  })

  it('the kept work being read is not set aside when it is the pasted link or an example as shipped', async () => {
    let booting = start('http://synod.test/')
    page.paste(encodeScenarioHash(changed.scenario))
    reading.release(changed)
    await settled(booting)
    expect(sameRun(onScreen(), changed.scenario)).toBe(true)
    expect(setAside()).toBeNull()
    stop?.()
    booting = start('http://synod.test/')
    page.paste(encodeScenarioHash(linked))
    reading.release({ scenario: { ...racing, cursor: 3 }, presetId: 'racing-adopt' })
    await settled(booting)
    expect(sameRun(onScreen(), linked)).toBe(true)
    // Nor the empty run shown before anything opened: it is nobody's work.
    expect(setAside()).toBeNull()
  })

  it('a link pasted over a link opened at start-up: the kept work is set aside', async () => {
    const booting = start(`http://synod.test/#${encodeScenarioHash({ ...racing, seed: 99 })}`)
    page.paste(encodeScenarioHash(linked))
    reading.release(changed)
    await settled(booting)
    expect(sameRun(onScreen(), linked)).toBe(true)
    expect(setAside()).toEqual(changed)
  })

  it('a link pasted beside ?preset= opens; the kept work is set aside', async () => {
    const booting = start('http://synod.test/?preset=basic')
    page.paste(encodeScenarioHash(linked))
    reading.release(changed)
    await settled(booting)
    expect(sameRun(onScreen(), linked)).toBe(true)
    expect(setAside()).toEqual(changed)
  })

  it('a link pasted after a broken one opens, without the broken link’s notice', async () => {
    const booting = start('http://synod.test/#s=1.@@@@')
    page.paste(encodeScenarioHash(linked))
    reading.release(changed)
    await settled(booting)
    expect(sameRun(onScreen(), linked)).toBe(true)
    expect(setAside()).toEqual(changed)
    expect(synodStore.getState().notice).toBeNull()
  })

  it('a broken link pasted meanwhile opens nothing: the kept work opens, and the banner says why', async () => {
    const booting = start('http://synod.test/')
    page.paste('s=1.@@@@')
    reading.release(changed)
    await settled(booting)
    expect(sameRun(onScreen(), changed.scenario)).toBe(true)
    expect(setAside()).toBeNull()
    expect(synodStore.getState().notice).toMatch(
      /^This link could not be opened: .*current work is unchanged/,
    )
  })

  it('an example picked meanwhile opens; the kept work is set aside', async () => {
    const booting = start('http://synod.test/')
    openExample('basic')
    reading.release(changed)
    await settled(booting)
    expect(synodStore.getState().presetId).toBe('basic')
    expect(setAside()).toEqual(changed)
  })

  it('Start fresh meanwhile discards the kept work: it is neither opened nor offered', async () => {
    const booting = start('http://synod.test/')
    startFresh()
    reading.release(changed)
    await settled(booting)
    expect(synodStore.getState().presetId).toBe('basic')
    expect(setAside()).toBeNull()
  })
})
