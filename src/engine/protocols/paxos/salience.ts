import type { PaxosEvent } from './types.ts'

/**
 * How telling each of Paxos's events is in a presenter's caption of a moment (see the module's
 * `narration.salience`): a value chosen above a learner deciding, a proposer's phase change above
 * an acceptor's answer; 0 is never told.
 */
const SALIENCE: Partial<Record<PaxosEvent['kind'], number>> = {
  'value.chosen': 8,
  'acceptor.forget': 7,
  'learner.decide': 6,
  'proposer.phase': 6,
  'proposal.start': 5,
  'acceptor.accept': 4,
  'acceptor.promise': 4,
}

export const salience = (e: PaxosEvent): number => SALIENCE[e.kind] ?? 0
