import { useEffect } from 'react'
import { pause } from '../store/playback.ts'
import { warmMoment } from '../store/moment.ts'
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

/** Runs shorter than this need no warming: computing their panels on demand takes a few ms. */
const WARM_FROM_EVENTS = 20_000
/** Steps computed per idle slice: a few ms on a slow machine, well inside an idle period. */
const WARM_CHUNK_STEPS = 400

/**
 * After a long run has arrived, compute the panels' engine state ahead in idle time, a slice at a
 * time, so the first jump to the end (End, or a scrub) restores a snapshot instead of replaying
 * the whole run. Once done, nothing more is scheduled: a paused app stays idle.
 */
export function useWarmPanels(): void {
  const log = useSynod((s) => s.log)
  const scenario = useSynod((s) => s.scenario)
  const computing = useSynod((s) => s.computing)
  useEffect(() => {
    if (computing || log.length < WARM_FROM_EVENTS) return
    const last = log[log.length - 1]?.step ?? 0
    const idle = typeof window.requestIdleCallback === 'function'
    let handle = 0
    let step = 0
    const slice = (): void => {
      step = Math.min(last, step + WARM_CHUNK_STEPS)
      // Stop when the panels hold another run (they have moved on).
      if (warmMoment(scenario, step) && step < last) schedule()
    }
    const schedule = (): void => {
      handle = idle ? window.requestIdleCallback(slice, { timeout: 2000 }) : window.setTimeout(slice, 50)
    }
    schedule()
    return () => (idle ? window.cancelIdleCallback(handle) : window.clearTimeout(handle))
  }, [log, scenario, computing])
}
