import type { Beat } from '../scenarios/scenario.ts'
import * as act from './actions.ts'
import { lastStep } from './navigation.ts'
import { pause } from './playback.ts'
import { synodStore } from './store.ts'

/**
 * Presenter mode: the clicker's next/previous walk the narration beats (the teaching moments);
 * a run without beats (or past the last one) steps one scheduler step at a time instead.
 */

/** Beats in step order (scenario files may list them in any order). Pure. */
export function sortedBeats(beats: readonly Beat[] | undefined): Beat[] {
  return [...(beats ?? [])].sort((a, b) => a.step - b.step)
}

/** The beat shown as the caption at `cursor`: the latest at or before it. Pure. */
export function currentBeat(beats: readonly Beat[] | undefined, cursor: number): Beat | null {
  let found: Beat | null = null
  for (const b of sortedBeats(beats)) if (b.step <= cursor) found = b
  return found
}

/** Where "next" goes: the next beat's step, else one step on (clamped to `end`). Pure. */
export function nextStop(beats: readonly Beat[] | undefined, cursor: number, end: number): number {
  const next = sortedBeats(beats).find((b) => b.step > cursor && b.step <= end)
  return next ? next.step : Math.min(cursor + 1, end)
}

/** Where "previous" goes: the previous beat's step, else the start. Pure. */
export function previousStop(beats: readonly Beat[] | undefined, cursor: number): number {
  const before = sortedBeats(beats).filter((b) => b.step < cursor)
  const prev = before[before.length - 1]
  return prev ? prev.step : 0
}

export function nextBeat(): void {
  const s = synodStore.getState()
  act.setCursor(nextStop(s.scenario.beats, s.cursor, lastStep(s.log)), true)
}

export function previousBeat(): void {
  const s = synodStore.getState()
  act.setCursor(previousStop(s.scenario.beats, s.cursor), true)
}

/** True from leaving presenter mode until the app's Present button takes the focus back. */
let leftPresenter = false

export function setPresenter(on: boolean): void {
  pause()
  if (!on && synodStore.getState().presenter) leftPresenter = true
  synodStore.setState({ presenter: on, dialog: null })
}

/**
 * True once after presenter mode closed: the Present button (mounted anew with the app's layout)
 * takes the focus, so a keyboard user is back where they left instead of on the page's body.
 */
export function takeFocusBackFromPresenter(): boolean {
  const was = leftPresenter
  leftPresenter = false
  return was
}

/**
 * `?present` in the address opens the app in presenter mode: a link on a lecture slide opens the
 * example ready for the projector and the clicker. Read once at start-up; the address the app
 * writes afterwards leaves it out (see `baseAddress`), so a link shared from there opens as usual.
 */
export function presentFromAddress(search: string = window.location.search): void {
  if (new URLSearchParams(search).has('present')) setPresenter(true)
}

export function togglePresenter(): void {
  setPresenter(!synodStore.getState().presenter)
}
