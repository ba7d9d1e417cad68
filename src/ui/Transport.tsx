import * as act from '../store/actions.ts'
import { lastStep } from '../store/navigation.ts'
import { setSpeed, togglePlay } from '../store/playback.ts'
import { eventsThrough } from '../store/runIndex.ts'
import { SPEEDS } from '../store/state.ts'
import { useSynod } from '../store/store.ts'
import { Icon, type IconName } from './Icon.tsx'

interface Control {
  readonly label: string
  /** Visible text; icon-only when absent. */
  readonly text?: string
  readonly icon: IconName
  readonly keys: string
  readonly run: () => void
}

const BACK: readonly Control[] = [
  { label: 'Jump to start', icon: 'start', keys: 'Home', run: act.jumpToStart },
  { label: 'Back one round', icon: 'fastBack', keys: '[', run: act.roundBack },
  { label: 'Back one phase', text: 'Phase', icon: 'back', keys: 'Shift+←', run: act.phaseBack },
  { label: 'Back one step', text: 'Back', icon: 'back', keys: '← or PageUp', run: act.stepBack },
]

const FORWARD: readonly Control[] = [
  { label: 'Step', text: 'Step', icon: 'forward', keys: '→ or PageDown', run: act.stepForward },
  { label: 'Phase', text: 'Phase', icon: 'forward', keys: 'Shift+→', run: act.phaseForward },
  { label: 'Round', text: 'Round', icon: 'fastForward', keys: ']', run: act.roundForward },
  { label: 'Until decided', text: 'Until decided', icon: 'fastForward', keys: 'D', run: act.runUntilDecided },
  { label: 'Jump to end', icon: 'end', keys: 'End', run: act.jumpToEnd },
]

function ControlButton({ c, disabled, back }: { c: Control; disabled: boolean; back?: boolean }) {
  return (
    <button
      type="button"
      className={`transport-btn${c.text ? '' : ' icon-only'}`}
      onClick={c.run}
      disabled={disabled}
      aria-label={`${c.label} (${c.keys})`}
      title={`${c.label} (${c.keys})`}
    >
      {back || !c.text ? <Icon name={c.icon} /> : null}
      {c.text}
      {!back && c.text ? <Icon name={c.icon} /> : null}
    </button>
  )
}

/** Play / pause, speed, and stepping by event, phase and round in both directions. */
export function Transport() {
  const playing = useSynod((s) => s.playing)
  const speed = useSynod((s) => s.speed)
  const cursor = useSynod((s) => s.cursor)
  const end = useSynod((s) => lastStep(s.log))
  const computing = useSynod((s) => s.computing)
  // At the end, Play starts the run again from the beginning (see `play`): the button says so.
  const replay = !playing && !computing && end > 0 && cursor >= end
  const playLabel = playing ? 'Pause (Space)' : replay ? 'Replay from the start (Space)' : 'Play (Space)'
  return (
    <div className="transport" role="toolbar" aria-label="Time controls">
      {BACK.map((c) => (
        <ControlButton key={c.label} c={c} disabled={cursor <= 0} back />
      ))}
      <button
        type="button"
        className="transport-btn play"
        onClick={togglePlay}
        aria-label={playLabel}
        title={playLabel}
      >
        <Icon name={playing ? 'pause' : 'play'} /> {playing ? 'Pause' : replay ? 'Replay' : 'Play'}
      </button>
      {FORWARD.map((c) => (
        <ControlButton key={c.label} c={c} disabled={cursor >= end && !computing} />
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
  const limited = halted === 'steps' || halted === 'log'
  return (
    <span className="position">
      step <b>{cursor}</b>/{end} · tick {tick}
      {computing ? ' · computing…' : ''}
      {limited && (
        <span
          className="limit"
          title="The run stopped at its limit; raise Max steps in Settings to see more."
        >
          {' '}
          · limit
        </span>
      )}
    </span>
  )
}
