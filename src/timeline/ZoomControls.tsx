import { setColourScheme, useColourScheme } from './colourScheme.ts'
import type { TimeZoom } from './useTimeZoom.ts'

/**
 * Zoom out / in / fit, follow, and the colour scheme: two rows of 28 px buttons in the diagram's
 * top-left corner (on a touch screen and in presenter mode, one row of 44 px buttons along the top).
 */
export function ZoomControls({ zoom, anchorTick }: { zoom: TimeZoom; anchorTick: number }) {
  const scheme = useColourScheme()
  const lecture = scheme === 'lecture'
  return (
    <div className="tl-toolbar" role="toolbar" aria-label="Timeline view">
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
      <button
        type="button"
        className="tl-colours"
        aria-pressed={lecture}
        onClick={() => setColourScheme(lecture ? 'ballot' : 'lecture')}
        title={
          lecture
            ? 'Lecture colours: ACK green, REJECT red, one colour per proposer (C for ballot colours)'
            : 'Lecture colours: ACK green, REJECT red, one colour per proposer (C)'
        }
      >
        <span aria-hidden="true" className="tl-colours-icon">
          <span className="tl-colours-ack">✓</span>
          <span className="tl-colours-reject">✗</span>
        </span>
        <span className="tl-sr-only">Lecture colours</span>
      </button>
    </div>
  )
}
