import { formatBallot } from './ballot.ts'
import type { SimEvent } from './events.ts'
import { payloadLabel } from './narration.ts'
import type { SimState } from './state.ts'

/** The compact subject of an event (`#17 P2→P3 promise 1.1`), or '' when the text says it all. Pure. */
function subject(e: SimEvent): string {
  switch (e.kind) {
    case 'msg.send':
    case 'msg.deliver':
    case 'msg.drop':
    case 'msg.delay':
      return `#${e.msg.id} P${e.msg.from}→P${e.msg.to} ${payloadLabel(e.msg.payload)}`
    default:
      return ''
  }
}

/** One stable, human-readable line per event: `s12 t34 msg.send #17 P2→P3 promise 1.1 · <narration>`. Pure. */
export function traceLine(e: SimEvent): string {
  const subj = subject(e)
  return `s${e.step} t${e.tick} ${e.kind}${subj ? ` ${subj}` : ''} · ${e.text}`
}

/** The whole text trace. Pure. */
export function textTrace(log: readonly SimEvent[]): string {
  return log.map(traceLine).join('\n')
}

/** The outcome of a run in a few numbers. Pure. */
export interface RunSummary {
  chosen: string | null
  ballot: string | null
  decided: number
  processes: number
  violations: number
  steps: number
}

export function summarize(state: SimState): RunSummary {
  const first = state.ghost.chosen[0] ?? null
  return {
    chosen: first ? first.value : null,
    ballot: first ? formatBallot(first.ballot) : null,
    decided: state.procs.filter((p) => p.learner.decided !== null).length,
    processes: state.procs.length,
    violations: state.ghost.violations,
    steps: state.step,
  }
}

/** `summary chosen=10 ballot=2.3 decided=5/5 violations=0 steps=42`. Pure. */
export function summaryLine(s: RunSummary): string {
  return `summary chosen=${s.chosen ?? 'none'} ballot=${s.ballot ?? 'none'} decided=${s.decided}/${s.processes} violations=${s.violations} steps=${s.steps}`
}

/** FNV-1a over the JSON of the log: equal logs give equal hashes. Pure. */
export function logHash(log: readonly SimEvent[]): string {
  let h = 0x811c9dc5
  for (const e of log) {
    const json = JSON.stringify(e)
    for (let i = 0; i < json.length; i++) {
      h ^= json.charCodeAt(i)
      h = Math.imul(h, 0x01000193)
    }
  }
  return (h >>> 0).toString(16).padStart(8, '0')
}
