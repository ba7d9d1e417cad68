import { memo, type CSSProperties } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useProtocol } from '../store/protocol.ts'
import * as act from '../store/actions.ts'
import { lastStep } from '../store/navigation.ts'
import { setSpeed, togglePlay } from '../store/playback.ts'
import { eventsThrough } from '../store/runIndex.ts'
import { SPEEDS, type SynodState } from '../store/state.ts'
import { useSynod } from '../store/store.ts'
import { Icon, type IconName } from './Icon.tsx'

interface Control {
  readonly label: string
  /** Visible text; icon-only when absent. */
  readonly text?: string
  /** A word under the icon on a phone, where the row has no room for `text`. */
  readonly short: string
  readonly icon: IconName
  readonly keys: string
  readonly run: () => void
  /** One of the few a thumb uses all the time: first and large on a phone. */
  readonly primary?: boolean
}

const BACK: readonly Control[] = [
  { label: 'Jump to start', short: 'Start', icon: 'start', keys: 'Home', run: act.jumpToStart },
  { label: 'Back one round', short: 'Round', icon: 'fastBack', keys: '[', run: act.roundBack },
  {
    label: 'Back one phase',
    text: 'Phase',
    short: 'Phase',
    icon: 'back',
    keys: 'Shift+←',
    run: act.phaseBack,
  },
  {
    label: 'Back one step',
    text: 'Back',
    short: 'Back',
    icon: 'back',
    keys: '← or PageUp',
    run: act.stepBack,
    primary: true,
  },
]

const FORWARD: readonly Control[] = [
  {
    label: 'Step',
    text: 'Step',
    short: 'Step',
    icon: 'forward',
    keys: '→ or PageDown',
    run: act.stepForward,
    primary: true,
  },
  { label: 'Phase', text: 'Phase', short: 'Phase', icon: 'forward', keys: 'Shift+→', run: act.phaseForward },
  { label: 'Round', text: 'Round', short: 'Round', icon: 'fastForward', keys: ']', run: act.roundForward },
  {
    label: 'Until decided',
    text: 'Until decided',
    short: 'Decided',
    icon: 'fastForward',
    keys: 'D',
    run: act.runUntilDecided,
  },
  { label: 'Jump to end', short: 'End', icon: 'end', keys: 'End', run: act.jumpToEnd },
]

/** Memoized: a step re-renders a button only when it turns enabled or disabled (at either end). */
const ControlButton = memo(function ControlButton({
  c,
  disabled,
  back,
}: {
  c: Control
  disabled: boolean
  back?: boolean
}) {
  const iconFirst = back || !c.text
  return (
    <button
      type="button"
      className={`transport-btn${c.text ? '' : ' icon-only'}${c.primary ? ' primary-control' : ''}`}
      onClick={c.run}
      disabled={disabled}
      aria-label={`${c.label} (${c.keys})`}
      title={`${c.label} (${c.keys})`}
    >
      {iconFirst && <Icon name={c.icon} />}
      {c.text && <span className="transport-text">{c.text}</span>}
      <span className="transport-short" aria-hidden="true">
        {c.short}
      </span>
      {!iconFirst && <Icon name={c.icon} />}
    </button>
  )
})

/**
 * What the time controls need of the cursor: only whether it is at either end, so a step in the
 * middle of a run does not re-render them. Pure.
 */
export function transportEnds(s: Pick<SynodState, 'cursor' | 'log'>): { atStart: boolean; atEnd: boolean } {
  return { atStart: s.cursor <= 0, atEnd: s.cursor >= lastStep(s.log) }
}

/** Play / pause, speed, and stepping by event, phase and round in both directions. */
export function Transport() {
  const playing = useSynod((s) => s.playing)
  const speed = useSynod((s) => s.speed)
  const { atStart, atEnd } = useSynod(useShallow(transportEnds))
  const hasSteps = useSynod((s) => lastStep(s.log) > 0)
  const computing = useSynod((s) => s.computing)
  // "Until decided" waits for learners that each decide one value; other protocols have none.
  const decides = useProtocol().app.decisions !== undefined
  // At the end, Play starts the run again from the beginning (see `play`): the button says so.
  const replay = !playing && !computing && hasSteps && atEnd
  const playLabel = playing ? 'Pause (Space)' : replay ? 'Replay from the start (Space)' : 'Play (Space)'
  return (
    <div className="transport" role="toolbar" aria-label="Time controls">
      {BACK.map((c) => (
        <ControlButton key={c.label} c={c} disabled={atStart} back />
      ))}
      <button
        type="button"
        className="transport-btn play primary-control"
        onClick={togglePlay}
        aria-label={playLabel}
        title={playLabel}
      >
        <Icon name={playing ? 'pause' : 'play'} />{' '}
        <span>{playing ? 'Pause' : replay ? 'Replay' : 'Play'}</span>
      </button>
      {FORWARD.filter((c) => decides || c.run !== act.runUntilDecided).map((c) => (
        <ControlButton key={c.label} c={c} disabled={atEnd && !computing} />
      ))}
      <label className="speed">
        <span>Speed</span>
        <select
          value={speed}
          onChange={(e) => setSpeed(Number(e.target.value))}
          aria-label="Playback speed (steps per second)"
        >
          {SPEEDS.map((v) => (
            <option key={v} value={v}>
              {v}×
            </option>
          ))}
        </select>
      </label>
    </div>
  )
}

/** Where the cursor is: "step 9/24 · tick 20" (and whether the worker is still computing). */
export function Position() {
  const cursor = useSynod((s) => s.cursor)
  const end = useSynod((s) => lastStep(s.log))
  const computing = useSynod((s) => s.computing)
  const tick = useSynod((s) => s.log[eventsThrough(s.log, s.cursor) - 1]?.tick ?? 0)
  const halted = useSynod((s) => s.halted)
  // Said where the run stops: a found counterexample opens at its violation, long before the
  // step limit of a protocol that never goes quiet (Multi-Paxos's heartbeats).
  const limited = (halted === 'steps' || halted === 'log') && cursor === end
  // The widest this text gets in this run, for presenter mode to keep its room (presenter.css):
  // the controls beside it then stay put from click to click.
  const widest = useSynod(
    (s) => `step ${lastStep(s.log)}/${lastStep(s.log)} · tick ${s.log.at(-1)?.tick ?? 0}`.length,
  )
  // Without the tick (a phone held sideways in presenter mode, where the cursor pill shows it).
  const widestStep = useSynod((s) => `step ${lastStep(s.log)}/${lastStep(s.log)}`.length)
  const room = { '--position-chars': widest, '--position-step-chars': widestStep } as CSSProperties
  return (
    <span className="position" style={room}>
      step <b>{cursor}</b>/{end}
      <span className="position-tick"> · tick {tick}</span>
      {computing ? ' · computing…' : ''}
      {limited && (
        <span
          className="limit"
          title="The run stopped at its limit; raise Max steps in Settings to see more."
        >
          {' '}
          · {halted === 'steps' ? 'stopped at Max steps' : 'stopped at the log limit'}
        </span>
      )}
    </span>
  )
}
