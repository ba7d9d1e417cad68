import { useProtocol } from '../store/protocol.ts'
import type { AnyProtocol } from '../engine/index.ts'
import { memo } from 'react'
import { returnToBranch, setCursor } from '../store/actions.ts'
import { pause, setScrubbing } from '../store/playback.ts'
import { runIndex, type RunMark } from '../store/runIndex.ts'
import { useSynod } from '../store/store.ts'
import { Position } from './Transport.tsx'

const MARK_ORDER: RunMark['kind'][] = ['ballot', 'decided', 'chosen', 'crash', 'violation']
/** Ballots start often (hundreds in a livelock), so their marks are short; the rare events stand tall. */
const MARK_TOP: Record<RunMark['kind'], number> = {
  ballot: 16,
  decided: 8,
  chosen: 2,
  crash: 4,
  violation: 0,
}
/** The names of the marks, in the words of the protocol's face for its own moments. Pure. */
const markNames = (words: AnyProtocol['app']['scrubWords']): Record<RunMark['kind'], string> => ({
  ballot: words.attempt,
  chosen: words.progress,
  decided: 'decisions',
  crash: 'crashes',
  violation: 'violations',
})

/**
 * The marks under the slider: one thin line per ballot, decision, crash or violation. Marks that
 * fall on the same one-in-a-thousand slot are drawn once (a livelock starts hundreds of ballots).
 */
const Marks = memo(function Marks({ marks, end }: { marks: readonly RunMark[]; end: number }) {
  const lines = MARK_ORDER.flatMap((kind) => {
    const slots = new Set<number>()
    for (const m of marks) if (m.kind === kind) slots.add(end > 0 ? Math.round((m.step / end) * 1000) : 0)
    return [...slots].map((x) => ({ kind, x }))
  })
  return (
    <svg className="scrub-marks" viewBox="0 0 1000 24" preserveAspectRatio="none" aria-hidden="true">
      {lines.map(({ kind, x }) => (
        <line
          key={`${kind}-${x}`}
          className={`mark mark-${kind}`}
          x1={x}
          x2={x}
          y1={MARK_TOP[kind]}
          y2={24}
        />
      ))}
    </svg>
  )
})

/**
 * A slider over the whole run. Dragging moves the cursor at once: the browser already delivers at
 * most one pointer move per frame, at the start of the frame, and an `input` event is rendered
 * synchronously, so the new position is painted in that same frame. (Deferring to an animation
 * frame would render after the frame's paint and show every position one frame late.)
 */
export function Scrubber() {
  const log = useSynod((s) => s.log)
  const names = markNames(useProtocol().app.scrubWords)
  const idx = runIndex(log)
  const kinds = new Set(idx.marks.map((m) => m.kind))
  return (
    <div className="scrubber">
      <Position />
      <BranchButton />
      <div className="scrub-track">
        <Marks marks={idx.marks} end={idx.lastStep} />
        <ScrubSlider end={idx.lastStep} />
      </div>
      <ul className="scrub-legend" aria-label="Marks on the time line">
        {MARK_ORDER.filter((k) => kinds.has(k)).map((k) => (
          <li key={k}>
            <span className={`swatch mark-${k}`} aria-hidden="true" /> {names[k]}
          </li>
        ))}
      </ul>
      <RunLimit />
    </div>
  )
}

/**
 * Why the run ends where the slider ends, said beside the slider for the whole run. Said in the
 * position text only at the last step, it pushed the slider 258 px to the right (at 1280 px) at
 * that step, mid-drag: the thumb and the step under the finger jumped.
 */
function RunLimit() {
  const halted = useSynod((s) => s.halted)
  if (halted !== 'steps' && halted !== 'log') return null
  return (
    <p
      className="scrub-limit limit"
      title="The run stopped at its limit; raise Max steps in Settings to see more."
    >
      {halted === 'steps' ? 'ends at Max steps' : 'ends at the log limit'}
    </p>
  )
}

/** The slider itself: the one part of the scrubber that changes at every step. */
function ScrubSlider({ end }: { end: number }) {
  const cursor = useSynod((s) => s.cursor)
  const onInput = (value: number): void => {
    pause()
    setCursor(value)
  }
  return (
    <input
      type="range"
      min={0}
      max={Math.max(end, 1)}
      step={1}
      value={cursor}
      aria-label="Time: scheduler step"
      aria-valuetext={`step ${cursor} of ${end}`}
      onChange={(e) => onInput(e.target.valueAsNumber)}
      onPointerDown={() => setScrubbing(true)}
      onPointerUp={() => setScrubbing(false)}
      onPointerCancel={() => setScrubbing(false)}
      onLostPointerCapture={() => setScrubbing(false)}
      onBlur={() => setScrubbing(false)}
    />
  )
}

/**
 * After acting in the past, the run you had before is one click away, and once back there, the
 * run you changed. Neither is kept in the address or the autosave: a reload keeps the one shown.
 */
function BranchButton() {
  const changed = useSynod((s) => (s.branch === null ? null : s.branch.changed))
  if (changed === null) return null
  return (
    <button
      type="button"
      className="branch-btn"
      onClick={returnToBranch}
      title={
        changed
          ? 'Go back to the run you changed (until you reload the page).'
          : 'You changed the past. Go back to the run you had before (until you reload the page).'
      }
    >
      {changed ? '↪ Changed branch' : '↩ Previous branch'}
    </button>
  )
}
