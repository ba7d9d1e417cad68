import { ballotKey, compareBallots, compareMaybe, formatBallot as fb } from './ballot.ts'
import type { EventBody, InvariantRule, SimEvent } from './events.ts'
import { maskToPids, popcount, type SimState } from './state.ts'
import type { AcceptedPair, Ballot, ProcessId, Value } from './types.ts'

/**
 * The safety checker. It keeps ghost state (what really happened, which no process can see) and
 * returns events: `value.chosen` when a quorum first accepts a ballot, and `invariant.violated`
 * once per distinct violation. These functions mutate only `state.ghost`.
 */

function violation(
  s: SimState,
  key: string,
  rule: InvariantRule,
  pids: ProcessId[],
  ballots: Ballot[],
  detail: string,
): EventBody[] {
  if (s.ghost.reported[key]) return []
  s.ghost.reported[key] = true
  s.ghost.violations++
  return [{ kind: 'invariant.violated', rule, pids, ballots, detail }]
}

/** Promise monotonicity: an acceptor's promise never goes down. */
export function checkPromise(s: SimState, p: ProcessId, promised: Ballot | null): EventBody[] {
  const max = s.ghost.maxPromised[p - 1] ?? null
  if (compareMaybe(promised, max) >= 0) {
    s.ghost.maxPromised[p - 1] = promised
    return []
  }
  return violation(
    s,
    `promise|${p}|${fb(max)}|${fb(promised)}`,
    'promise-monotonic',
    [p],
    max ? [max] : [],
    `P${p}'s promise went down from ${fb(max)} to ${fb(promised)}.`,
  )
}

/** Validity: only a value some process proposed may be chosen or decided. */
function checkValidity(s: SimState, pids: ProcessId[], value: Value, ballot: Ballot): EventBody[] {
  if (s.ghost.proposed.includes(value)) return []
  return violation(s, `validity|${value}`, 'validity', pids, [ballot], `value ${value} was never proposed.`)
}

/**
 * An acceptor accepted `accepted`. Checks "no accept below promise" and stability (every ballot
 * above a chosen one carries the chosen value: Lamport's P2b), then counts the vote and reports
 * `value.chosen` — and an agreement violation if a different value was chosen before.
 */
export function recordAccept(
  s: SimState,
  p: ProcessId,
  accepted: AcceptedPair,
  promisedBefore: Ballot | null,
  belowPromise: boolean,
): EventBody[] {
  const out: EventBody[] = []
  const b = accepted.ballot
  if (belowPromise) {
    out.push(
      ...violation(
        s,
        `below|${p}|${ballotKey(b)}`,
        'no-accept-below-promise',
        [p],
        promisedBefore ? [b, promisedBefore] : [b],
        `P${p} accepted ballot ${fb(b)} although it had promised ${fb(promisedBefore)}.`,
      ),
    )
  }
  for (const c of s.ghost.chosen) {
    if (compareBallots(b, c.ballot) > 0 && c.value !== accepted.value) {
      out.push(
        ...violation(
          s,
          `stability|${ballotKey(b)}|${accepted.value}`,
          'stability',
          [p],
          [c.ballot, b],
          `value ${c.value} was chosen in ballot ${fb(c.ballot)}, yet P${p} accepted ${accepted.value} in the higher ballot ${fb(b)}.`,
        ),
      )
    }
  }
  const key = voteKey(accepted)
  const mask = (s.ghost.votes[key] ?? 0) | (1 << p)
  s.ghost.votes[key] = mask
  const already = s.ghost.chosen.some((c) => compareBallots(c.ballot, b) === 0 && c.value === accepted.value)
  if (already || popcount(mask) < s.quorum) return out
  const acceptors = maskToPids(mask)
  const earlier = s.ghost.chosen.find((c) => c.value !== accepted.value)
  const sameValueBefore = s.ghost.chosen.some((c) => c.value === accepted.value)
  s.ghost.chosen.push(accepted)
  // A later ballot reaching a quorum for the same value is Paxos working as intended: the value
  // was already chosen, so only the first time is an event.
  if (sameValueBefore) return out
  out.push({ kind: 'value.chosen', ballot: b, value: accepted.value, acceptors })
  out.push(...checkValidity(s, acceptors, accepted.value, b))
  if (earlier) {
    out.push(
      ...violation(
        s,
        `agreement|chosen|${earlier.value}|${accepted.value}`,
        'agreement',
        acceptors,
        [earlier.ballot, b],
        `two different values are chosen: ${earlier.value} in ballot ${fb(earlier.ballot)} and ${accepted.value} in ballot ${fb(b)}.`,
      ),
    )
  }
  return out
}

/** The ghost-vote key of an accepted pair: `ballot|value`. Pure. */
const voteKey = (a: AcceptedPair): string => `${ballotKey(a.ballot)}|${a.value}`

/**
 * The ghost votes a log records: every vote is one `acceptor.accept` event (`recordAccept` runs
 * exactly when one is emitted), so the log prefix determines them. The simulator's snapshots
 * leave votes out and rebuild them from the log on restore: copying them at every snapshot made
 * long runs quadratic (they grow with every ballot). Pure.
 */
export function votesFromLog(log: readonly SimEvent[], length: number): Record<string, number> {
  const votes: Record<string, number> = {}
  for (let i = 0; i < length; i++) {
    const e = log[i]
    if (e?.kind !== 'acceptor.accept') continue
    const key = voteKey(e.accepted)
    votes[key] = (votes[key] ?? 0) | (1 << e.pid)
  }
  return votes
}

/** A learner decided: it must agree with every value chosen and every other decision. */
export function recordDecision(s: SimState, p: ProcessId, decided: AcceptedPair): EventBody[] {
  const out = checkValidity(s, [p], decided.value, decided.ballot)
  const other = s.ghost.decisions.find((d) => d.value !== decided.value)
  const chosenOther = s.ghost.chosen.find((c) => c.value !== decided.value)
  s.ghost.decisions.push({ pid: p, value: decided.value })
  if (other) {
    out.push(
      ...violation(
        s,
        `agreement|decide|${other.value}|${decided.value}`,
        'agreement',
        [other.pid, p],
        [decided.ballot],
        `P${other.pid} decided ${other.value} but P${p} decided ${decided.value}.`,
      ),
    )
  } else if (chosenOther) {
    out.push(
      ...violation(
        s,
        `agreement|decide-chosen|${chosenOther.value}|${decided.value}`,
        'agreement',
        [p],
        [chosenOther.ballot, decided.ballot],
        `P${p} decided ${decided.value} but ${chosenOther.value} was chosen in ballot ${fb(chosenOther.ballot)}.`,
      ),
    )
  }
  return out
}

/** A learner was told of a second, different decision after it had decided. */
export function recordConflictingNotice(
  s: SimState,
  p: ProcessId,
  had: Value,
  told: AcceptedPair,
): EventBody[] {
  if (had === told.value) return []
  return violation(
    s,
    `agreement|notice|${p}|${had}|${told.value}`,
    'agreement',
    [p],
    [told.ballot],
    `P${p} decided ${had} and is now told that ${told.value} was decided.`,
  )
}
