import type { SimEvent } from '../engine/index.ts'
import type { LogIndex, TimerEnd, TimerRecord } from './logTypes.ts'

/**
 * Timers as countdowns on their lanes, from the log's facts: `timer.set` (with its deadline) opens
 * one; `timer.fire`, `timer.cancel`, a new `timer.set` of the same key, or the process's crash
 * closes it. What a timer means (`backoff`, `election timeout`) is the module's word
 * (`narration.timerCountdown`); a timer it leaves unnamed is not drawn.
 */

type Open = TimerRecord & { end: TimerEnd | null }

const slotOf = (pid: number, key: string): string => `${pid}|${key}`

function close(idx: LogIndex, slot: string, e: SimEvent, kind: TimerEnd['kind']): void {
  const t = idx.openTimers.get(slot) as Open | undefined
  if (!t) return
  t.end = { kind, step: e.step, tick: e.tick }
  idx.openTimers.delete(slot)
}

/** Index one event's timer facts. Mutates `idx` only. */
export function onTimerFact(idx: LogIndex, e: SimEvent): void {
  switch (e.kind) {
    case 'run.start':
      idx.config = e.config
      return
    case 'timer.set': {
      const slot = slotOf(e.pid, e.key)
      close(idx, slot, e, 'replaced')
      const words = idx.module.narration.timerCountdown?.(e.pid, e.key, e.fireAt, idx.config)
      if (!words) return
      const t: Open = {
        pid: e.pid,
        key: e.key,
        setStep: e.step,
        setTick: e.tick,
        fireAt: e.fireAt,
        end: null,
        label: words.label,
        text: words.text,
        quiet: words.quiet,
      }
      idx.timers.push(t)
      idx.openTimers.set(slot, t)
      return
    }
    case 'timer.fire':
      return close(idx, slotOf(e.pid, e.key), e, 'fire')
    case 'timer.cancel':
      return close(idx, slotOf(e.pid, e.key), e, 'cancel')
    case 'proc.crash':
      for (const [slot, t] of idx.openTimers) if (t.pid === e.pid) close(idx, slot, e, 'crash')
      return
    default:
      return
  }
}

/** One countdown as drawn: content-pixel x of its start, of "now" (cursor or its end), of its deadline. */
export interface TimerGeom {
  readonly key: string
  readonly pid: number
  readonly y: number
  readonly x1: number
  readonly xNow: number
  readonly x2: number
  /** Still counting down at the cursor. */
  readonly pending: boolean
  readonly quiet: boolean
  /** The label drawn beside a pending countdown (`backoff → t57`). */
  readonly label: string
  /** Its tooltip and accessible name (`P3 backs off until t=57`, and how it ended). */
  readonly ariaLabel: string
}

/** The countdowns at a cursor: a few shared paths (cheap to draw) plus the items for hit targets. */
export interface TimerLayer {
  /** What pending timers have waited so far, up to the cursor. */
  readonly waited: string
  /** Timers that already ended, from their start to their end: fainter history. */
  readonly spent: string
  /** What a pending timer still has to wait: outlined, from the cursor to its deadline. */
  readonly remaining: string
  /** Deadlines of pending timers, and where a cancelled or replaced one stopped. */
  readonly caps: string
  /** Routine timers (a leader's heartbeat tick): one faint dotted path. */
  readonly quiet: string
  readonly items: readonly TimerGeom[]
}

const ENDED: Record<TimerEnd['kind'], (t: TimerRecord, at: number) => string> = {
  fire: () => 'it fired',
  cancel: (_, at) => `cancelled at t=${at}`,
  replaced: (_, at) => `set again at t=${at}`,
  crash: (t, at) => `P${t.pid} crashed at t=${at}`,
}

const r1 = (v: number): number => Math.round(v * 10) / 10

/** Half the bar's height and its offset below the lane line, at type scale 1. */
export const TIMER_BAR = { half: 4, below: 15 } as const

/**
 * The countdowns at `cursorStep` that overlap ticks [from, to]: timers set by the cursor, each
 * from its start to the cursor (still pending: with the rest of its wait outlined up to its
 * deadline) or to where it ended. Pure.
 */
export function timersInView(
  idx: LogIndex,
  cursorStep: number,
  cursorTick: number,
  from: number,
  to: number,
  geo: {
    readonly x: (t: number) => number
    readonly laneY: (pid: number) => number
    readonly scale: number
    /** Only the timers pending at the cursor (the view is too busy for the history: traffic). */
    readonly pendingOnly: boolean
    /** Hit targets (tooltips) for ended timers too; off while a scrub moves, as nobody hovers then. */
    readonly historyTargets: boolean
    /** The bar's offset below its lane line (default TIMER_BAR.below × scale). */
    readonly below?: number
  },
): TimerLayer {
  const items: TimerGeom[] = []
  let waited = ''
  let spent = ''
  let remaining = ''
  let caps = ''
  let quiet = ''
  const half = TIMER_BAR.half * geo.scale
  for (const t of idx.timers) {
    if (t.setStep > cursorStep) break
    const ended = t.end !== null && t.end.step <= cursorStep ? t.end : null
    if (ended && geo.pendingOnly) continue
    const stop = ended ? ended.tick : t.fireAt
    if (stop < from || t.setTick > to || stop <= t.setTick) continue
    const y = r1(geo.laneY(t.pid) + (geo.below ?? TIMER_BAR.below * geo.scale))
    const x1 = r1(geo.x(t.setTick))
    const xNow = r1(geo.x(ended ? ended.tick : Math.max(t.setTick, Math.min(cursorTick, t.fireAt))))
    const x2 = r1(geo.x(t.fireAt))
    if (t.quiet) quiet += `M${x1} ${y}H${ended ? xNow : x2}`
    else {
      const bar = `M${x1} ${y - half}H${xNow}V${y + half}H${x1}Z`
      if (xNow > x1 && ended) spent += bar
      else if (xNow > x1) waited += bar
      if (!ended && x2 > xNow) remaining += `M${xNow} ${y - half}H${x2}V${y + half}H${xNow}Z`
      if (!ended || ended.kind !== 'fire') {
        const xc = ended ? xNow : x2
        caps += `M${xc} ${r1(y - 3 * half)}V${r1(y + 3 * half)}`
      }
    }
    if (ended && !geo.historyTargets) continue
    const how = ended ? ` (${ENDED[ended.kind](t, ended.tick)})` : ''
    items.push({
      key: `${t.pid}|${t.key}|${t.setStep}|${t.setTick}`,
      pid: t.pid,
      y,
      x1,
      xNow,
      x2: ended ? xNow : x2,
      pending: ended === null,
      quiet: t.quiet,
      label: `${t.label} → t${t.fireAt}`,
      ariaLabel: `${t.text}${how}`,
    })
  }
  return { waited, spent, remaining, caps, quiet, items }
}
