import { ballotKey } from '../engine/ballot.ts'
import type { SimState } from '../engine/state.ts'
import type { AcceptedPair, Ballot, Payload } from '../engine/types.ts'

/**
 * Canonical encoding of a simulator state for the schedule search. It keeps exactly what can
 * change what happens next and drops what cannot: absolute ticks, step numbers, message ids and
 * timer ids. The scheduler's queue is kept in its order, with deadlines relative to now, because
 * the default schedule depends on it; so are the random streams, which shape future deadlines.
 * Pure.
 */

const b = (x: Ballot | null): string => (x ? ballotKey(x) : '-')
const pair = (x: AcceptedPair | null): string => (x ? `${ballotKey(x.ballot)}=${x.value}` : '-')

export function payloadKey(p: Payload): string {
  switch (p.type) {
    case 'prepare':
      return `1a${b(p.ballot)}`
    case 'promise':
      return `1b${b(p.ballot)}:${pair(p.accepted)}`
    case 'reject':
      return `nk${p.phase}${b(p.ballot)}:${b(p.promised)}`
    case 'accept':
      return `2a${b(p.ballot)}=${p.value}`
    case 'accepted':
      return `2b${b(p.ballot)}=${p.value}`
    case 'decide':
      return `dc${b(p.ballot)}=${p.value}`
  }
}

/** The key of one in-flight message, ignoring its id and timing. Pure. */
export function messageKey(m: { from: number; to: number; payload: Payload; lost: boolean }): string {
  return `${m.from}>${m.to}${m.lost ? '!' : ''}${payloadKey(m.payload)}`
}

export function stateKey(s: SimState, extra: string): string {
  const parts: string[] = [extra]
  for (const p of s.procs) {
    const pr = p.proposer
    parts.push(
      `${p.up ? 'U' : 'D'}${b(p.acceptor.promised)}/${pair(p.acceptor.accepted)}` +
        `|${pr.phase}${b(pr.ballot)}:${pr.ownValue ?? ''}:${pr.value ?? ''}:${pr.promises}:${pr.rejects}:${pr.accepteds}` +
        `:${pair(pr.highest)}:${pr.maxRoundSeen}:${pr.attempt}` +
        `|${pair(p.learner.decided)}:${Object.entries(p.learner.tallies)
          .map(([k, v]) => `${k}=${v}`)
          .sort()
          .join(',')}`,
    )
  }
  parts.push(queueKey(s))
  parts.push(s.groups ? s.groups.join('') : '')
  const g = s.ghost
  parts.push(
    `${g.chosen.map(pair).join(',')}|${g.violations}|${g.decisions.map((d) => `${d.pid}${d.value}`).join(',')}` +
      `|${g.maxPromised.map(b).join(',')}|${g.proposed.join(',')}` +
      `|${Object.entries(g.votes)
        .map(([k, v]) => `${k}=${v}`)
        .sort()
        .join(',')}`,
  )
  const r = s.rng
  parts.push(`${r.latency.state},${r.loss.state},${r.duplicate.state},${r.backoff.state}`)
  return parts.join('#')
}

/** The scheduler's queue (messages and timers) in the order it will serve them, times relative to now. */
function queueKey(s: SimState): string {
  const items: { at: number; seq: number; key: string }[] = s.inFlight.map((m) => ({
    at: m.deliverAt,
    seq: m.seq,
    key: messageKey(m),
  }))
  for (const p of s.procs) {
    const t = p.proposer.timer
    if (t) items.push({ at: t.fireAt, seq: t.seq, key: `T${p.pid}${t.purpose}` })
  }
  items.sort((a, b) => a.at - b.at || a.seq - b.seq)
  return items.map((i) => `${i.at - s.tick}${i.key}`).join(',')
}
