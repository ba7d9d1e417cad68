import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { anyPresetById as presetById } from '../scenarios/presets.ts'
import { SET_ASIDE_KEY, WORK_KEY, type KeptWork } from './persistence.ts'
import {
  dismissSetAside,
  forgetAllSetAside,
  forgetSetAsideLike,
  keepSetAsideInBrowser,
  offerSetAsideFromBrowser,
  SET_ASIDE_MAX,
  setAsideIfWorth,
  setAsideList,
  setAsideName,
  setAsideStore,
  worthSettingAside,
} from './setAside.ts'

const racing = presetById('racing-adopt')!
const changed = { ...racing.scenario, seed: racing.scenario.seed + 1 }

describe('work a link opens over', () => {
  it('is set aside when it is the user’s own: a changed example or an untitled run', () => {
    expect(worthSettingAside({ scenario: changed, presetId: 'racing-adopt' }, false)).toBe(true)
    const own = { ...changed, title: undefined }
    expect(worthSettingAside({ scenario: own, presetId: null }, false)).toBe(true)
  })

  it('is not when it is an example as it ships, the link’s own run, or nothing', () => {
    const atStep = { ...racing.scenario, cursor: 12 }
    expect(worthSettingAside({ scenario: atStep, presetId: 'racing-adopt' }, false)).toBe(false)
    expect(worthSettingAside({ scenario: changed, presetId: 'racing-adopt' }, true)).toBe(false)
    expect(worthSettingAside(null, false)).toBe(false)
  })

  it('is kept with the work set aside before it, the same run once, and at most SET_ASIDE_MAX', () => {
    const runs = Array.from({ length: SET_ASIDE_MAX + 1 }, (_, k) => ({
      scenario: { ...changed, seed: changed.seed + k },
      presetId: 'racing-adopt',
    }))
    const [first, second] = runs as [KeptWork, KeptWork]
    setAsideIfWorth(first, false)
    setAsideIfWorth(second, false)
    expect(setAsideList(setAsideStore.getState())).toEqual([second, first])
    // The same inputs at another step are the same run: it moves to the front.
    setAsideIfWorth({ ...first, scenario: { ...first.scenario, cursor: 9 } }, false)
    expect(setAsideList(setAsideStore.getState()).map((w) => w.scenario.seed)).toEqual([
      first.scenario.seed,
      second.scenario.seed,
    ])
    forgetAllSetAside()
    for (const run of runs) setAsideIfWorth(run, false)
    expect(setAsideList(setAsideStore.getState())).toEqual(runs.slice(1).reverse())
    expect(setAsideStore.getState().forgot).toBe(runs[0])
    dismissSetAside()
    expect(setAsideStore.getState().work).toBe(runs[SET_ASIDE_MAX - 1])
    expect(setAsideStore.getState().forgot).toBeNull()
    forgetAllSetAside()
    expect(setAsideStore.getState().work).toBeNull()
  })

  it('is forgotten when the same run opens again (at any step): there is nothing to give back', () => {
    const other = { scenario: { ...changed, seed: changed.seed + 9 }, presetId: null }
    setAsideIfWorth({ scenario: changed, presetId: 'racing-adopt' }, false)
    setAsideIfWorth(other, false)
    forgetSetAsideLike({ ...changed, cursor: 3 })
    expect(setAsideList(setAsideStore.getState())).toEqual([other])
    forgetAllSetAside()
  })

  it('is named by the example it was changed from', () => {
    expect(setAsideName({ scenario: changed, presetId: 'racing-adopt' })).toBe(
      `your changed run of “${racing.title}”`,
    )
    expect(setAsideName({ scenario: { ...changed, title: undefined }, presetId: null })).toBe('your own run')
  })
})

