import type { ProcSlot } from '../../kernel/module.ts'
import { pidName, unreachableInWords } from '../../kernel/narration.ts'
import type { ProcessId, Timer, Unreachable } from '../../kernel/types.ts'
import { uninformed } from './learner.ts'
import type { PaxosTypes, TimerPurpose } from './types.ts'

/**
 * When a Paxos run has come to rest (the module's `restsOn`): no proposer is at work (every
 * pending timer is a decider's re-send), each decider waits only for processes it cannot reach
 * (down, or across the partition), and every process that is up and has not decided is one of
 * those. A decider keeps re-sending until each process answers, as it must (it cannot tell a
 * crashed or cut-off process from a slow one), so without this a crash after the decision ran on
 * to the step limit with one lost re-send after another. Returns the processes waited on, or
 * null while the run has more to show. Pure.
 */
export function restsOn(
  procs: readonly ProcSlot<PaxosTypes>[],
  timers: readonly Timer<TimerPurpose>[],
  canReach: (from: ProcessId, to: ProcessId) => boolean,
): readonly ProcessId[] | null {
  if (timers.length === 0) return null // quiet already: the kernel's own end of a run
  const waiting = new Set<ProcessId>()
  for (const t of timers) {
    if (t.key !== 'inform') return null
    const decider = procs[t.pid - 1]
    if (!decider) return null
    for (const pid of uninformed(decider.local.learner, procs.length)) {
      if (procs[pid - 1]?.up !== false && canReach(t.pid, pid)) return null
      waiting.add(pid)
    }
  }
  if (waiting.size === 0) return null
  if (procs.some((p) => p.up && p.local.learner.decided === null && !waiting.has(p.pid))) return null
  return [...waiting].sort((a, b) => a - b)
}

/** The sentence for a run at rest (see `restsOn`). */
export function restsText(waitingOn: Unreachable): string {
  const { who, unless } = unreachableInWords(waitingOn, pidName)
  return `The only re-sends of the decision left would go to ${who}, and be lost; every other process knows the decision. Nothing more happens unless ${unless}, so the run rests here.`
}
