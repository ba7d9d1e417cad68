import type { TimeZoom } from './useTimeZoom.ts'

/** Zoom out / in / fit and the follow toggle: one compact row in the diagram's top-left corner. */
export function ZoomControls({ zoom, anchorTick }: { zoom: TimeZoom; anchorTick: number }) {
  return (
    <div className="tl-toolbar" role="toolbar" aria-label="Timeline zoom">
      <button type="button" onClick={() => zoom.zoomBy(1 / 1.5, anchorTick)} title="Zoom out (−)">
        <span aria-hidden="true">−</span>
        <span className="tl-sr-only">Zoom out</span>
      </button>
      <button type="button" onClick={() => zoom.zoomBy(1.5, anchorTick)} title="Zoom in (+)">
        <span aria-hidden="true">+</span>
        <span className="tl-sr-only">Zoom in</span>
      </button>
      <button type="button" onClick={zoom.fit} title="Fit the whole run (0)">
        <span aria-hidden="true">⤢</span>
        <span className="tl-sr-only">Fit the whole run</span>
      </button>
      <button
        type="button"
        className="tl-follow"
        aria-pressed={zoom.follow}
        onClick={() => zoom.setFollow(!zoom.follow)}
        title={zoom.follow ? 'Following the newest events (F to stop)' : 'Follow the newest events (F)'}
      >
        <span aria-hidden="true">⇥</span>
        <span className="tl-sr-only">Follow the newest events</span>
      </button>
    </div>
  )
}