/** localStorage in memory; `full` makes every write fail as a full browser storage does. */
function memoryStorage(): Storage & { full: boolean } {
  const items = new Map<string, string>()
  return {
    full: false,
    get length() {
      return items.size
    },
    clear: () => items.clear(),
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => items.get(k) ?? null,
    removeItem: (k) => void items.delete(k),
    setItem(k, v) {
      if (this.full) throw new DOMException('full', 'QuotaExceededError')
      items.set(k, v)
    },
  }
}

describe('work set aside across a reload', () => {
  let storage: ReturnType<typeof memoryStorage>
  let stop: () => void
  const work = { scenario: { ...changed, cursor: 7 }, presetId: 'racing-adopt' }
  /** A reload: the page's memory is gone, the browser's storage is not. */
  const reload = () => {
    stop()
    forgetAllSetAside()
    stop = keepSetAsideInBrowser()
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

  beforeEach(async () => {
    storage = memoryStorage()
    vi.stubGlobal('window', { localStorage: storage })
    stop = keepSetAsideInBrowser()
    // The page's start-up reads back what an earlier visit kept (nothing here) before it writes.
    await offerSetAsideFromBrowser(() => false)
  })
  afterEach(() => {
    stop()
    forgetAllSetAside()
    vi.unstubAllGlobals()
  })

  it('is kept beside the work, offered again after a reload, and forgotten on Dismiss', async () => {
    setAsideIfWorth(work, false)
    await settle()
    expect(storage.getItem(SET_ASIDE_KEY)).not.toBeNull()
    expect(storage.getItem(WORK_KEY)).toBeNull()
    reload()
    await offerSetAsideFromBrowser(() => false)
    expect(setAsideStore.getState().work).toEqual(work)
    dismissSetAside()
    await settle()
    expect(storage.getItem(SET_ASIDE_KEY)).toBeNull()
    reload()
    await offerSetAsideFromBrowser(() => false)
    expect(setAsideStore.getState().work).toBeNull()
  })

  it('is offered after newer work set aside since, and not when it is the run on screen', async () => {
    setAsideIfWorth(work, false)
    await settle()
    reload()
    const newer = { scenario: { ...changed, seed: changed.seed + 5 }, presetId: null }
    setAsideIfWorth(newer, false)
    await offerSetAsideFromBrowser(() => false)
    expect(setAsideList(setAsideStore.getState())).toEqual([newer, work])
    await settle()
    reload()
    await offerSetAsideFromBrowser((w) => w.presetId === null)
    expect(setAsideList(setAsideStore.getState())).toEqual([work])
    await settle()
    reload()
    await offerSetAsideFromBrowser(() => true)
    expect(setAsideStore.getState().work).toBeNull()
    await settle()
    expect(storage.getItem(SET_ASIDE_KEY)).toBeNull()
    expect(storage.getItem(`${SET_ASIDE_KEY}.1`)).toBeNull()
  })

  it('keeps several runs across a reload, newest first, and Dismiss offers the next', async () => {
    const runs = [1, 2, 3].map((k) => ({
      scenario: { ...changed, seed: changed.seed + k },
      presetId: 'racing-adopt',
    }))
    for (const run of runs) setAsideIfWorth(run, false)
    await settle()
    reload()
    await offerSetAsideFromBrowser(() => false)
    expect(setAsideList(setAsideStore.getState())).toEqual([runs[2], runs[1], runs[0]])
    dismissSetAside()
    await settle()
    reload()
    await offerSetAsideFromBrowser(() => false)
    expect(setAsideList(setAsideStore.getState())).toEqual([runs[1], runs[0]])
    expect(storage.getItem(`${SET_ASIDE_KEY}.2`)).toBeNull()
  })

  it('stays offered for the visit when the browser cannot keep it, and says so', async () => {
    storage.full = true
    setAsideIfWorth(work, false)
    await settle()
    expect(setAsideStore.getState()).toEqual({ work, earlier: [], forgot: null, notKept: true })
    expect(storage.getItem(SET_ASIDE_KEY)).toBeNull()
  })
})
