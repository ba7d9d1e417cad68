import { LIMITS, protocolById, type SimEvent } from '../engine/index.ts'
import { openDialog } from '../store/actions.ts'
import { restartEngine, synodStore, useSynod } from '../store/store.ts'
import { useMomentSelect, type ModuleMoment } from '../store/moment.ts'
import type { SynodState } from '../store/state.ts'

/**
 * What the engine supervisor did: it replaced a failed engine and reran the run (a dismissable
 * status), or it gave up after too many failures (an alert with a Restart button).
 */
export function EngineBanner() {
  const status = useSynod((s) => s.engineStatus)
  const reason = useSynod((s) => s.engineReason)
  if (status === 'restarted')
    return (
      <p className="notice-banner engine-banner" role="status">
        The simulation engine stopped; restarted it and restored your run.
        {reason ? <span className="banner-detail"> ({reason})</span> : null}{' '}
        <button type="button" onClick={() => synodStore.setState({ engineStatus: 'ok' })}>
          OK
        </button>
      </p>
    )
  if (status === 'stopped')
    return (
      <p className="error-banner engine-banner" role="alert">
        The simulation engine keeps failing{reason ? ` (${reason})` : ''}, so it was stopped. Your run and
        everything you did are kept.{' '}
        <button type="button" onClick={restartEngine}>
          Restart
        </button>
      </p>
    )
  return null
}

/** Drops for the in-flight limit, counted once per log (the array identity is the cache key). */
const inFlightDrops = new WeakMap<readonly SimEvent[], readonly number[]>()
function inFlightLimitSteps(log: readonly SimEvent[]): readonly number[] {
  let steps = inFlightDrops.get(log)
  if (!steps) {
    steps = log.filter((e) => e.kind === 'limit.reached' && e.limit === 'in-flight').map((e) => e.step)
    inFlightDrops.set(log, steps)
  }
  return steps
}

/** How many entries of an ascending list are ≤ x (binary search). */
function countThrough(list: readonly number[], x: number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((list[mid] as number) <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The sentence for a limit the run hit (at or before the cursor), or null. Protocol-neutral but for
 * `requests`, the protocol's plural for the user's requests (`proposals`, `client requests`). Pure.
 */
export function limitMessage(
  halted: string | null,
  atEnd: boolean,
  inFlightDropped: number,
  requests: string,
): string | null {
  if (atEnd && halted === 'steps')
    return 'The run stopped at its step limit (Max steps), not because it had nothing left to do. Raise Max steps in Settings to see what happens next.'
  if (atEnd && halted === 'log')
    return `The run stopped at the event log limit (${LIMITS.logEventsMax.toLocaleString('en')} events). Lower Max steps or start fewer ${requests}.`
  if (inFlightDropped > 0)
    return `${inFlightDropped} message${inFlightDropped === 1 ? ' was' : 's were'} dropped because ${LIMITS.inFlightMax.toLocaleString('en')} were already in flight (the network's limit). Fewer duplicates or shorter timeouts keep the network below it.`
  return null
}

/**
 * At the step limit, the module's note that the story is over although the run could go on
 * (heartbeats), or null. Read from the moment only there. Pure.
 */
export function limitNoteOf(moment: ModuleMoment, s: SynodState): string | null {
  const atEnd = s.cursor >= (s.log[s.log.length - 1]?.step ?? 0)
  if (s.halted !== 'steps' || !atEnd) return null
  return moment.module.app.limitNote?.(s.scenario.config, moment.procs) ?? null
}

/** A limit that was hit is said plainly, with what to do about it: never a silent stop. */
export function LimitBanner() {
  const halted = useSynod((s) => s.halted)
  const atEnd = useSynod((s) => s.cursor >= (s.log[s.log.length - 1]?.step ?? 0))
  const dropped = useSynod((s) => countThrough(inFlightLimitSteps(s.log), s.cursor))
  const requests = useSynod((s) => protocolById(s.scenario.protocol ?? 'paxos')?.requestWords.plural)
  const over = useMomentSelect('feed', limitNoteOf)
  const text = limitMessage(halted, atEnd, dropped, requests ?? 'requests')
  if (!text) return null
  if (over)
    return (
      <p className="notice-banner limit-banner limit-done" role="status">
        {over}
      </p>
    )
  return (
    <p className="notice-banner limit-banner" role="status">
      {text}{' '}
      {halted === 'steps' && atEnd && (
        <button type="button" onClick={() => openDialog('config')}>
          Settings
        </button>
      )}
    </p>
  )
}
