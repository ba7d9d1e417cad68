import { memo, useLayoutEffect, useRef } from 'react'
import type { SimEvent } from '../engine/index.ts'
import { endSentence, payloadText } from '../store/protocol.ts'
import { selectMessage } from '../store/actions.ts'
import { eventsBefore, eventsThrough } from '../store/runIndex.ts'
import { useSynod } from '../store/store.ts'
import { beatTag } from './clicker.ts'
import { PredictBeat } from './PredictBeat.tsx'
import { P } from './format.ts'
import { StartHint } from './StartHint.tsx'
import { usePanelCursor } from './useView.ts'

/** How many earlier steps the feed shows above the current one. */
const HISTORY_STEPS = 6

/** A line of the feed: one event, or the sends of one broadcast folded into one. */
interface Line {
  readonly key: number
  readonly step: number
  readonly kind: SimEvent['kind']
  readonly text: string
  readonly msgs: readonly { id: number; to: number }[]
}

function foldable(e: SimEvent): e is Extract<SimEvent, { kind: 'msg.send' }> {
  return e.kind === 'msg.send' && e.msg.dupOf === null && e.msg.broadcastId != null
}

/**
 * A protocol's fact that says the send right after it whole (Multi-Paxos: "No answer in time, so
 * C1 sends C1.1:put(a1) to P2" before that send's "C1 sends C1.1:put(a1) to P2."): one sentence,
 * one line, linked to the message.
 */
function saysSend(e: SimEvent, next: SimEvent | undefined): next is Extract<SimEvent, { kind: 'msg.send' }> {
  return (
    next?.kind === 'msg.send' &&
    next.step === e.step &&
    !('msg' in e) &&
    e.text.includes(next.text.replace(/\.$/, ''))
  )
}

/**
 * Fold the sends of one broadcast (the engine's `broadcastId`) into one line, and a fact that says
 * the send after it into that send's line. Pure.
 */
export function feedLines(events: readonly SimEvent[]): Line[] {
  const lines: Line[] = []
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as SimEvent
    const next = events[i + 1]
    if (saysSend(e, next)) {
      const text = endSentence(e.text)
      lines.push({
        key: e.seq,
        step: e.step,
        kind: e.kind,
        text,
        msgs: [{ id: next.msg.id, to: next.msg.to }],
      })
      i++
      continue
    }
    if (foldable(e)) {
      let j = i + 1
      const group = [e]
      for (let n = events[j]; n && foldable(n) && n.msg.broadcastId === e.msg.broadcastId; n = events[++j])
        group.push(n)
      if (group.length > 2) {
        const to = group.map((g) => P(g.msg.to)).join(', ')
        lines.push({
          key: e.seq,
          step: e.step,
          kind: e.kind,
          text: `${P(e.msg.from)} sends ${payloadText(e.msg.payload)} to ${to}.`,
          msgs: group.map((g) => ({ id: g.msg.id, to: g.msg.to })),
        })
        i = j - 1
        continue
      }
    }
    const msg = 'msg' in e ? [{ id: e.msg.id, to: e.msg.to }] : []
    lines.push({ key: e.seq, step: e.step, kind: e.kind, text: endSentence(e.text), msgs: msg })
  }
  return lines
}

/** Same words, same messages, same emphasis: a line that need not be drawn again. Pure. */
export function sameFeedLine(
  a: { line: Line; current: boolean },
  b: { line: Line; current: boolean },
): boolean {
  const x = a.line
  const y = b.line
  return (
    a.current === b.current &&
    x.kind === y.kind &&
    x.text === y.text &&
    x.msgs.length === y.msgs.length &&
    x.msgs.every((m, i) => m.id === y.msgs[i]?.id && m.to === y.msgs[i]?.to)
  )
}

/**
 * One line of the feed. The feed is rebuilt at every step, but most of its lines are the same
 * as before (the last few steps scroll by): those are not re-rendered.
 */
