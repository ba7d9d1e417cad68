import { create } from 'zustand'
import type { Beat } from '../scenarios/scenario.ts'
import { synodStore } from '../store/store.ts'

/**
 * A "Think" beat in presenter mode: the room sees the question and its choices, votes, and the
 * lecturer's next click reveals the answer and why, at the same step; the click after that moves
 * on. A clicker has only next and previous, so the reveal is one of next's stops, and previous
 * takes it back. Only the step the answer was revealed at shows it (`at`).
 */
export const useThinkReveal = create<{ at: number | null }>(() => ({ at: null }))

/** The beat with a question at `cursor`, if any. Pure. */
export function askingBeatAt(beats: readonly Beat[] | undefined, cursor: number): Beat | null {
  const beat = (beats ?? []).find((b) => b.step === cursor)
  return beat?.ask ? beat : null
}

/** Next's first stop at a question: reveal its answer. True when it did (next goes no further). */
export function revealBeforeNext(): boolean {
  const { scenario, cursor } = synodStore.getState()
  if (!askingBeatAt(scenario.beats, cursor) || useThinkReveal.getState().at === cursor) return false
  useThinkReveal.setState({ at: cursor })
  return true
}

/** Previous at a revealed answer: back to the question. True when it did. */
export function hideBeforePrevious(): boolean {
  if (useThinkReveal.getState().at !== synodStore.getState().cursor) return false
  useThinkReveal.setState({ at: null })
  return true
}

/** The letter of the `i`th choice, as the room calls it out. */
export const choiceLetter = (i: number): string => String.fromCharCode(65 + i)
