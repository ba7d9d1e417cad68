import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { anyPresetById as presetById } from '../scenarios/presets.ts'
import { isolatedText } from '../scenarios/userText.ts'
import type { Scenario } from '../scenarios/scenario.ts'
import { sameInputs } from './openRun.ts'
import {
  clearSetAsideWork,
  loadSetAsideWorks,
  saveSetAsideWork,
  SET_ASIDE_SLOTS,
  type KeptWork,
} from './persistence.ts'
import { matchPreset } from './presetMatch.ts'

/**
 * Work a link opened over. The kept work (persistence.ts) holds one run: an example link opened
 * in another tab (`?preset=`, `#s=`) replaced a student's changed run there, and once the tabs
 * were closed it was gone without a word. Such work is now set aside when the link opens (kept in
 * the browser beside the kept work, so a reload does not lose it), and a banner offers it back
 * until it is restored or dismissed.
 */
export interface SetAsideState {
  /** The newest work set aside: the one the banner offers. */
  readonly work: KeptWork | null
  /** Older work set aside, newest first, offered in turn once `work` is restored or dismissed. */
  readonly earlier: readonly KeptWork[]
  /** Work that fell off the end of the list just now (more than SET_ASIDE_MAX): the banner says so. */
  readonly forgot: KeptWork | null
  /** The browser could not keep the list: a reload would lose the offer. */
  readonly notKept: boolean
}

/**
 * At most this many runs are set aside. A second link or example over changed work used to
 * replace the run still offered without a word; a short list keeps both, and the rare one that
 * falls off its end is named.
 */
export const SET_ASIDE_MAX = SET_ASIDE_SLOTS

const nothingAside: SetAsideState = { work: null, earlier: [], forgot: null, notKept: false }

export const setAsideStore = createStore<SetAsideState>()(() => nothingAside)

export function useSetAside<T>(selector: (s: SetAsideState) => T): T {
  return useStore(setAsideStore, selector)
}

/** Everything set aside, newest first. Pure. */
export const setAsideList = (s: SetAsideState): readonly KeptWork[] =>
  s.work === null ? [] : [s.work, ...s.earlier]

const sameWork = (a: KeptWork, b: KeptWork): boolean =>
  a.presetId === b.presetId && sameInputs(a.scenario, b.scenario)

function setList(list: readonly KeptWork[], forgot: KeptWork | null = null): void {
  setAsideStore.setState({ work: list[0] ?? null, earlier: list.slice(1), forgot, notKept: false })
}

/**
 * Is `kept` work a link must not replace silently? Work of the user's own: a changed example or a
 * run built from scratch, not an example as it ships (that one is a click away in the picker).
 * `same` says whether the link opened the kept work itself (a reload). Pure.
 */
export const worthSettingAside = (kept: KeptWork | null, same: boolean): kept is KeptWork =>
  kept !== null && !same && matchPreset(kept.scenario) === null

/**
 * Set `kept` aside in front of what is set aside already (see worthSettingAside; the same run set
 * aside again moves to the front instead of being offered twice).
 */
export function setAsideIfWorth(kept: KeptWork | null, same: boolean): void {
  if (!worthSettingAside(kept, same)) return
  const list = [kept, ...setAsideList(setAsideStore.getState()).filter((w) => !sameWork(w, kept))]
  setList(list.slice(0, SET_ASIDE_MAX), list[SET_ASIDE_MAX] ?? null)
}

/** Forget the newest work set aside (the banner's Dismiss, or once it is restored); the next is offered. */
export function dismissSetAside(): void {
  setList(setAsideList(setAsideStore.getState()).slice(1))
}

/** Forget the work set aside with the inputs of `scenario` (it is opening again: nothing to give back). */
export function forgetSetAsideLike(scenario: Scenario): void {
  const list = setAsideList(setAsideStore.getState())
  const rest = list.filter((w) => !sameInputs(w.scenario, scenario))
  if (rest.length < list.length) setList(rest)
}

/** Forget everything set aside (Start fresh). */
export function forgetAllSetAside(): void {
  setAsideStore.setState(nothingAside)
}

/** Is keepSetAsideInBrowser running (not in an embed, which never touches the visitor's storage)? */
let keeping = false
/**
 * The run each browser slot holds, as far as this page knows; null until the list kept before
 * the page opened is read back (offerSetAsideFromBrowser): writing sooner would overwrite it.
 */
let inSlots: (KeptWork | undefined)[] | null = null

/** Make the browser's slots hold `list` (newest first), writing only the slots that change. */
function writeSlots(list: readonly KeptWork[]): void {
  if (!keeping || inSlots === null) return
  for (let i = 0; i < SET_ASIDE_MAX; i++) {
    const work = list[i]
    if (work === inSlots[i]) continue
    inSlots[i] = work
    if (work === undefined) {
      void clearSetAsideWork(i)
      continue
    }
    void saveSetAsideWork(work, i).then((outcome) => {
      if (!outcome.ok && setAsideList(setAsideStore.getState())[i] === work)
        setAsideStore.setState({ notKept: true })
    })
  }
}

/**
 * Keep the list set aside in the browser while it is offered, one slot per run, and forget the
 * slots it no longer fills, from the moment the list kept before is read back. A failure to save
 * leaves the offer in memory, and the banner says it lasts only for this visit. Returns a stop
 * function.
 */
export function keepSetAsideInBrowser(): () => void {
  keeping = true
  const stop = setAsideStore.subscribe((next) => writeSlots(setAsideList(next)))
  return () => {
    stop()
    keeping = false
    inSlots = null
  }
}

/**
 * Offer again the work set aside before a reload, after any set aside since the page opened
 * (newer), less any that is the run `onScreen` (there is nothing to give back).
 */
export async function offerSetAsideFromBrowser(onScreen: (work: KeptWork) => boolean): Promise<void> {
  const stored = await loadSetAsideWorks()
  inSlots = [...stored]
  const newer = setAsideList(setAsideStore.getState())
  const kept = stored.filter((w) => !onScreen(w) && !newer.some((n) => sameWork(n, w)))
  const list = [...newer, ...kept].slice(0, SET_ASIDE_MAX)
  setList(list)
  writeSlots(list)
}

/** The work set aside, in words: "your changed run of “Racing proposers”", or "your own run". Pure. */
export function setAsideName(work: KeptWork): string {
  const from = work.presetId === null ? undefined : presetById(work.presetId)
  if (from) return `your changed run of “${from.title}”`
  // The title is user text inside our sentence: isolated, so it cannot reorder the sentence.
  return work.scenario.title ? `your run “${isolatedText(work.scenario.title)}”` : 'your own run'
}
