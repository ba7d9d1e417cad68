import type { MpGhost } from './ghost.ts'
import { slotGet, type Slots } from './slots.ts'
import type { MpProcState } from './state.ts'
import type { Ballot, Cmd, MpMsg, SlotCmd, SlotVote } from './types.ts'

/**
 * Canonical keys for the explorer's schedule search: equal keys, equal futures. Compact (a
 * Multi-Paxos state is large, and the search keys every state it meets), and every field is read
 * here or listed in `IGNORED` with the reason; `explorerKeys.test.ts` checks that against real
 * states, so a new field cannot be forgotten. Separators: `/` between fields, `,` between list
 * items, `;` between records' entries. Pure.
 */

const b = (x: Ballot | null): string => (x ? `${x.round}.${x.pid}` : '-')
const opt = (x: string | number | null): string => (x === null ? '-' : String(x))

export function cmdKey(c: Cmd): string {
  switch (c.op) {
    case 'noop':
      return 'n'
    case 'put':
      return `p${c.client}.${c.seq}=${c.value}`
    case 'get':
      return `g${c.client}.${c.seq}`
  }
}

const vote = (v: SlotVote): string => `${v.slot}@${b(v.ballot)}:${cmdKey(v.cmd)}`
const entry = (e: SlotCmd): string => `${e.slot}:${cmdKey(e.cmd)}`

/**
 * The size (handlers read it: a new leader proposes up to its log's size), then slots 1..size,
 * each encoded or empty; the chunking is storage only and is left out.
 */
function slots<T>(s: Slots<T>, f: (x: T) => string): string {
  const out: string[] = [`${s.size}:`]
  for (let slot = 1; slot <= s.size; slot++) {
    const x = slotGet(s, slot)
    out.push(x === null ? '' : f(x))
  }
  return out.join(',')
}

/**
 * A list indexed by number (pid, client) with gaps, as `record` gives it for a record with the
 * same keys: the ghost keeps lists where it once kept records, and its key did not change.
 */
function indexed<V>(list: readonly (V | undefined)[], f: (v: V) => string): string {
  const keys: string[] = []
  for (let i = 0; i < list.length; i++) if (list[i] !== undefined) keys.push(String(i))
  return keys
    .sort()
    .map((k) => `${k}=${f(list[Number(k)] as V)}`)
    .join(';')
}

/** A record keyed by numbers or data, in key order (insertion order is bookkeeping). */
function record<V>(r: Readonly<Record<string | number, V>>, f: (v: V) => string): string {
  return Object.keys(r)
    .sort()
    .map((k) => `${k}=${f((r as Record<string, V>)[k] as V)}`)
    .join(';')
}

export function msgKey(m: MpMsg): string {
  switch (m.type) {
    case 'request':
      return `rq${cmdKey(m.cmd)}`
    case 'reply':
      return `rp${m.client}.${m.seq}=${m.result}`
    case 'redirect':
      return `rd${m.client}.${m.seq}>${opt(m.leader)}`
    case 'prepare':
      return `1a${b(m.ballot)}/${m.fromSlot}`
    case 'promise':
      return `1b${b(m.ballot)}/${m.fromSlot}/${m.accepted.map(vote).join(',')}`
    case 'reject':
      return `nk${b(m.ballot)}/${b(m.promised)}`
    case 'accept':
      return `2a${b(m.ballot)}/${m.entries.map(entry).join(',')}/${m.commit}`
    case 'accepted':
      return `2b${b(m.ballot)}/${m.slots.join(',')}`
    case 'heartbeat':
      return `hb${b(m.ballot)}/${m.commit}`
    case 'catchup-request':
      return `cq${m.fromSlot}`
    case 'catchup':
      return `cu${m.entries.map(entry).join(',')}`
  }
}

export function procKey(s: MpProcState): string {
  if (s.role === 'client') {
    const history = slots(s.history, (h) => `${cmdKey(h.cmd)}=${opt(h.result)}`)
    return `${s.role}${s.pid}.${s.client}/${s.nextOp}/${s.pending ? cmdKey(s.pending) : '-'}/${s.target}/${history}`
  }
  return [
    `${s.role}${s.pid}`,
    b(s.promised),
    slots(s.accepted, vote),
    s.status,
    b(s.ballot),
    opt(s.leader),
    b(s.leaderBallot),
    s.maxRound,
    s.heard ? 'h' : '',
    s.attempt,
    s.fromSlot,
    s.promises,
    slots(s.reported, vote),
    s.nextSlot,
    slots(s.proposals, cmdKey),
    slots(s.votes, String),
    s.beatSlot,
    s.batch.map(entry).join(','),
    slots(s.chosen, cmdKey),
    s.commit,
    s.executed,
    opt(s.register),
    indexed(s.sessions, (x) => `${x.seq}:${x.result}`),
  ].join('/')
}

export function ghostKey(g: MpGhost): string {
  return [
    // The open tallies in a canonical order (the order they were met is bookkeeping).
    g.votes
      .map((t) => `${t.slot}@${b(t.ballot)}|${cmdKey(t.cmd)}=${t.mask}`)
      .sort()
      .join(';'),
    slots(g.chosen, (c) => `${cmdKey(c.cmd)}:${c.how}`),
    slots(g.executed, (e) => `${cmdKey(e.cmd)}:${e.pid}`),
    indexed(g.applied, (clients) => indexed(clients, (a) => `${a.upTo}+${a.extra.join('.')}`)),
    indexed(g.ops, (o) =>
      [o.base, ...o.list.map((op) => `${op.op}${opt(op.value)}@${op.invoked}-${opt(op.responded)}`)].join(
        ',',
      ),
    ),
    g.starts.join(','),
    g.clock,
    record(g.reported, String),
    g.violations,
  ].join('/')
}

/** Fields the keys leave out on purpose, and why. */
export const IGNORED: Readonly<Record<string, string>> = {
  'history.sentAt': 'the tick a client sent a command: shown only (the ghost orders the history itself)',
  'history.answeredAt': 'the tick an answer arrived: shown only',
}
