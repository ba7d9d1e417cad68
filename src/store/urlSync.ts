import { anyPresetById as presetById } from '../scenarios/presets.ts'
import type { Scenario } from '../scenarios/scenario.ts'
import type { ParseResult } from '../scenarios/scenario.ts'
import { decodeScenarioLinkInSlices, hasScenarioLink } from '../scenarios/url.ts'
import { loadPreset, setNotice } from './actions.ts'
import { isEmbed, linkFailure, moveToSavedCursor, openScenario, sameInputs } from './openRun.ts'
import { clearWork, saveWork, type KeptWork } from './persistence.ts'
import { addressFor, currentScenario } from './shareLink.ts'
import {
  dismissSetAside,
  forgetAllSetAside,
  forgetSetAsideLike,
  keepSetAsideInBrowser,
  offerSetAsideFromBrowser,
  setAsideIfWorth,
  setAsideStore,
} from './setAside.ts'
import {
  anotherRunOpened,
  beginStartup,
  brokenLinkPasted,
  firstRunChosen,
  keptWorkDiscarded,
  openAtStartup,
  placeholderOnScreen,
  startupInProgress,
  startupOvertaken,
} from './startup.ts'
import { synodStore } from './store.ts'
import { whenQuiet } from './whenQuiet.ts'
import { nextTask, SLICE_MS } from './inSlices.ts'

/**
 * Keeps the address bar and the kept work (IndexedDB, see persistence.ts) in step with the
 * user's work, and opens links and examples; startup.ts chooses the first run.
 *
 * A link that cannot be opened never replaces anything: a banner names the problem, and the
 * address goes back at once to the work's own link (replaced, not pushed: Back does not return
 * to the broken link), so a reload opens the work again instead of showing the same error.
 *
 * A link can arrive at any time (a pasted address, a test's `page.goto('#s=…')`), even while the
 * kept work is still being read at start-up, and a delayed address write must never overwrite a
 * hash the app has not followed yet. `followedHash` is the hash the app last wrote or opened: any
 * other hash in the address is news to follow first.
 */

/** Address and storage are written at most this often while the user plays or scrubs. */
export const SYNC_DELAY_MS = 300
/**
 * After that delay the write waits for the next frame to be painted (or for idle time), so it
 * never delays a frame that is being drawn; at the latest after this (a hidden page has no frames).
 */
export const SYNC_QUIET_TIMEOUT_MS = 1000

/** True when the address hash carries a scenario link (also "s%3D…", as some chat tools send it). */
const hasLink = (hash: string): boolean => hash.length > 1 && hasScenarioLink(hash)

/**
 * Decode a link without holding the page: a link of a few kilobytes can inflate to megabytes (up
 * to the 4 MB limit), one 100–350 ms task on a loaded 2-core machine while the inflater was cold,
 * so it is inflated in slices of about 8 ms with a turn for the page (input, a frame) between.
 */
function decodeLink(hash: string): Promise<ParseResult> {
  if (typeof MessageChannel !== 'function') return decodeScenarioLinkInSlices(hash, () => null)
  let sliceStart = performance.now()
  return decodeScenarioLinkInSlices(hash, () => {
    if (performance.now() - sliceStart < SLICE_MS) return null
    return nextTask().then(() => {
      sliceStart = performance.now()
    })
  })
}

/** The banner explains a link that could not be opened (a same-inputs link then reopens the work). */
let brokenLinkShown = false
/** The hash the app last wrote into the address or opened; any other hash is yet to be followed. */
let followedHash = ''
/** A hash being decoded to be followed: the address is not written meanwhile (it would undo it). */
let followingHash: string | null = null
/** Asks the running sync to write the address and the kept work soon (set by startUrlSync). */
let requestWrite: (() => void) | null = null

/**
 * Another run replaces the one on screen: the user's own is set aside and offered back
 * (setAside.ts); `same` when it has the replacing run's inputs.
 */
function replaceOnScreen(same: boolean, opening: Scenario): void {
  anotherRunOpened()
  // A run set aside that opens again (Back to it, its link) is on screen: nothing to give back.
  forgetSetAsideLike(opening)
  // During the start-up the screen shows nobody's work yet (the empty run, or the start-up link's
  // run, opened moments ago): the kept work still being read is what is set aside (startup.ts),
  // whichever finishes first, the read or the decoding of the link that replaces it.
  if (placeholderOnScreen() || startupInProgress()) return
  const s = synodStore.getState()
  setAsideIfWorth({ scenario: currentScenario(s), presetId: s.presetId }, same)
}

/** Open the work a link was opened over (setAside.ts) again, in place of the link's run. */
export function restoreSetAside(): void {
  const work = setAsideStore.getState().work
  if (work === null) return
  dismissSetAside()
  // The run on screen gives way in its turn: a changed one is set aside (a swap), not lost.
  replaceOnScreen(sameInputs(work.scenario, synodStore.getState().scenario), work.scenario)
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
  replaceOnScreen(sameInputs(opening.scenario, synodStore.getState().scenario), opening.scenario)
  loadPreset(id)
}

/**
 * Open the first run (startup.ts) from the address and the kept work, then write the address of
 * the run on screen (a broken link too goes back to the work that is on screen). Resolves when
 * the first run is chosen and any work set aside before a reload is offered again.
 */
export async function bootScenario(loc: Pick<Location, 'hash' | 'search'> = window.location): Promise<void> {
  lastKept = null
  followedHash = loc.hash
  followingHash = null
  beginStartup()
  const link = hasLink(loc.hash) ? await decodeLink(loc.hash) : null
  brokenLinkShown = link !== null && !link.ok && !startupOvertaken()
  try {
    await openAtStartup(link, loc.search)
  } finally {
    requestWrite?.()
    const onScreen = (w: KeptWork): boolean => sameInputs(w.scenario, synodStore.getState().scenario)
    if (!isEmbed(loc.search)) await offerSetAsideFromBrowser(onScreen)
  }
}

/**
 * Follow a hash the app has not seen: a link pasted into the address bar of the open page (or
 * a same-document navigation). Opens it (setting the user's changed work aside), or explains and
 * keeps the work.
 */
function followHash(): void {
  const hash = window.location.hash
  if (hash === followedHash || hash === followingHash) return
  followingHash = null
  if (!hasLink(hash)) {
    followedHash = hash
    return
  }
  followingHash = hash
  void decodeLink(hash).then((r) => {
    // A newer hash arrived meanwhile: it is followed instead.
    if (followingHash !== hash) return
    followingHash = null
    followedHash = hash
    openFollowed(r)
  })
}

/** Open a followed link's run, or explain why it cannot be opened and keep the work. */
function openFollowed(r: ParseResult): void {
  if (r.ok) {
    const s = synodStore.getState()
    const same = sameInputs(r.scenario, s.scenario)
    // The run on screen at another step (not the empty run shown before the first opens).
    if (same && !brokenLinkShown && !placeholderOnScreen()) {
      moveToSavedCursor(r.scenario.cursor)
      return
    }
    brokenLinkShown = false
    // Another run replaces the work on screen: the user's own is offered back, as at start-up.
    replaceOnScreen(same, r.scenario)
    openScenario(r.scenario)
  } else {
    setNotice(linkFailure(r.error))
    brokenLinkPasted(r.error)
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
  if (!firstRunChosen()) return
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
  keptWorkDiscarded()
  lastKept = null
  void clearWork()
  forgetAllSetAside()
  brokenLinkShown = false
  setNotice(null)
  loadPreset('basic')
}
