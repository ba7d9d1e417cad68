import { ENGINE_VERSION } from '../engine/index.ts'
import { anyPresetById as presetById } from '../scenarios/presets.ts'
import { scenarioToJson, type Scenario } from '../scenarios/scenario.ts'
import { decodeScenarioLink, hasScenarioLink } from '../scenarios/url.ts'
import { loadPreset, loadScenario, setNotice } from './actions.ts'
import { changedFrom, matchPreset } from './presetMatch.ts'
import { clearWork, loadWork, saveWork, type KeptWork } from './persistence.ts'
import { addressFor, currentScenario } from './shareLink.ts'
import {
  dismissSetAside,
  keepSetAsideInBrowser,
  offerSetAsideFromBrowser,
  setAsideIfWorth,
  setAsideStore,
} from './setAside.ts'
import { synodStore } from './store.ts'
import { whenQuiet } from './whenQuiet.ts'

/**
 * Keeps the address bar and the kept work (IndexedDB, see persistence.ts) in step with the
 * user's work, and opens links.
 *
 * Start-up order: a `#s=` link wins, then `?preset=`, then the work kept from last time, then the
 * basic example. A link that cannot be opened never replaces anything: the previous work is
 * loaded (even beside a `?preset=`, which then opens only when nothing was kept), a banner names
 * the problem, and the address goes back at once to the work's own link
 * (replaced, not pushed: Back does not return to the broken link), so a reload opens the work
 * again instead of showing the same error.
 *
 * Reading the kept work is asynchronous, so a link that arrives meanwhile (a pasted address, a
 * test's `page.goto('#s=…')`) must win over it; and a delayed address write must never overwrite
 * a hash the app has not followed yet. `followedHash` is the hash the app last wrote or opened:
 * any other hash in the address is news to follow first.
 */

/** Address and storage are written at most this often while the user plays or scrubs. */
export const SYNC_DELAY_MS = 300
/**
 * After that delay the write waits for the next frame to be painted (or for idle time), so it
 * never delays a frame that is being drawn; at the latest after this (a hidden page has no frames).
 */
export const SYNC_QUIET_TIMEOUT_MS = 1000

/** A sentence for a scenario recorded by another engine version, or null. Pure. */
export function engineNotice(s: Scenario): string | null {
  if (s.engine === ENGINE_VERSION) return null
  return `This scenario was recorded with engine version ${s.engine}; this Synod runs version ${ENGINE_VERSION}. It replays, but the run may differ from the one originally recorded.`
}

/**
 * A link that could not be opened, and what shows instead: the work on screen (or kept from last
 * time), or, with no work to keep (a fresh profile), the example `instead` names.
 */
export const linkFailure = (error: string, instead: string | null = null): string =>
  `This link could not be opened: ${error}. ${instead === null ? 'Your current work is unchanged.' : `Showing ${instead} instead.`}`

/**
 * Load a scenario from a link or storage. An unchanged example loads as that example (so the
 * picker names it), then moves to the saved cursor; a changed one loads as changed from it (the
 * picker says "(changed)", and presenter mode does not tell the example's story as this run's).
 */
function openScenario(scenario: Scenario, presetId: string | null = null): void {
  const id = matchPreset(scenario)
  if (id !== null && loadPreset(id)) synodStore.setState({ cursor: scenario.cursor ?? 0 })
  else loadScenario(scenario, presetId !== null && presetById(presetId) ? presetId : changedFrom(scenario))
  setNotice(engineNotice(scenario))
}

/**
 * `?embed`: a minimal view inside someone else's page. It never reads or writes the visitor's
 * kept work (an embedded example must not overwrite, or show, what they were doing in Synod).
 */
export function isEmbed(
  search: string = typeof window === 'undefined' ? '' : window.location.search,
): boolean {
  return new URLSearchParams(search).has('embed')
}

/** True when the address hash carries a scenario link (also "s%3D…", as some chat tools send it). */
const hasLink = (hash: string): boolean => hash.length > 1 && hasScenarioLink(hash)

/** The banner explains a link that could not be opened (a same-inputs link then reopens the work). */
let brokenLinkShown = false
/** The hash the app last wrote into the address or opened; any other hash is yet to be followed. */
let followedHash = ''
/** False while the kept work is being read at start-up: nothing is written until it is known. */
let booted = false
/** Bumped by every navigation the app follows, so a late read of the kept work cannot undo it. */
let navigation = 0
/** Asks the running sync to write the address and the kept work soon (set by startUrlSync). */
let requestWrite: (() => void) | null = null

