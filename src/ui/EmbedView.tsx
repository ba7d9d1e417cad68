import { useMemo } from 'react'
import * as act from '../store/actions.ts'
import { togglePlay } from '../store/playback.ts'
import { currentBeat } from '../store/presenter.ts'
import type { Scenario } from '../scenarios/scenario.ts'
import { useSynod } from '../store/store.ts'
import { shareLink } from '../store/shareLink.ts'
import { DiagramPane } from './DiagramPane.tsx'
import { Icon } from './Icon.tsx'
import { Position } from './Transport.tsx'
import './presenter.css'

/** The full app's address for the run shown: the same link, without `embed`. */
function openLink(scenario: Scenario, cursor: number): string {
  // An embed opens from a link, so its run fits in one; the page itself is the fallback.
  const url = new URL(shareLink({ scenario, cursor }) ?? window.location.href)
  url.searchParams.delete('embed')
  url.searchParams.delete('preset')
  return url.toString()
}

/**
 * `?embed`: for an iframe in course pages. The diagram, one line of narration (the beat, else the
 * latest step's sentence), a small transport, and a link that opens the run in Synod itself.
 */
export function EmbedView() {
  const beats = useSynod((s) => s.scenario.beats)
  const cursor = useSynod((s) => s.cursor)
  const title = useSynod((s) => s.scenario.title)
  const playing = useSynod((s) => s.playing)
  const log = useSynod((s) => s.log)
  const line = useMemo(() => {
    const beat = currentBeat(beats, cursor)
    if (beat) return beat.text
    if (cursor === 0) return title ?? ''
    return act.stepNarration(log, cursor)
  }, [beats, cursor, title, log])
  const scenario = useSynod((s) => s.scenario)
  // Recomputed when the run or cursor changes, so the link always opens what is on screen.
  const href = useMemo(() => openLink(scenario, cursor), [scenario, cursor])
  return (
    <div className="embed">
      <DiagramPane />
      <p className="embed-caption">
        <bdi>{line}</bdi>
      </p>
      <div className="embed-transport" role="toolbar" aria-label="Time controls">
        <button type="button" onClick={act.stepBack} aria-label="Back one step">
          <Icon name="back" />
        </button>
        <button type="button" onClick={togglePlay} aria-label={playing ? 'Pause' : 'Play'}>
          <Icon name={playing ? 'pause' : 'play'} />
        </button>
        <button type="button" onClick={act.stepForward} aria-label="Step forward">
          <Icon name="forward" />
        </button>
        <Position />
        <a className="embed-open" href={href} target="_blank" rel="noopener noreferrer">
          Open in Synod
        </a>
      </div>
    </div>
  )
}
