import { partitionGroups, type Intervention } from '../engine/index.ts'
import type { ProtocolModule, ProtocolTypes } from '../engine/kernel/module.ts'
import { nextDue } from '../engine/kernel/scheduler.ts'
import type { KernelState } from '../engine/kernel/state.ts'

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

type State<T extends ProtocolTypes> = KernelState<T>

/** The process's name as the protocol shows it (`P2`, a Multi-Paxos client `C1`). Pure. */
function nameOf<T extends ProtocolTypes>(module: ProtocolModule<T>, s: State<T>, pid: number): string {
  return module.app.processName(s.config, pid as never)
}

/** `#9 (prepare 1.1, P1→P2)`, or `#9` when the message is no longer in flight. Pure. */
function messageTextOf<T extends ProtocolTypes>(
  module: ProtocolModule<T>,
  s: State<T>,
  msgId: number,
): string {
  const m = s.inFlight.find((x) => x.id === msgId)
  const P = (pid: number) => nameOf(module, s, pid)
  return m ? `#${msgId} (${module.narration.label(m.payload)}, ${P(m.from)}→${P(m.to)})` : `#${msgId}`
}

/** What the scheduler would have done next instead, as "#7" or "P1's timeout". Pure. */
function insteadOf<T extends ProtocolTypes>(module: ProtocolModule<T>, s: State<T>): string | null {
  const due = nextDue(s)
  if (!due) return null
  return due.msg ? `#${due.msg.id}` : `${nameOf(module, s, due.timer.pid)}'s ${due.timer.key} timer`
}

/** The earliest pending timer of `pid` (what `fire-timer` without a key fires). Pure. */
function timerOf<T extends ProtocolTypes>(s: State<T>, pid: number, key?: string): string {
  const mine = s.timers.filter((t) => t.pid === pid && (key === undefined || t.key === key))
  mine.sort((a, b) => a.fireAt - b.fireAt || a.seq - b.seq)
  return mine[0]?.key ?? key ?? 'timer'
}

/** One intervention of the explorer, described in the state `s` of `module`'s run it was applied to. Pure. */
export function describeChange<T extends ProtocolTypes>(
  module: ProtocolModule<T>,
  s: State<T>,
  action: Intervention,
): ExplorerChange {
  const atStep = s.step
  const at = (text: string, showStep = atStep): ExplorerChange => ({ atStep, showStep, text })
  const P = (pid: number) => nameOf(module, s, pid)
  switch (action.type) {
    case 'deliver': {
      const instead = insteadOf(module, s)
      const before = instead && instead !== `#${action.msgId}` ? ` before ${instead}` : ''
      return at(`delivered ${messageTextOf(module, s, action.msgId)}${before}`, atStep + 1)
    }
    case 'fire-timer':
      return at(`fired ${P(action.pid)}'s ${timerOf(s, action.pid, action.key)} timer early`, atStep + 1)
    case 'drop':
      return at(`dropped ${messageTextOf(module, s, action.msgId)}`)
    case 'duplicate':
      return at(`duplicated ${messageTextOf(module, s, action.msgId)}`)
    case 'delay':
      return at(`delayed ${messageTextOf(module, s, action.msgId)} by ${action.ticks} ticks`)
    case 'crash':
      return at(`crashed ${P(action.pid)}`)
    case 'recover':
      return at(`recovered ${P(action.pid)}`)
    case 'propose':
      return at(module.explorer.requestText(P(action.pid), action.value))
    case 'partition':
      return at(
        `partitioned the network into ${partitionGroups(action.groups, s.procs.length)
          .map((g) => `{${g.map(P).join(', ')}}`)
          .join(' | ')}`,
      )
    case 'heal':
      return at('healed the partition')
  }
}
