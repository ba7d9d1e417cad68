import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { anyPresetById as presetById } from '../scenarios/presets.ts'
import type { KeptWork } from './persistence.ts'
import { matchPreset } from './presetMatch.ts'

/**
 * Work a link opened over. The kept work (persistence.ts) holds one run: an example link opened
 * in another tab (`?preset=`, `#s=`) replaced a student's changed run there, and once the tabs
 * were closed it was gone without a word. Such work is now set aside in memory when the link
 * opens, and a banner offers it back until it is restored or dismissed.
 */
export interface SetAsideState {
  readonly work: KeptWork | null
}

export const setAsideStore = createStore<SetAsideState>()(() => ({ work: null }))

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
  if (worthSettingAside(kept, same)) setAsideStore.setState({ work: kept })
}

/** Forget the work set aside (the banner's Dismiss, or once it is restored). */
export function dismissSetAside(): void {
  setAsideStore.setState({ work: null })
}

/** The work set aside, in words: "your changed run of “Racing proposers”", or "your own run". Pure. */
export function setAsideName(work: KeptWork): string {
  const from = work.presetId === null ? undefined : presetById(work.presetId)
  if (from) return `your changed run of “${from.title}”`
  return work.scenario.title ? `your run “${work.scenario.title}”` : 'your own run'
}
