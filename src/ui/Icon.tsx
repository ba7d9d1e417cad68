/** Small transport icons drawn as SVG, so they never depend on a font having the glyph. */
const PATHS = {
  start: 'M3 3h2v10H3zM13 3v10L6 8z',
  end: 'M11 3h2v10h-2zM3 3v10l7-5z',
  back: 'M11 3v10L4 8z',
  forward: 'M5 3v10l7-5z',
  fastBack: 'M8 3v10L1 8zM15 3v10L8 8z',
  fastForward: 'M1 3v10l7-5zM8 3v10l7-5z',
  play: 'M4 2v12l10-6z',
  pause: 'M3 2h4v12H3zM9 2h4v12H9z',
} as const

export type IconName = keyof typeof PATHS

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  )
}
