import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { anyPresetById as presetById } from '../scenarios/presets.ts'
import { isolatedText } from '../scenarios/userText.ts'
import { clearSetAsideWork, loadSetAsideWork, saveSetAsideWork, type KeptWork } from './persistence.ts'
import { matchPreset } from './presetMatch.ts'

/**
 * Work a link opened over. The kept work (persistence.ts) holds one run: an example link opened
 * in another tab (`?preset=`, `#s=`) replaced a student's changed run there, and once the tabs
 * were closed it was gone without a word. Such work is now set aside when the link opens (kept in
 * the browser beside the kept work, so a reload does not lose it), and a banner offers it back
 * until it is restored or dismissed.
 */
export interface SetAsideState {
  readonly work: KeptWork | null
  /** The browser could not keep `work`: a reload would lose the offer. */
  readonly notKept: boolean
}

export const setAsideStore = createStore<SetAsideState>()(() => ({ work: null, notKept: false }))

export function useSetAside<T>(selector: (s: SetAsideState) => T): T {
  return useStore(setAsideStore, selector)
}

/**
 * Is `kept` work a link must not replace silently? Work of the user's own: a changed example or a
 * run built from scratch, not an example as it ships (that one is a click away in the picker).
 * `same` says whether the link opened the kept work itself (a reload). Pure.
 */
export const worthSettingAside = (kept: KeptWork | null, same: boolean): kept is KeptWork =>
  kept !== null && !same && matchPreset(kept.scenario) === null

/** Set `kept` aside (see worthSettingAside), or leave what is set aside as it is. */
export function setAsideIfWorth(kept: KeptWork | null, same: boolean): void {
  if (worthSettingAside(kept, same)) setAsideStore.setState({ work: kept, notKept: false })
}

/** Forget the work set aside (the banner's Dismiss, or once it is restored). */
export function dismissSetAside(): void {
  setAsideStore.setState({ work: null, notKept: false })
}

/**
 * Keep the work set aside in the browser while it is offered, and forget it there once restored
 * or dismissed (not when embedded: an embed never touches the visitor's storage). A failure to
 * save leaves the offer in memory, and the banner says it lasts only for this visit. Returns a
 * stop function.
 */
export function keepSetAsideInBrowser(): () => void {
  return setAsideStore.subscribe((next, prev) => {
    const work = next.work
    if (work === prev.work || work === readBack) return
    if (work === null) return void clearSetAsideWork()
    void saveSetAsideWork(work).then((outcome) => {
      if (!outcome.ok && setAsideStore.getState().work === work) setAsideStore.setState({ notKept: true })
    })
  })
}

/** The work offerSetAsideFromBrowser read back: the browser holds it already. */
let readBack: KeptWork | null = null

/**
 * Offer again the work set aside before a reload, unless other work was set aside meanwhile, or
 * it is the run `onScreen` (then it is forgotten: there is nothing to give back).
 */
export async function offerSetAsideFromBrowser(onScreen: (work: KeptWork) => boolean): Promise<void> {
  const work = await loadSetAsideWork()
  if (work === null || setAsideStore.getState().work !== null) return
  if (onScreen(work)) return void clearSetAsideWork()
  readBack = work
  setAsideStore.setState({ work, notKept: false })
}

/** The work set aside, in words: "your changed run of “Racing proposers”", or "your own run". Pure. */
export function setAsideName(work: KeptWork): string {
  const from = work.presetId === null ? undefined : presetById(work.presetId)
  if (from) return `your changed run of “${from.title}”`
  // The title is user text inside our sentence: isolated, so it cannot reorder the sentence.
  return work.scenario.title ? `your run “${isolatedText(work.scenario.title)}”` : 'your own run'
}
