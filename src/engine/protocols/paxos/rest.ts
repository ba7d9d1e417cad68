import type { ProcSlot } from '../../kernel/module.ts'
import { namesInWords } from '../../kernel/narration.ts'
import type { ProcessId, Timer } from '../../kernel/types.ts'
import { uninformed } from './learner.ts'
import type { PaxosTypes, TimerPurpose } from './types.ts'

/**
 * When a Paxos run has come to rest (the module's `restsOn`): every process that is up knows the
 * decision, no proposer is at work (every pending timer is a decider's re-send), and each decider
 * still waits only for processes that are down. A decider keeps re-sending until each process
 * answers, as it must (it cannot tell a crashed process from a slow one), so without this a crash
 * after the decision ran on to the step limit with one lost re-send after another. Returns those
 * down processes, ascending, or null while the run has more to show. Pure.
 */
export function restsOn(
  procs: readonly ProcSlot<PaxosTypes>[],
  timers: readonly Timer<TimerPurpose>[],
): readonly ProcessId[] | null {
  if (timers.length === 0) return null // quiet already: the kernel's own end of a run
  if (procs.some((p) => p.up && p.local.learner.decided === null)) return null
  const waiting = new Set<ProcessId>()
  for (const t of timers) {
    if (t.key !== 'inform') return null
    const decider = procs[t.pid - 1]
    if (!decider) return null
    for (const pid of uninformed(decider.local.learner, procs.length)) {
      if (procs[pid - 1]?.up !== false) return null
      waiting.add(pid)
    }
  }
  if (waiting.size === 0) return null
  return [...waiting].sort((a, b) => a - b)
}

/** The sentence for a run at rest (see `restsOn`). */
export function restsText(waitingOn: readonly ProcessId[]): string {
  const them = namesInWords(waitingOn.map((p) => `P${p}`))
  const one = waitingOn.length === 1
  return `Every process that is up knows the decision; the only re-sends left would go to ${them}, which ${one ? 'is' : 'are'} down. Nothing more happens unless ${one ? 'it recovers' : 'one of them recovers'}, so the run rests here.`
}
