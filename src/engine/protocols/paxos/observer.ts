import { ballotKey, compareBallots, compareMaybe, formatBallot as fb } from './ballot.ts'
import type { ObservedWorld, RunEvent } from '../../kernel/module.ts'
import type { LogEvent, ProcessId } from '../../kernel/types.ts'
import { compareBallots as cmp } from './ballot.ts'
import { maskToPids, popcount } from './state.ts'
import type {
  AcceptedPair,
  Ballot,
  GhostState,
  InvariantRule,
  PaxosEvent,
  PaxosTypes,
  SimConfig,
  Value,
} from './types.ts'

type EventBody = PaxosEvent

/**
 * The safety checker. It keeps ghost state (what really happened, which no process can see) and
 * returns events: `value.chosen` when a quorum first accepts a ballot, and `invariant.violated`
 * once per distinct violation. These functions mutate only the ghost state.
 */

function violation(
  g: GhostState,
  key: string,
  rule: InvariantRule,
  pids: ProcessId[],
  ballots: Ballot[],
  detail: string,
): EventBody[] {
  if (g.reported[key]) return []
  g.reported[key] = true
  return [{ kind: 'invariant.violated', rule, pids, ballots, detail }]
}

/** Promise monotonicity: an acceptor's promise never goes down. */
export function checkPromise(g: GhostState, p: ProcessId, promised: Ballot | null): EventBody[] {
  const max = g.maxPromised[p - 1] ?? null
  if (compareMaybe(promised, max) >= 0) {
    g.maxPromised[p - 1] = promised
    return []
  }
  return violation(
    g,
    `promise|${p}|${fb(max)}|${fb(promised)}`,
    'promise-monotonic',
    [p],
    max ? [max] : [],
    `P${p}'s promise went down from ${fb(max)} to ${fb(promised)}.`,
  )
}

/** Validity: only a value some process proposed may be chosen or decided. */
function checkValidity(g: GhostState, pids: ProcessId[], value: Value, ballot: Ballot): EventBody[] {
  if (g.proposed.includes(value)) return []
  return violation(g, `validity|${value}`, 'validity', pids, [ballot], `value ${value} was never proposed.`)
}

/**
 * An acceptor accepted `accepted`. Checks "no accept below promise" and stability (every ballot
 * above a chosen one carries the chosen value: Lamport's P2b), then counts the vote and reports
 * `value.chosen` — and an agreement violation if a different value was chosen before.
 */
export function recordAccept(
  g: GhostState,
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
        g,
        `below|${p}|${ballotKey(b)}`,
        'no-accept-below-promise',
        [p],
        promisedBefore ? [b, promisedBefore] : [b],
        `P${p} accepted ballot ${fb(b)} although it had promised ${fb(promisedBefore)}.`,
      ),
    )
  }
  for (const c of g.chosen) {
    if (compareBallots(b, c.ballot) > 0 && c.value !== accepted.value) {
      out.push(
        ...violation(
          g,
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
  const mask = (g.votes[key] ?? 0) | (1 << p)
  g.votes[key] = mask
  const already = g.chosen.some((c) => compareBallots(c.ballot, b) === 0 && c.value === accepted.value)
  if (already || popcount(mask) < g.quorum) return out
  const acceptors = maskToPids(mask)
  const earlier = g.chosen.find((c) => c.value !== accepted.value)
  const sameValueBefore = g.chosen.some((c) => c.value === accepted.value)
  g.chosen.push(accepted)
  // A later ballot reaching a quorum for the same value is Paxos working as intended: the value
  // was already chosen, so only the first time is an event.
  if (sameValueBefore) return out
  out.push({ kind: 'value.chosen', ballot: b, value: accepted.value, acceptors })
  out.push(...checkValidity(g, acceptors, accepted.value, b))
  if (earlier) {
    out.push(
      ...violation(
        g,
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
export function votesFromLog(
  log: readonly LogEvent<RunEvent<PaxosTypes>>[],
  length: number,
): Record<string, number> {
  const votes: Record<string, number> = {}
  for (let i = 0; i < length; i++) {
    const e = log[i]
    if (e?.kind !== 'acceptor.accept') continue
    const { accepted, pid } = e as Extract<PaxosEvent, { kind: 'acceptor.accept' }>
    const key = voteKey(accepted)
    votes[key] = (votes[key] ?? 0) | (1 << pid)
  }
  return votes
}

/** A learner decided: it must agree with every value chosen and every other decision. */
export function recordDecision(g: GhostState, p: ProcessId, decided: AcceptedPair): EventBody[] {
  const out = checkValidity(g, [p], decided.value, decided.ballot)
  const other = g.decisions.find((d) => d.value !== decided.value)
  const chosenOther = g.chosen.find((c) => c.value !== decided.value)
  g.decisions.push({ pid: p, value: decided.value })
  if (other) {
    out.push(
      ...violation(
        g,
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
        g,
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
  g: GhostState,
  p: ProcessId,
  had: Value,
  told: AcceptedPair,
): EventBody[] {
  if (had === told.value) return []
  return violation(
    g,
    `agreement|notice|${p}|${had}|${told.value}`,
    'agreement',
    [p],
    [told.ballot],
    `P${p} decided ${had} and is now told that ${told.value} was decided.`,
  )
}

/** The ghost state before anything happens. Pure. */
export function initialGhost(config: SimConfig, quorum: number): GhostState {
  return {
    quorum,
    votes: {},
    chosen: [],
    proposed: [],
    maxPromised: Array.from({ length: config.processCount }, () => null),
    reported: {},
    decisions: [],
  }
}

/** A copy; `votes: false` leaves the votes out (a snapshot rebuilds them with `votesFromLog`). Pure. */
export function cloneGhost(g: GhostState, votes = true): GhostState {
  return {
    quorum: g.quorum,
    votes: votes ? { ...g.votes } : {},
    chosen: [...g.chosen],
    proposed: [...g.proposed],
    maxPromised: [...g.maxPromised],
    reported: { ...g.reported },
    decisions: [...g.decisions],
  }
}

const NONE: readonly EventBody[] = []

/**
 * The observer: what each event means for safety. It sees every event right after it is logged,
 * and the world with every handler's new state already in place.
 */
export function observe(
  g: GhostState,
  e: RunEvent<PaxosTypes>,
  w: ObservedWorld<PaxosTypes>,
): readonly EventBody[] {
  switch (e.kind) {
    case 'proposal.start':
      g.proposed.push(e.value)
      return NONE
    case 'acceptor.promise':
      return checkPromise(g, e.pid, e.ballot)
    case 'acceptor.accept': {
      // The promise after the accept: unchanged by an accept below it (only with the bug on).
      const below = e.promised !== null && cmp(e.accepted.ballot, e.promised) < 0
      const out = checkPromise(g, e.pid, below ? e.promised : e.accepted.ballot)
      return [...out, ...recordAccept(g, e.pid, e.accepted, e.promised, below)]
    }
    case 'learner.decide':
      return recordDecision(g, e.pid, { ballot: e.ballot, value: e.value })
    case 'proc.recover':
      return checkPromise(g, e.pid, w.procs[e.pid - 1]?.local.acceptor.promised ?? null)
    case 'msg.deliver': {
      // A `decide` to a learner that had already decided: its decision is unchanged by the
      // delivery, so the state after it still holds the earlier one.
      const p = e.msg.payload
      if (p.type !== 'decide') return NONE
      const had = w.procs[e.msg.to - 1]?.local.learner.decided
      return had ? recordConflictingNotice(g, e.msg.to, had.value, p) : NONE
    }
    default:
      return NONE
  }
}
