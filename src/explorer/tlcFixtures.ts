/**
 * Writes Synod's runs in the format of TLC's `-dumpTrace json` (TLCExt's CounterExample
 * serialised by the Json module: `{ "state": [[1, {...}], …], "action": [...] }`), so the importer
 * is tested on files of that format without TLC in CI. Also used to make the e2e fixtures.
 *
 * Pure: no DOM, no clocks, no randomness.
 */
import {
  ackEvent,
  F_BALMAX,
  F_BALPREP,
  F_COMMIT,
  F_INSTS,
  F_KVALUE,
  F_LEADER,
  STATUS_NAMES,
  voteBal,
  voteCmd,
  type Layout,
} from './multipaxos/layout.ts'
import type { NaiveMsg } from './naive.ts'
import type { Universe } from './universe.ts'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

/** TLC's JSON for a sequence of states (actions are informative; the importer ignores them). */
export function tlcTraceJson(states: readonly Record<string, Json>[]): string {
  return JSON.stringify({
    action: states.slice(1).map((s, i) => [[i + 1, states[i] as Json], { name: 'Next' }, [i + 2, s]]),
    state: states.map((s, i) => [i + 1, s]),
  })
}

/** A Paxos.tla state from its message set (the acceptor variables follow from the messages). */
export function paxosTlcState(u: Universe, msgs: readonly NaiveMsg[]): Record<string, Json> {
  const acc = (a: number) => `a${a + 1}`
  const val = (v: number | null | undefined) =>
    v === null || v === undefined || v < 0 ? 'None' : `v${v + 1}`
  const maxBal: Record<string, Json> = {}
  const maxVBal: Record<string, Json> = {}
  const maxVal: Record<string, Json> = {}
  for (let a = 0; a < u.acceptors; a++) {
    const mine = msgs.filter((m) => m.acc === a)
    const votes = mine.filter((m) => m.type === '2b').sort((x, y) => y.bal - x.bal)
    maxBal[acc(a)] = Math.max(-1, ...mine.map((m) => m.bal))
    maxVBal[acc(a)] = votes[0]?.bal ?? -1
    maxVal[acc(a)] = val(votes[0]?.val)
  }
  const record = (m: NaiveMsg): Json => {
    if (m.type === '1a') return { type: '1a', bal: m.bal }
    if (m.type === '1b')
      return { type: '1b', acc: acc(m.acc ?? 0), bal: m.bal, mbal: m.mbal ?? -1, mval: val(m.mval) }
    if (m.type === '2a') return { type: '2a', bal: m.bal, val: val(m.val) }
    return { type: '2b', acc: acc(m.acc ?? 0), bal: m.bal, val: val(m.val) }
  }
  return { maxBal, maxVBal, maxVal, msgs: msgs.map(record) }
}

/** A MultiPaxos.tla state from Synod's slot vector. */
export function multiPaxosTlcState(L: Layout, v: Int32Array): Record<string, Json> {
  const cmd = (c: number): string => (c === 0 ? 'nil' : c <= L.W ? `w${c}` : `r${c - L.W}`)
  const at = (i: number) => v[i] as number
  const node: Record<string, Json> = {}
  const pc: Record<string, Json> = {}
  const msgs: Json[] = []
  for (let r = 0; r < L.R; r++) {
    const n = L.node + r * L.nodeSize
    node[`s${r + 1}`] = {
      leader: at(n + F_LEADER) === 0 ? 'none' : `s${at(n + F_LEADER)}`,
      kvalue: cmd(at(n + F_KVALUE)),
      commitUpTo: at(n + F_COMMIT),
      balPrepared: at(n + F_BALPREP),
      balMaxKnown: at(n + F_BALMAX),
      insts: Array.from({ length: L.N }, (_, s) => {
        const i = n + F_INSTS + 3 * s
        const vote = at(i + 2)
        return {
          status: STATUS_NAMES[at(i)] as string,
          cmd: cmd(at(i + 1)),
          voted: { bal: voteBal(L.N, vote), cmd: cmd(voteCmd(L.N, vote)) },
        }
      }),
    }
    pc[`s${r + 1}`] = at(L.pc + r) === 1 ? 'Done' : 'rloop'
    for (let b = 1; b <= L.B; b++) {
      const rb = r * L.B + b - 1
      const src = `s${r + 1}`
      if (at(L.prepare + rb)) msgs.push({ type: 'Prepare', src, bal: b })
      if (at(L.prepareReply + rb * L.prSize)) {
        const votes = Array.from({ length: L.N }, (_, s) => {
          const code = at(L.prepareReply + rb * L.prSize + 1 + s)
          return { bal: voteBal(L.N, code), cmd: cmd(voteCmd(L.N, code)) }
        })
        msgs.push({ type: 'PrepareReply', src, bal: b, votes })
      }
      for (let s = 0; s < L.N; s++) {
        const c = at(L.accept + rb * L.N + s)
        if (c) msgs.push({ type: 'Accept', src, bal: b, slot: s + 1, cmd: cmd(c - 1) })
        if (at(L.acceptReply + rb * L.N + s)) msgs.push({ type: 'AcceptReply', src, bal: b, slot: s + 1 })
      }
    }
  }
  for (let s = 0; s < L.N; s++) if (at(L.commitNotice + s)) msgs.push({ type: 'CommitNotice', upto: s + 1 })
  const pending: Json[] = []
  for (let i = 0; i < L.N && at(L.pending + i) > 0; i++) pending.push(cmd(at(L.pending + i)))
  const observed: Json[] = []
  for (let i = 0; i < L.events && at(L.observed + i) > 0; i++) {
    const e = at(L.observed + i) - 1
    if (e < L.N) observed.push({ type: 'Req', cmd: cmd(e + 1) })
    else {
      const a = e - L.N
      const c = Math.floor(a / (L.W + 1))
      if (ackEvent(L.N, L.W, c, a % (L.W + 1)) !== e) throw new Error('bad event code')
      observed.push({ type: 'Ack', cmd: cmd(c), val: cmd(a % (L.W + 1)) })
    }
  }
  return { msgs, node, pending, observed, pc }
}
