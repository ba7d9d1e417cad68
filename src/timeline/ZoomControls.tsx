import type { Ref } from 'react'
import { setColourScheme, useColourScheme } from './colourScheme.ts'
import { setHideQuiet, useHideQuiet } from './quietArrows.ts'
import type { TimeZoom } from './useTimeZoom.ts'

const upper = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * Zoom out / in / fit, follow, the colour scheme and, for a protocol with routine messages
 * (`quietTypes`: Multi-Paxos's heartbeats), whether to draw them: two rows of 28 px buttons in the
 * diagram's top-left corner (on a touch screen and in presenter mode, one row of 44 px buttons).
 */
export function ZoomControls({
  zoom,
  anchorTick,
  quietTypes,
  toolbarRef,
}: {
  zoom: TimeZoom
  anchorTick: number
  quietTypes: readonly string[]
  toolbarRef?: Ref<HTMLDivElement>
}) {
  const scheme = useColourScheme()
  const lecture = scheme === 'lecture'
  const hideQuiet = useHideQuiet()
  const quietNames = quietTypes.map((t) => `${t}s`).join(' and ')
  return (
    <div className="tl-toolbar" role="toolbar" aria-label="Timeline view" ref={toolbarRef}>
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
      {quietTypes.length > 0 && (
        <button
          type="button"
          className="tl-quiet-toggle"
          aria-pressed={hideQuiet}
          onClick={() => setHideQuiet(!hideQuiet)}
          title={
            hideQuiet
              ? `${upper(quietNames)} hidden: the messages in flight still list them (H to show them)`
              : `Hide ${quietNames} (H)`
          }
        >
          <span aria-hidden="true">♥</span>
          <span className="tl-sr-only">Hide {quietNames}</span>
        </button>
      )}
    </div>
  )
}
