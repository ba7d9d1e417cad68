import type { Property } from '../../kernel/module.ts'
import { formatBallot } from './ballot.ts'
import type { PaxosTypes } from './types.ts'

/**
 * Paxos's named properties, in the lecture's words. The `always` titles are the names of the
 * invariants everywhere a violation is shown (narration, diagram, scrubber, explorer), so a
 * student meets one name for one rule and never a raw id such as `no-accept-below-promise`.
 */
export const PAXOS_PROPERTIES: readonly Property<PaxosTypes>[] = [
  {
    kind: 'always',
    id: 'agreement',
    title: 'Agreement: at most one value is chosen or decided',
  },
  { kind: 'always', id: 'validity', title: 'Validity: only a proposed value can be chosen' },
  { kind: 'always', id: 'promise-monotonic', title: 'An acceptor never lowers its promise' },
  { kind: 'always', id: 'no-accept-below-promise', title: 'An acceptor never accepts below its promise' },
  {
    kind: 'always',
    id: 'stability',
    title: 'Once a value is chosen, every higher ballot carries it (P2b)',
  },
  {
    kind: 'sometimes',
    id: 'chosen',
    title: 'A value is chosen',
    witness: (e) =>
      e.kind === 'value.chosen' ? `value ${e.value} chosen in ballot ${formatBallot(e.ballot)}` : null,
  },
]

/**
 * The lecture title of the invariant `rule` (an `invariant.violated` event's rule id). An id no
 * property names (none today) is shown as "an unnamed invariant", never as the raw id. Pure.
 */
export function invariantTitle(rule: string): string {
  const p = PAXOS_PROPERTIES.find((q) => q.kind === 'always' && q.id === rule)
  return p ? p.title : 'an unnamed invariant'
}
