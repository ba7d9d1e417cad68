import { ENGINE_VERSION } from '../engine/index.ts'
import { allPresets, presetById } from '../scenarios/presets.ts'
import { scenarioToJson, type Scenario } from '../scenarios/scenario.ts'
import { decodeScenarioLink, encodeScenarioHash, hasScenarioLink } from '../scenarios/url.ts'
import { loadPreset, loadScenario, setNotice } from './actions.ts'
import { clearWork, loadWork, saveWork } from './persistence.ts'
import type { SynodState } from './state.ts'
import { synodStore } from './store.ts'

/**
 * Keeps the address bar and local storage in step with the user's work, and opens links.
 *
 * Start-up order: a `#s=` link wins, then `?preset=`, then the work kept locally, then the basic
 * example. A link that cannot be opened never replaces anything: the previous work is loaded, a
 * banner names the problem, and the broken link stays in the address bar (so the user can see and
 * copy what they pasted) until they change something, at which point the address becomes their
 * work's link again. Replacing it at once would make the banner refer to a link nobody can see.
 */

/** Address and storage are written at most this often while the user plays or scrubs. */
export const SYNC_DELAY_MS = 300

/** The scenario as it would be shared: the recorded inputs plus the current cursor. Pure. */
export function currentScenario(s: Pick<SynodState, 'scenario' | 'cursor'>): Scenario {
  return { ...s.scenario, cursor: s.cursor }
}

/** The full shareable link for the current work (the page's own address with the new hash). */
export function shareLink(s: Pick<SynodState, 'scenario' | 'cursor'>): string {
  return addressFor(s).toString()
}

/** The page's address carrying `s`: `?preset=` goes (the link holds the scenario itself). */
function addressFor(s: Pick<SynodState, 'scenario' | 'cursor'>): URL {
  const url = new URL(window.location.href)
  url.searchParams.delete('preset')
  url.hash = encodeScenarioHash(currentScenario(s))
  return url
}

/** A sentence for a scenario recorded by another engine version, or null. Pure. */
export function engineNotice(s: Scenario): string | null {
  if (s.engine === ENGINE_VERSION) return null
  return `This scenario was recorded with engine version ${s.engine}; this Synod runs version ${ENGINE_VERSION}. It replays, but the run may differ from the one originally recorded.`
}

const linkFailure = (error: string): string =>
  `This link could not be opened: ${error}. Your current work is unchanged.`

/** The preset a scenario is an unchanged copy of (ignoring the cursor), if any. Pure. */
export function matchPreset(scenario: Scenario): string | null {
  const { cursor: _cursor, ...inputs } = scenario
  const json = JSON.stringify(scenarioToJson(inputs))
  return allPresets().find((p) => JSON.stringify(scenarioToJson(p.scenario)) === json)?.id ?? null
}

/**
 * Load a scenario from a link or storage. An unchanged example loads as that example (so the
 * picker names it), then moves to the saved cursor.
 */
function openScenario(scenario: Scenario, presetId: string | null = null): void {
  const id = matchPreset(scenario)
  if (id !== null && loadPreset(id)) synodStore.setState({ cursor: scenario.cursor ?? 0 })
  else loadScenario(scenario, presetId !== null && presetById(presetId) ? presetId : null)
  setNotice(engineNotice(scenario))
}

/** Load the fallback: `?preset=` when it names one, else the locally kept work, else basic. */
function openFallback(search: string): void {
  const requested = new URLSearchParams(search).get('preset')
  if (requested !== null && presetById(requested)) {
    loadPreset(requested)
    return
  }
  const kept = isEmbed(search) ? null : loadWork()
  if (kept) openScenario(kept.scenario, kept.presetId)
  else loadPreset('basic')
  const showing = kept ? 'your previous work' : 'the basic run'
  if (requested !== null) setNotice(`There is no example called “${requested}”; showing ${showing}.`)
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

let brokenLinkShown = false

/** Decide and load the first scenario from the address and local storage. */
export function bootScenario(loc: Pick<Location, 'hash' | 'search'> = window.location): void {
  brokenLinkShown = false
  if (hasLink(loc.hash)) {
    const r = decodeScenarioLink(loc.hash)
    if (r.ok) {
      openScenario(r.scenario)
      return
    }
    openFallback(loc.search)
    setNotice(linkFailure(r.error))
    brokenLinkShown = true
    return
  }
  openFallback(loc.search)
}

/** A link pasted into the address bar of the open page: load it, or explain and keep the work. */
function onHashChange(): void {
  const hash = window.location.hash
  if (!hasLink(hash)) return
  const s = synodStore.getState()
  if (hash.slice(1) === encodeScenarioHash(currentScenario(s))) return
  const r = decodeScenarioLink(hash)
  if (r.ok) {
    brokenLinkShown = false
    openScenario(r.scenario)
  } else {
    setNotice(linkFailure(r.error))
    brokenLinkShown = true
  }
}

function writeNow(): void {
  const s = synodStore.getState()
  const url = addressFor(s).toString()
  if (window.location.href !== url) {
    // replaceState: the cursor moves often, and the Back button should leave the app, not rewind it.
    window.history.replaceState(window.history.state, '', url)
  }
  if (!isEmbed()) saveWork(currentScenario(s), s.presetId)
}

/** Start mirroring the work into the address and local storage; returns a stop function. */
export function startUrlSync(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null
  const schedule = (): void => {
    if (timer !== null) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      writeNow()
    }, SYNC_DELAY_MS)
  }
  const unsubscribe = synodStore.subscribe((next, prev) => {
    if (next.scenario === prev.scenario && next.cursor === prev.cursor) return
    // The worker clamping the cursor is not the user acting: the broken link stays readable.
    if (brokenLinkShown && !next.touched && next.scenario === prev.scenario) return
    // The user acted after a broken link: from now on the address shows their work.
    brokenLinkShown = false
    if (next.scenario === prev.scenario) {
      schedule()
      return
    }
    // A new scenario is a deliberate act and rare: keep it at once, so a quick reload finds it.
    if (timer !== null) clearTimeout(timer)
    timer = null
    writeNow()
  })
  if (!brokenLinkShown) schedule()
  window.addEventListener('hashchange', onHashChange)
  const flush = (): void => {
    if (timer === null) return
    clearTimeout(timer)
    timer = null
    writeNow()
  }
  // A reload right after a change must not lose it.
  window.addEventListener('pagehide', flush)
  return () => {
    unsubscribe()
    if (timer !== null) clearTimeout(timer)
    window.removeEventListener('hashchange', onHashChange)
    window.removeEventListener('pagehide', flush)
  }
}

/** Discard the kept work and the link, and go back to the basic example. */
export function startFresh(): void {
  clearWork()
  brokenLinkShown = false
  setNotice(null)
  loadPreset('basic')
}
