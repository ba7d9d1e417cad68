import type { ProcessId } from '../../kernel/types.ts'
import type { LearnerState, PaxosProc, ProposerState } from './types.ts'

export function idleProposer(maxRoundSeen = 0): ProposerState {
  return {
    phase: 'idle',
    ballot: null,
    ownValue: null,
    value: null,
    adoptedFrom: null,
    promises: 0,
    highest: null,
    highestFrom: 0,
    rejects: 0,
    accepteds: 0,
    maxRoundSeen,
    attempt: 0,
  }
}

export function emptyLearner(): LearnerState {
  return { decided: null, tallies: {}, informed: 0, disagreed: 0 }
}

/** A process before anything happens: nothing promised, accepted, proposed or learned. Pure. */
export function initialProc(): PaxosProc {
  return { acceptor: { promised: null, accepted: null }, proposer: idleProposer(), learner: emptyLearner() }
}

/** Number of set bits: the size of a quorum bitmask. Pure. */
export function popcount(mask: number): number {
  let n = 0
  let m = mask
  while (m !== 0) {
    m &= m - 1
    n++
  }
  return n
}

/** The process ids in a bitmask, ascending. Pure. */
export function maskToPids(mask: number): ProcessId[] {
  const out: ProcessId[] = []
  for (let i = 1; i < 31; i++) if (mask & (1 << i)) out.push(i as ProcessId)
  return out
}
