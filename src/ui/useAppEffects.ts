import { useEffect } from 'react'
import { pause } from '../store/playback.ts'
import { useSynod } from '../store/store.ts'

/** Applies the theme choice to <html>; "system" follows prefers-color-scheme. */
export function useTheme(): void {
  const theme = useSynod((s) => s.theme)
  useEffect(() => {
    const root = document.documentElement
    if (theme === 'system') delete root.dataset.theme
    else root.dataset.theme = theme
  }, [theme])
}

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