/** Same inputs (ignoring the cursor)? Pure. */
const sameInputs = (a: Scenario, b: Scenario): boolean => {
  const { cursor: _a, ...x } = a
  const { cursor: _b, ...y } = b
  return JSON.stringify(scenarioToJson(x)) === JSON.stringify(scenarioToJson(y))
}

/** The kept work, unless embedded, or unless a navigation happened while it was being read. */
async function keptWork(search: string): Promise<{ kept: KeptWork | null; current: boolean }> {
  const at = navigation
  const kept = isEmbed(search) ? null : await loadWork()
  return { kept, current: at === navigation }
}

/**
 * Open `?preset=`, else the kept work, else basic. `brokenLink` (why a link could not be opened)
 * puts the kept work first: the banner says the current work is unchanged, so a `?preset=` beside
 * the broken link must not replace it (it opens only when nothing was kept). Resolves when the
 * choice is made.
 */
async function openFallback(search: string, brokenLink: string | null): Promise<void> {
  const requested = new URLSearchParams(search).get('preset')
  const known = requested !== null && presetById(requested) !== undefined
  if (known && brokenLink === null) {
    loadPreset(requested)
    setNotice(null)
    // Shown at once; the kept work it replaces, if the user's own, is offered back (setAside.ts).
    const opened = synodStore.getState().scenario
    const { kept, current } = await keptWork(search)
    if (current) setAsideIfWorth(kept, kept !== null && sameInputs(kept.scenario, opened))
    return
  }
  const { kept, current } = await keptWork(search)
  if (!current) return
  const example = presetById(known ? requested : 'basic')
  if (kept) openScenario(kept.scenario, kept.presetId)
  else loadPreset(known ? requested : 'basic')
  const showing = kept ? 'your previous work' : 'the basic run'
  if (requested !== null && !known)
    setNotice(`There is no example called “${requested}”; showing ${showing}.`)
  if (brokenLink !== null) setNotice(linkFailure(brokenLink, kept ? null : `the example “${example?.title}”`))
}

/**
 * A link opened at start-up carries no example id. When it is the kept work (a reload), the
 * kept record knows which example it was changed from: the picker says "(changed)" again.
 */
async function restoreExampleOf(opened: Scenario, search: string): Promise<void> {
  const { kept, current } = await keptWork(search)
  const s = synodStore.getState()
  if (!current) return
  const same = kept !== null && sameInputs(kept.scenario, opened)
  // Another run: the link replaced the kept work, offered back if it was the user's own.
  setAsideIfWorth(kept, same)
  if (!kept?.presetId || !presetById(kept.presetId)) return
  if (s.scenario === opened && s.presetId === null && same) synodStore.setState({ presetId: kept.presetId })
}

/** Open the work a link was opened over (setAside.ts) again, in place of the link's run. */
export function restoreSetAside(): void {
  const work = setAsideStore.getState().work
  if (work === null) return
  navigation++
  dismissSetAside()
  openScenario(work.scenario, work.presetId)
}

/**
 * Open an example picked in the top bar or the gallery. The user's own work it replaces (a
 * changed example, a run of their own) is set aside and offered back, as when a link opens over
 * it: a newcomer lost a changed run to the picker without a word, and Back could not bring it
 * back (the address is replaced, not pushed).
 */
export function openExample(id: string): void {
  const opening = presetById(id)
  if (!opening) return
  navigation++
  const s = synodStore.getState()
  setAsideIfWorth(
    { scenario: currentScenario(s), presetId: s.presetId },
    sameInputs(opening.scenario, s.scenario),
  )
  loadPreset(id)
}

/**
 * Decide and load the first scenario from the address and the kept work. A link opens at once;
 * the kept work is read asynchronously (the run shows "computing" meanwhile).
 */
export async function bootScenario(loc: Pick<Location, 'hash' | 'search'> = window.location): Promise<void> {
  brokenLinkShown = false
  booted = false
  lastKept = null
  followedHash = loc.hash
  try {
    if (hasLink(loc.hash)) {
      const r = decodeScenarioLink(loc.hash)
      if (r.ok) {
        openScenario(r.scenario)
        booted = true
        await restoreExampleOf(synodStore.getState().scenario, loc.search)
        return
      }
      brokenLinkShown = true
      synodStore.setState({ computing: true })
      await openFallback(loc.search, r.error)
      return
    }
    synodStore.setState({ computing: true })
    await openFallback(loc.search, null)
  } finally {
    booted = true
    // A broken link too: the address goes back to the work that is on screen.
    requestWrite?.()
    const onScreen = (w: KeptWork): boolean => sameInputs(w.scenario, synodStore.getState().scenario)
    if (!isEmbed(loc.search)) await offerSetAsideFromBrowser(onScreen)
  }
}

