import { anyPresetById as presetById } from '../scenarios/presets.ts'
import type { ParseResult, Scenario } from '../scenarios/scenario.ts'
import { loadPreset, setNotice } from './actions.ts'
import { isEmbed, linkFailure, openScenario, sameInputs } from './openRun.ts'
import { loadWork, type KeptWork } from './persistence.ts'
import { setAsideIfWorth } from './setAside.ts'
import { synodStore } from './store.ts'

/**
 * The first run at start-up. A `#s=` link wins, then `?preset=`, then the work kept from last
 * time, then the basic example. A link that cannot be opened never replaces anything: the
 * previous work is loaded (even beside a `?preset=`, which then opens only when nothing was
 * kept) and a banner names the problem (urlSync.ts puts the work's own link back in the address).
 *
 * Reading the kept work is asynchronous (IndexedDB holds large work), and another run can open
 * meanwhile: a link pasted into the address bar, an example picked. That run wins, as a link at
 * start-up wins, and the kept work, if it is the user's own, is set aside and offered back
 * (setAside.ts), as when the run opens after start-up. It used to be dropped without a word,
 * while the empty run shown during the read was offered back in its place (issue 14).
 */

/** False while the first run is being chosen: nothing is written until the kept work is known. */
let chosen = false
/** The empty run on screen before anything opens: nobody's work, never set aside. */
let placeholder: Scenario | null = null
/** What happened while the kept work was being read: another run opened, or it was discarded. */
let overtaken: 'nothing' | 'another run' | 'discarded' = 'nothing'
/** Why a link pasted while the kept work was being read could not be opened. */
let pastedBrokenLink: string | null = null

/**
 * Start choosing the first run, before the start-up link is even decoded (it is decoded in slices,
 * urlSync.ts): a run opened from then on overtakes the start-up, as one opened while the kept work
 * is read does.
 */
export function beginStartup(): void {
  starting = true
  chosen = false
  overtaken = 'nothing'
  pastedBrokenLink = null
  placeholder = synodStore.getState().scenario
}

/** Is the start-up still choosing the first run (decoding its link, reading the kept work)? */
let starting = false
export const startupInProgress = (): boolean => starting

/** Has another run opened, or Start fresh been pressed, since the start-up began? */
export const startupOvertaken = (): boolean => overtaken !== 'nothing'

/** Is the first run chosen (so the address and the kept work may be written)? */
export const firstRunChosen = (): boolean => chosen

/** Is the run on screen the empty one shown before the first run opened? */
export const placeholderOnScreen = (): boolean => synodStore.getState().scenario === placeholder

/**
 * Another run opened (a pasted link, a picked example, the set-aside work restored): it stays,
 * and the kept work still being read is set aside rather than opened.
 */
export function anotherRunOpened(): void {
  if (overtaken === 'nothing') overtaken = 'another run'
}

/**
 * A link pasted while the kept work is being read could not be opened: the kept work then opens
 * with the banner a broken link at start-up shows (opening it clears the banner shown so far).
 */
export function brokenLinkPasted(error: string): void {
  pastedBrokenLink = error
}

/** Start fresh: the kept work still being read is neither opened nor offered back. */
export function keptWorkDiscarded(): void {
  overtaken = 'discarded'
}

interface ReadWork {
  readonly kept: KeptWork | null
  /** The kept work is the run that replaced it (a reload of its own link): nothing set aside. */
  readonly same: boolean
  /** Another run opened, or Start fresh discarded the work, while it was being read. */
  readonly overtaken: boolean
}

/**
 * Read the kept work (none when embedded). If a run replaced it, it is set aside when it is the
 * user's own: `opened`, the run the start-up opened in its place (a link, `?preset=`), or the
 * run that opened while it was read. Start fresh meanwhile forgets it (kept is then null).
 */
async function readKeptWork(search: string, opened: Scenario | null): Promise<ReadWork> {
  const kept = isEmbed(search) ? null : await loadWork()
  if (overtaken === 'discarded') return { kept: null, same: false, overtaken: true }
  const replacedBy = overtaken === 'another run' ? synodStore.getState().scenario : opened
  if (replacedBy === null) return { kept, same: false, overtaken: false }
  const same = kept !== null && sameInputs(kept.scenario, replacedBy)
  setAsideIfWorth(kept, same)
  return { kept, same, overtaken: overtaken !== 'nothing' }
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
    // Shown at once; the kept work it replaces, if the user's own, is offered back.
    await readKeptWork(search, synodStore.getState().scenario)
    return
  }
  const { kept, overtaken } = await readKeptWork(search, null)
  if (overtaken) return
  brokenLink ??= pastedBrokenLink
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
  // Another run: the link replaced the kept work, set aside if it was the user's own.
  const { kept, same, overtaken } = await readKeptWork(search, opened)
  if (overtaken || !same || !kept?.presetId || !presetById(kept.presetId)) return
  const s = synodStore.getState()
  if (s.scenario === opened && s.presetId === null) synodStore.setState({ presetId: kept.presetId })
}

/**
 * Open the first run (after `beginStartup`): `link` (the address's `#s=`, decoded; null when
 * there is none), else the fallback above. A link opens at once; the kept work is read asynchronously (the run shows
 * "computing" meanwhile). Resolves when the choice is made.
 */
export async function openAtStartup(link: ParseResult | null, search: string): Promise<void> {
  try {
    // Overtaken while the start-up link was decoded: that run stays; the kept work is offered back.
    if (overtaken !== 'nothing') {
      await readKeptWork(search, null)
      return
    }
    if (link !== null && link.ok) {
      openScenario(link.scenario)
      chosen = true
      await restoreExampleOf(synodStore.getState().scenario, search)
      return
    }
    synodStore.setState({ computing: true })
    await openFallback(search, link === null ? null : link.error)
  } finally {
    chosen = true
    starting = false
  }
}
