import { useEffect } from 'react'
import * as act from '../store/actions.ts'
import { focusLane } from './focusLane.ts'
import { actOnSelectedMessage } from './inFlightFocus.ts'
import { toggleExplorer } from '../store/explorer.ts'
import { nudgeSpeed, togglePlay } from '../store/playback.ts'
import { currentProtocol } from '../store/protocol.ts'
import { synodStore } from '../store/store.ts'
import { toggleColourScheme } from '../timeline/colourScheme.ts'
import { toggleFollow } from '../timeline/followShortcut.ts'
import { toggleHideQuiet } from '../timeline/quietArrows.ts'

/** Where typing happens: shortcuts must leave these keys alone. */
function isTextEntry(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false
  if (el.isContentEditable || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)
    return true
  return (
    el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'range'].includes(el.type)
  )
}

/**
 * Keys a focused slider already handles itself (it moves the cursor the same way). Not PageUp and
 * PageDown: a slider moves a tenth of the run by them, backwards for PageDown, and they are a
 * clicker's keys: after a lecturer drags the scrubber, the clicker must still step forward.
 */
const SLIDER_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'])

/** The In-flight list's Tab stop: the row last focused there, the selected one or the first. */
function focusInFlight(): void {
  document.querySelector<HTMLElement>('.inflight-item[tabindex="0"], .inflight-item')?.focus()
}

/** The shortcut for a key press, or null. */
function shortcut(e: KeyboardEvent): (() => void) | null {
  const shift = e.shiftKey
  switch (e.key) {
    case ' ':
      return togglePlay
    case 'ArrowRight':
      return shift ? act.phaseForward : act.stepForward
    case 'ArrowLeft':
      return shift ? act.phaseBack : act.stepBack
    case 'PageDown':
      return act.stepForward
    case 'PageUp':
      return act.stepBack
    case ']':
      return act.roundForward
    case '[':
      return act.roundBack
    case 'd':
    case 'D':
      return act.runUntilDecided
    case 'Home':
      return act.jumpToStart
    case 'End':
      return act.jumpToEnd
    case '+':
    case '=':
      return () => nudgeSpeed(1)
    case '-':
      return () => nudgeSpeed(-1)
    case 'n':
    case 'N':
      return () => actOnSelectedMessage('deliver')
    case 'Delete':
      return () => actOnSelectedMessage('drop')
    case 'i':
    case 'I':
      return focusInFlight
    case 'e':
    case 'E':
      return toggleExplorer
    case 's':
    case 'S':
      return () => act.openDialog('config')
    // The diagram's view: wherever the focus is, as its buttons are always on screen.
    case 'f':
    case 'F':
      return toggleFollow
    case 'c':
    case 'C':
      return toggleColourScheme
    case 'h':
    case 'H':
      // Only a protocol with routine messages (Multi-Paxos heartbeats) has them to hide.
      return currentProtocol().app.quiet.length ? toggleHideQuiet : null
    case '?':
      return () => act.openDialog('shortcuts')
    case 'Escape':
      return () => {
        const pid = synodStore.getState().selectedPid
        act.selectMessage(null)
        act.selectProcess(null)
        // Closing a process's menu from inside it: back to the lane that opened it, not the page.
        const lost = document.activeElement === null || document.activeElement === document.body
        if (pid !== null && lost) focusLane(pid)
      }
    default:
      if (/^[1-9]$/.test(e.key)) {
        const pid = Number(e.key)
        return () => {
          if (pid <= synodStore.getState().processCount) act.selectProcess(pid)
        }
      }
      return null
  }
}

/** Global shortcuts for everything a lecturer does live. Text fields and dialogs keep their keys. */
export function useKeyboard(): void {
  useEffect(() => {
    // The button the pointer last pressed; a Tab (focus by keyboard) forgets it.
    let clicked: EventTarget | null = null
    const onPointer = (e: PointerEvent): void => {
      clicked = e.target instanceof Element ? e.target.closest('button, a') : null
    }
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Tab') clicked = null
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return
      if (synodStore.getState().dialog !== null) return
      const target = e.target
      if (isTextEntry(target)) {
        // Escape leaves the field; a clicker's PageUp/PageDown mean nothing in a one-line field.
        // Every other key belongs to the typing.
        const clicker = (e.key === 'PageDown' || e.key === 'PageUp') && target instanceof HTMLInputElement
        if (e.key === 'Escape' && target instanceof HTMLElement) target.blur()
        else if (!clicker) return
      }
      if (target instanceof HTMLInputElement && target.type === 'range' && SLIDER_KEYS.has(e.key)) return
      const onButton = target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement
      // A button reached with the keyboard keeps Space and Enter; one just clicked with the mouse
      // gives Space back to play/pause, so Space after clicking Step does not step again.
      const mouseFocused = onButton && target === clicked
      if (onButton && (e.key === 'Enter' || (e.key === ' ' && !mouseFocused))) return
      // The button would still be pressed when Space comes up: it lets go of the focus first.
      if (mouseFocused && e.key === ' ') target.blur()
      const run = shortcut(e)
      if (!run) return
      e.preventDefault()
      run()
    }
    window.addEventListener('keydown', onKey)
    window.addEventListener('pointerdown', onPointer, true)
    return () => {
      window.removeEventListener('keydown', onKey)
      window.removeEventListener('pointerdown', onPointer, true)
    }
  }, [])
}
