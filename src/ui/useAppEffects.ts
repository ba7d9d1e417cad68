import { useEffect } from 'react'
import { pause } from '../store/playback.ts'
import { stateBefore } from '../store/projectionCheckpoints.ts'
import { useSynod } from '../store/store.ts'

/**
 * Applies the theme choice to <html>: `data-theme` is the choice, and `data-scheme="dark"` says
 * whether the dark colours apply (chosen, or "system" on a dark system, followed live), so the
 * stylesheets write the dark palette once.
 */
export function useTheme(): void {
  const theme = useSynod((s) => s.theme)
  useEffect(() => {
    const root = document.documentElement
    if (theme === 'system') delete root.dataset.theme
    else root.dataset.theme = theme
    const systemDark = typeof window.matchMedia === 'function' ? window.matchMedia(DARK) : null
    const apply = (): void => {
      const dark = theme === 'dark' || (theme === 'system' && systemDark?.matches === true)
      if (dark) root.dataset.scheme = 'dark'
      else delete root.dataset.scheme
    }
    apply()
    systemDark?.addEventListener('change', apply)
    return () => systemDark?.removeEventListener('change', apply)
  }, [theme])
}

const DARK = '(prefers-color-scheme: dark)'

/** A hidden tab does no work: playback pauses when the page is hidden. */
export function usePauseWhenHidden(): void {
  useEffect(() => {
    const onVisibility = (): void => {
      if (document.hidden) pause()
    }
    document.addEventListener('visibilitychange', onVisibility)
    return () => document.removeEventListener('visibilitychange', onVisibility)
  }, [])
}

/** Runs shorter than this need no warming: building their checkpoints on demand takes < 1 ms. */
const WARM_FROM_EVENTS = 20_000
/** Events replayed per idle slice: a few ms on a slow machine, well inside an idle period. */
const WARM_CHUNK_EVENTS = 4_096

/**
 * After a long run has arrived, build the panels' replay checkpoints in idle time, a slice at a
 * time, so the first jump to the end (End, or a scrub) does not stall for the whole replay. Once
 * built, nothing more is scheduled: a paused app stays idle.
 */
export function useWarmProjection(): void {
  const log = useSynod((s) => s.log)
  const computing = useSynod((s) => s.computing)
  useEffect(() => {
    if (computing || log.length < WARM_FROM_EVENTS) return
    const idle = typeof window.requestIdleCallback === 'function'
    let handle = 0
    let pos = 0
    const slice = (): void => {
      pos = Math.min(log.length, pos + WARM_CHUNK_EVENTS)
      stateBefore(log, pos)
      if (pos < log.length) schedule()
    }
    const schedule = (): void => {
      handle = idle ? window.requestIdleCallback(slice, { timeout: 2000 }) : window.setTimeout(slice, 50)
    }
    schedule()
    return () => (idle ? window.cancelIdleCallback(handle) : window.clearTimeout(handle))
  }, [log, computing])
}
