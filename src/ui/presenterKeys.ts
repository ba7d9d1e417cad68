import { useEffect } from 'react'
import * as act from '../store/actions.ts'
import { setPresenter, togglePresenter } from '../store/presenter.ts'
import { synodStore } from '../store/store.ts'
import { GRANULARITIES } from './clicker.ts'
import {
  clickNext,
  clickPrevious,
  setBlank,
  setGranularity,
  useBlankScreen,
  usePresenterPrefs,
} from './presenterPrefs.ts'

/*
 * Presenter mode's keys, apart from its view: `P` must work before presenter mode's chunk is
 * loaded (PresenterView.tsx is a lazy part, see lazyParts.tsx).
 */

/** Where typing happens: the presenter keys must leave these alone. */
function isTyping(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false
  if (el.isContentEditable || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)
    return true
  return el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'range'].includes(el.type)
}

/**
 * A clicker's PageDown/PageUp on a focused select or one-line field: they move the run, not the
 * field. A clicker has no other keys, and the lecturer cannot see that "Clicker moves by" kept the
 * focus (reached by Tab, or opened and closed unchanged): PageDown changed it to "Steps" instead.
 * A multi-line text keeps them (they scroll it).
 */
function clickerKeyOverField(e: KeyboardEvent): boolean {
  const field = e.target instanceof HTMLSelectElement || e.target instanceof HTMLInputElement
  return field && (e.key === 'PageDown' || e.key === 'PageUp')
}

/** Beats → moments → steps → beats: the granularity key. */
function cycleGranularity(): void {
  const now = usePresenterPrefs.getState().granularity
  const i = GRANULARITIES.findIndex((g) => g.id === now)
  setGranularity((GRANULARITIES[(i + 1) % GRANULARITIES.length] as (typeof GRANULARITIES)[number]).id)
}

/**
 * Presenter keys, for a key press; clickers send PageDown/PageUp (some send arrows). They move by
 * the chosen granularity; Shift moves one step whatever it is.
 */
function presenterKey(e: KeyboardEvent, on: boolean): (() => void) | null {
  if (e.key === 'p' || e.key === 'P') return togglePresenter
  if (!on) return null
  const blankKey = e.key === 'b' || e.key === 'B' || e.key === '.'
  // On a blank screen the clicker's keys first show it again, where it was (the room never misses
  // a click it did not see), and other keys do nothing unseen (Space would play the run).
  if (useBlankScreen.getState().blank) {
    const back = blankKey || ['ArrowRight', 'PageDown', 'ArrowLeft', 'PageUp', 'Escape'].includes(e.key)
    return back ? () => setBlank(false) : () => {}
  }
  if (blankKey) return () => setBlank(true)
  switch (e.key) {
    case 'ArrowRight':
    case 'PageDown':
      return e.shiftKey ? act.stepForward : clickNext
    case 'ArrowLeft':
    case 'PageUp':
      return e.shiftKey ? act.stepBack : clickPrevious
    case 'g':
    case 'G':
      return cycleGranularity
    case 'Escape':
      // A notice on screen (PresenterNotice.tsx) goes first, as a dialog would.
      return synodStore.getState().notice !== null ? () => act.setNotice(null) : () => setPresenter(false)
    default:
      return null
  }
}

/**
 * `P` toggles presenter mode; in it, next/previous walk the run by the chosen granularity. Listens in the
 * capture phase and marks the event handled, so the app's own step shortcuts stand aside.
 */
export function usePresenterKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return
      const s = synodStore.getState()
      if (s.dialog !== null) return
      if (isTyping(e.target) && !(s.presenter && clickerKeyOverField(e))) return
      const run = presenterKey(e, s.presenter)
      if (!run) return
      e.preventDefault()
      run()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [])
}
