import { useEffect } from 'react'
import * as act from '../store/actions.ts'
import { togglePlay } from '../store/playback.ts'
import { currentBeat, nextBeat, previousBeat, setPresenter, togglePresenter } from '../store/presenter.ts'
import { synodStore, useSynod } from '../store/store.ts'
import { DiagramPane } from './DiagramPane.tsx'
import { Icon } from './Icon.tsx'
import { Position } from './Transport.tsx'
import './presenter.css'

/** Where typing happens: the presenter keys must leave these alone. */
function isTyping(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false
  if (el.isContentEditable || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)
    return true
  return el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'range'].includes(el.type)
}

/** Presenter keys, for a key press; clickers send PageDown/PageUp (some send arrows). */
function presenterKey(e: KeyboardEvent, on: boolean): (() => void) | null {
  if (e.key === 'p' || e.key === 'P') return togglePresenter
  if (!on) return null
  switch (e.key) {
    case 'ArrowRight':
    case 'PageDown':
      return e.shiftKey ? act.stepForward : nextBeat
    case 'ArrowLeft':
    case 'PageUp':
      return e.shiftKey ? act.stepBack : previousBeat
    case 'Escape':
      return () => setPresenter(false)
    default:
      return null
  }
}

/**
 * `P` toggles presenter mode; in it, next/previous walk the narration beats. Listens in the
 * capture phase and marks the event handled, so the app's own step shortcuts stand aside.
 */
export function usePresenterKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return
      const s = synodStore.getState()
      if (s.dialog !== null) return
      const run = presenterKey(e, s.presenter)
      if (!run) return
      e.preventDefault()
      run()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [])
}

/** Projectors wash colours out: presenter mode uses the high-contrast theme while it lasts. */
function useContrastTheme(): void {
  useEffect(() => {
    const root = document.documentElement
    const before = root.dataset.theme
    root.dataset.theme = 'contrast'
    return () => {
      if (before === undefined) delete root.dataset.theme
      else root.dataset.theme = before
    }
  }, [])
}

/** The diagram, the current beat as a caption, and the few controls a lecturer needs. */
export function PresenterView() {
  useContrastTheme()
  const beats = useSynod((s) => s.scenario.beats)
  const cursor = useSynod((s) => s.cursor)
  const title = useSynod((s) => s.scenario.title)
  const playing = useSynod((s) => s.playing)
  const beat = currentBeat(beats, cursor)
  return (
    <div className="presenter">
      <DiagramPane />
      <p className="presenter-caption" role="status">
        {beat ? beat.text : (title ?? '')}
      </p>
      <div className="presenter-transport" role="toolbar" aria-label="Presenter controls">
        <button type="button" onClick={previousBeat} aria-label="Previous beat (← or PageUp)">
          <Icon name="back" /> Previous
        </button>
        <button type="button" onClick={togglePlay} aria-label={playing ? 'Pause' : 'Play'}>
          <Icon name={playing ? 'pause' : 'play'} />
        </button>
        <button type="button" onClick={nextBeat} aria-label="Next beat (→ or PageDown)">
          Next <Icon name="forward" />
        </button>
        <Position />
        <button type="button" className="presenter-exit" onClick={() => setPresenter(false)}>
          Exit presenter (Esc)
        </button>
      </div>
    </div>
  )
}
