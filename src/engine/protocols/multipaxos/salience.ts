import type { MpEvent } from './types.ts'

/**
 * How telling each of Multi-Paxos's events is in a presenter's caption of a moment (see the
 * module's `narration.salience`): a slot chosen or a new leader first, then a campaign or a
 * preemption, the leader's proposals and what clients get back; an acceptor's single vote last.
 */
const SALIENCE: Partial<Record<MpEvent['kind'], number>> = {
  'slot.chosen': 8,
  'leader.elected': 8,
  'leader.campaign': 7,
  'leader.preempted': 7,
  'leader.local-read': 6,
  'slot.propose': 5,
  'client.answer': 5,
  'slot.execute': 4,
  'client.send': 4,
  'replica.recover': 4,
  'acceptor.promise': 3,
  'acceptor.accept': 3,
}

export const salience = (e: MpEvent): number => SALIENCE[e.kind] ?? 0