const FeedLine = memo(function FeedLine({ line, current }: { line: Line; current: boolean }) {
  const quiet = line.kind === 'timer.set' || line.kind === 'timer.cancel' || line.kind === 'run.start'
  const cls = `feed-line kind-${line.kind.replace('.', '-')}${current ? ' current' : ''}${quiet ? ' quiet' : ''}`
  if (line.msgs.length === 1) {
    const m = line.msgs[0] as { id: number }
    return (
      <li className={cls}>
        <button
          type="button"
          className="feed-link"
          onClick={() => selectMessage(m.id)}
          title={`Select message #${m.id}`}
        >
          {line.text}
        </button>
      </li>
    )
  }
  return (
    <li className={cls}>
      {line.text}
      {line.msgs.map((m) => (
        <button
          key={m.id}
          type="button"
          className="feed-chip"
          onClick={() => selectMessage(m.id)}
          aria-label={`Select message #${m.id} to ${P(m.to)}`}
        >
          #{m.id}
        </button>
      ))}
    </li>
  )
}, sameFeedLine)

/**
 * Scroll the feed so the current step shows whole under the history before it, or, when it is
 * taller than the feed, so its first line is at the top: what happened (a receive, a timer) comes
 * first and its consequences (sends, timers set) after, so the cause is what must not be cut.
 * One layout read per step, after the lines changed and before the paint.
 */
export function alignCurrentStep(feed: HTMLElement): void {
  const bottom = feed.scrollHeight - feed.clientHeight
  const first = feed.querySelector<HTMLElement>('.feed-line.current')
  feed.scrollTop = first ? Math.min(bottom, first.offsetTop) : bottom
}

/**
 * Align the feed (see `alignCurrentStep`): at once, before the paint, or while a scrub moves, in
 * the next animation frame. A scrub's feed follows ten times a second, and the read in the commit
 * forced a layout of the page there, mid-frame, that the frame then did again after the diagram's
 * next move (a CPU profile of the bench's drag: 2.5–3.9 ms a move in `alignCurrentStep`). In the
 * animation frame the read comes with that frame's own layout; the feed lines up a frame after
 * its lines change, while the drag moves. Returns the cancel of a pending alignment.
 */
export function alignFeed(
  feed: HTMLElement,
  scrubbing: boolean,
  frames: Pick<Window, 'requestAnimationFrame' | 'cancelAnimationFrame'> = window,
): (() => void) | undefined {
  if (!scrubbing) {
    alignCurrentStep(feed)
    return undefined
  }
  const frame = frames.requestAnimationFrame(() => alignCurrentStep(feed))
  return () => frames.cancelAnimationFrame(frame)
}

/** The narration feed: the last few steps in plain English, the current step emphasised. */
export function Narration() {
  const log = useSynod((s) => s.log)
  const cursor = usePanelCursor('feed')
  const beats = useSynod((s) => s.scenario.beats)
  // See InFlightList: while a scrub moves, each catch-up shows other lines; by position they are
  // updated in place instead of re-created.
  const scrubbing = useSynod((s) => s.scrubbing)
  const touched = useSynod((s) => s.touched)
  const end = eventsThrough(log, cursor)
  const currentStep = end > 0 ? (log[end - 1] as SimEvent).step : 0
  let from = eventsBefore(log, currentStep)
  for (let k = 0; k < HISTORY_STEPS && from > 0; k++)
    from = eventsBefore(log, (log[from - 1] as SimEvent).step)
  const lines = feedLines(log.slice(from, end))
  const beat = beats?.find((b) => b.step === cursor)
  const feedRef = useRef<HTMLDivElement>(null)
  // A beat or the hint takes its room from the feed, so they move the alignment too.
  useLayoutEffect(() => {
    if (feedRef.current) return alignFeed(feedRef.current, scrubbing)
  }, [log, from, end, beat, touched, scrubbing])
  return (
    <section className="narration" aria-label="What happens, step by step">
      {!touched && cursor === 0 && <StartHint />}
      {beat && (
        <div className={`beat${beat.ask ? ' has-ask' : ''}`}>
          <p>
            <span className="beat-tag">{beatTag(beat.text)}</span> <bdi>{beat.text}</bdi>
          </p>
          {beat.ask && <PredictBeat key={`${beat.step} ${beat.text}`} ask={beat.ask} />}
        </div>
      )}
      <div className="feed" ref={feedRef}>
        <ol>
          {lines.map((l, i) => (
            <FeedLine key={scrubbing ? i : l.key} line={l} current={l.step === currentStep} />
          ))}
        </ol>
      </div>
    </section>
  )
}
