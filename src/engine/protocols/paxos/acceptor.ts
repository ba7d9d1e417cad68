import { compareBallots } from './ballot.ts'
import type { ProcessId } from '../../kernel/types.ts'
import type { AcceptorState, Ballot, PaxosEvent, Payload, Value } from './types.ts'

/** What an acceptor does with one request: its next state, its reply and the state change. */
export interface AcceptorStep {
  readonly acceptor: AcceptorState
  readonly reply: Payload
  readonly change: PaxosEvent | null
  /** True when the acceptor accepted a ballot below its promise (only with the bug on). */
  readonly belowPromise: boolean
}

/**
 * Phase 1b. On `prepare(n)`: if n > promised, promise n and report the last accepted pair;
 * otherwise reject with the ballot already promised. A prepare equal to the current promise can
 * only be a retransmission from the same proposer (ballots are unique), so it is answered with
 * the same promise again. Pure.
 */
export function onPrepare(a: AcceptorState, self: ProcessId, ballot: Ballot): AcceptorStep {
  const cmp = a.promised === null ? 1 : compareBallots(ballot, a.promised)
  if (cmp < 0 && a.promised !== null) {
    return {
      acceptor: a,
      reply: { type: 'reject', ballot, phase: 1, promised: a.promised },
      change: null,
      belowPromise: false,
    }
  }
  const reply: Payload = { type: 'promise', ballot, accepted: a.accepted }
  if (cmp === 0) return { acceptor: a, reply, change: null, belowPromise: false }
  return {
    acceptor: { promised: ballot, accepted: a.accepted },
    reply,
    change: { kind: 'acceptor.promise', pid: self, ballot, previous: a.promised },
    belowPromise: false,
  }
}

/**
 * Phase 2b. On `accept(n, v)`: if n ≥ promised, set promised = n and accepted = (n, v) and reply
 * `accepted(n, v)`; otherwise reject. With `acceptBelowPromise` the check is skipped (the bug), and
 * the promise is kept as it was. Pure.
 */
export function onAccept(
  a: AcceptorState,
  self: ProcessId,
  ballot: Ballot,
  value: Value,
  acceptBelowPromise: boolean,
): AcceptorStep {
  const below = a.promised !== null && compareBallots(ballot, a.promised) < 0
  if (below && !acceptBelowPromise && a.promised !== null) {
    return {
      acceptor: a,
      reply: { type: 'reject', ballot, phase: 2, promised: a.promised },
      change: null,
      belowPromise: false,
    }
  }
  const accepted = { ballot, value }
  const promised = below ? a.promised : ballot
  return {
    acceptor: { promised, accepted },
    reply: { type: 'accepted', ballot, value },
    change: { kind: 'acceptor.accept', pid: self, accepted, promised: a.promised },
    belowPromise: below,
  }
}
