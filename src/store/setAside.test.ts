import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { anyPresetById as presetById } from '../scenarios/presets.ts'
import { SET_ASIDE_KEY, WORK_KEY } from './persistence.ts'
import {
  dismissSetAside,
  keepSetAsideInBrowser,
  offerSetAsideFromBrowser,
  setAsideIfWorth,
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
    setAsideStore.setState({ work: null, notKept: false })
    stop = keepSetAsideInBrowser()
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

  beforeEach(() => {
    storage = memoryStorage()
    vi.stubGlobal('window', { localStorage: storage })
    stop = keepSetAsideInBrowser()
  })
  afterEach(() => {
    stop()
    dismissSetAside()
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

  it('is not offered over newer work set aside, nor when it is the run on screen', async () => {
    setAsideIfWorth(work, false)
    await settle()
    reload()
    const newer = { scenario: { ...changed, seed: changed.seed + 5 }, presetId: null }
    setAsideIfWorth(newer, false)
    await offerSetAsideFromBrowser(() => false)
    expect(setAsideStore.getState().work).toBe(newer)
    reload()
    await offerSetAsideFromBrowser(() => true)
    expect(setAsideStore.getState().work).toBeNull()
    await settle()
    expect(storage.getItem(SET_ASIDE_KEY)).toBeNull()
  })

  it('stays offered for the visit when the browser cannot keep it, and says so', async () => {
    storage.full = true
    setAsideIfWorth(work, false)
    await settle()
    expect(setAsideStore.getState()).toEqual({ work, notKept: true })
    expect(storage.getItem(SET_ASIDE_KEY)).toBeNull()
  })
})
