import { payloadLabel, type Intervention, type SimState } from '../engine/index.ts'
import { nextDue } from '../engine/kernel/scheduler.ts'

/**
 * What the schedule search changed in a run, in words a student can follow ("dropped #12 (accept
 * 2.2, P2→P3)", "delivered #9 before #7", "crashed P2"). Pure: each change is described from the
 * state just before it, so "before #7" names the message the scheduler would have delivered.
 */

export interface ExplorerChange {
  /** The step after which the explorer intervened (the intervention's stamp). */
  readonly atStep: number
  /** The step that shows it: the delivery or firing it caused (`atStep + 1`), else `atStep`. */
  readonly showStep: number
  readonly text: string
}

const P = (pid: number): string => `P${pid}`

/** `#9 (prepare 1.1, P1→P2)`, or `#9` when the message is no longer in flight. Pure. */
function messageText(s: SimState, msgId: number): string {
  const m = s.inFlight.find((x) => x.id === msgId)
  return m ? `#${msgId} (${payloadLabel(m.payload)}, ${P(m.from)}→${P(m.to)})` : `#${msgId}`
}

/** What the scheduler would have done next instead, as "#7" or "P1's timeout". Pure. */
function insteadOf(s: SimState): string | null {
  const due = nextDue(s)
  if (!due) return null
  return due.msg ? `#${due.msg.id}` : `${P(due.timer.pid)}'s ${due.timer.key} timer`
}

/** The earliest pending timer of `pid` (what `fire-timer` without a key fires). Pure. */
function timerOf(s: SimState, pid: number, key?: string): string {
  const mine = s.timers.filter((t) => t.pid === pid && (key === undefined || t.key === key))
  mine.sort((a, b) => a.fireAt - b.fireAt || a.seq - b.seq)
  return mine[0]?.key ?? key ?? 'timer'
}

/** One intervention of the explorer, described in the state `s` it was applied to. Pure. */
export function describeChange(s: SimState, action: Intervention): ExplorerChange {
  const atStep = s.step
  const at = (text: string, showStep = atStep): ExplorerChange => ({ atStep, showStep, text })
  switch (action.type) {
    case 'deliver': {
      const instead = insteadOf(s)
      const before = instead && instead !== `#${action.msgId}` ? ` before ${instead}` : ''
      return at(`delivered ${messageText(s, action.msgId)}${before}`, atStep + 1)
    }
    case 'fire-timer':
      return at(`fired ${P(action.pid)}'s ${timerOf(s, action.pid, action.key)} timer early`, atStep + 1)
    case 'drop':
      return at(`dropped ${messageText(s, action.msgId)}`)
    case 'duplicate':
      return at(`duplicated ${messageText(s, action.msgId)}`)
    case 'delay':
      return at(`delayed ${messageText(s, action.msgId)} by ${action.ticks} ticks`)
    case 'crash':
      return at(`crashed ${P(action.pid)}`)
    case 'recover':
      return at(`recovered ${P(action.pid)}`)
    case 'propose':
      return at(`asked ${P(action.pid)} to propose ${action.value}`)
    case 'partition':
      return at(
        `partitioned the network into ${action.groups.map((g) => `{${g.map(P).join(', ')}}`).join(' ')}`,
      )
    case 'heal':
      return at('healed the partition')
  }
}
