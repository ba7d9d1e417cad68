import { create } from 'zustand'
import * as act from '../store/actions.ts'
import { pause } from '../store/playback.ts'
import { synodStore } from '../store/store.ts'
import { clickerStops, nextClick, previousClick, type Granularity } from './clicker.ts'
import { hideBeforePrevious, revealBeforeNext } from './thinkReveal.ts'

const KEY = 'synod.presenter.granularity'

function load(): Granularity {
  try {
    const v = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY)
    if (v === 'beat' || v === 'moment' || v === 'step') return v
  } catch {
    // Storage refused (private mode, a sandboxed frame): the default serves.
  }
  return 'moment'
}

/** How far the clicker moves, chosen once by the lecturer and kept on this machine. */
export const usePresenterPrefs = create<{ granularity: Granularity }>(() => ({ granularity: load() }))

export function setGranularity(granularity: Granularity): void {
  usePresenterPrefs.setState({ granularity })
  try {
    localStorage.setItem(KEY, granularity)
  } catch {
    // Not kept; it still applies for this visit.
  }
}

/**
 * A blanked screen (a clicker's "blank" key sends B or .): the room looks at the lecturer, not
 * at the diagram. Not kept: presenter mode always opens showing the run.
 *
 * Blanking pauses the run, so the room never misses a delivery it could not see, and showing the
 * screen again does not play on by itself: the lecturer blanked to talk, and takes up the run at
 * the moment the room last saw, when ready (Space), not while still turning back to the screen.
 */
export const useBlankScreen = create<{ blank: boolean }>(() => ({ blank: false }))

export function setBlank(blank: boolean): void {
  if (blank) pause()
  useBlankScreen.setState({ blank })
}

function stops(): { list: number[]; cursor: number } {
  const s = synodStore.getState()
  return {
    list: clickerStops(s.log, s.scenario.beats, usePresenterPrefs.getState().granularity),
    cursor: s.cursor,
  }
}

/**
 * The clicker's "next": on to the next stop at the chosen granularity; at a question, first its
 * answer (`thinkReveal.ts`).
 */
export function clickNext(): void {
  if (revealBeforeNext()) return
  const { list, cursor } = stops()
  act.setCursor(nextClick(list, cursor), true)
}

/** The clicker's "previous"; at a revealed answer, back to its question first. */
export function clickPrevious(): void {
  if (hideBeforePrevious()) return
  const { list, cursor } = stops()
  act.setCursor(previousClick(list, cursor), true)
}