/**
 * Follow a hash the app has not seen: a link pasted into the address bar of the open page (or
 * a same-document navigation). Opens it (setting the user's changed work aside, setAside.ts), or
 * explains and keeps the work.
 */
function followHash(): void {
  const hash = window.location.hash
  if (hash === followedHash) return
  followedHash = hash
  if (!hasLink(hash)) return
  navigation++
  const r = decodeScenarioLink(hash)
  if (r.ok) {
    const s = synodStore.getState()
    const same = sameInputs(r.scenario, s.scenario)
    if (same && !brokenLinkShown) {
      synodStore.setState({ cursor: r.scenario.cursor ?? 0 })
      return
    }
    brokenLinkShown = false
    // Another run replaces the work on screen: the user's own is offered back, as at start-up.
    setAsideIfWorth({ scenario: currentScenario(s), presetId: s.presetId }, same)
    openScenario(r.scenario)
  } else {
    setNotice(linkFailure(r.error))
    brokenLinkShown = true
    // The work on screen is unchanged: its link replaces the broken one at once.
    writeNow()
  }
}

/** The newest save's failure, shown once until a save succeeds again. */
let saveFailure: string | null = null

/** The work last handed to storage; the same work (a step forth and back) is not written again. */
let lastKept: { work: Scenario; presetId: string | null } | null = null

async function keep(work: Scenario, presetId: string | null): Promise<void> {
  const last = lastKept
  if (last && last.work === work && last.presetId === presetId) return
  const kept = { work, presetId }
  lastKept = kept
  const outcome = await saveWork(work, presetId)
  if (outcome.ok) {
    if (saveFailure !== null && synodStore.getState().notice === saveFailure) setNotice(null)
    saveFailure = null
    return
  }
  // Not kept: the next write tries again, even of the same work.
  if (lastKept === kept) lastKept = null
  if (saveFailure !== null) return
  saveFailure = `Your work could not be kept in this browser (${outcome.reason}), so reloading would lose it. Save it with File → Save scenario file…`
  setNotice(saveFailure)
}

function writeNow(): void {
  if (!booted) return
  const s = synodStore.getState()
  // The work on screen is kept whatever the address holds.
  if (!isEmbed()) void keep(currentScenario(s), s.presetId)
  // A hash arrived that the app has not followed yet: follow it, never overwrite it.
  if (window.location.hash !== followedHash) return followHash()
  const url = addressFor(s)
  if (window.location.href !== url) {
    // replaceState: the cursor moves often, and the Back button should leave the app, not rewind it.
    window.history.replaceState(window.history.state, '', url)
  }
  followedHash = window.location.hash
}

/** Start mirroring the work into the address and the kept work; returns a stop function. */
export function startUrlSync(): () => void {
  // A write is due: first the delay (the cursor may move on), then a quiet moment.
  let cancel: (() => void) | null = null
  const stop = (): void => {
    cancel?.()
    cancel = null
  }
  const write = (): void => {
    cancel = null
    writeNow()
  }
  const schedule = (): void => {
    stop()
    const timer = setTimeout(() => {
      cancel = whenQuiet(write, SYNC_QUIET_TIMEOUT_MS)
    }, SYNC_DELAY_MS)
    cancel = () => clearTimeout(timer)
  }
  const unsubscribe = synodStore.subscribe((next, prev) => {
    if (next.scenario === prev.scenario && next.cursor === prev.cursor) return
    if (next.scenario === prev.scenario) {
      schedule()
      return
    }
    // A new scenario is a deliberate act and rare: keep it at once, so a quick reload finds it.
    stop()
    writeNow()
  })
  requestWrite = schedule
  const stopKeepingSetAside = isEmbed() ? () => undefined : keepSetAsideInBrowser()
  schedule()
  window.addEventListener('hashchange', followHash)
  const flush = (): void => {
    if (cancel === null) return
    stop()
    writeNow()
  }
  // A reload right after a change must not lose it.
  window.addEventListener('pagehide', flush)
  return () => {
    unsubscribe()
    stopKeepingSetAside()
    requestWrite = null
    stop()
    window.removeEventListener('hashchange', followHash)
    window.removeEventListener('pagehide', flush)
  }
}

/** Discard the kept work and the link, and go back to the basic example. */
export function startFresh(): void {
  navigation++
  lastKept = null
  void clearWork()
  dismissSetAside()
  brokenLinkShown = false
  setNotice(null)
  loadPreset('basic')
}
