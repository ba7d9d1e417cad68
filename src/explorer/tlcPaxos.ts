/**
 * A TLC counterexample of Paxos.tla (as exported by Synod: acceptors a1.., values v1..) turned
 * into Synod's own counterexample: the trace is replayed with the naive reference, so every step
 * must be a step of the spec, and then explained exactly as spec mode explains its violations.
 *
 * Pure: no DOM, no clocks, no randomness.
 */
import { naiveInit, naiveKey, naiveSuccessors, type NaiveMsg, type NaiveState } from './naive.ts'
import { asArray, asInt, asRecord, indexedName, type TlcState } from './tlcTrace.ts'
import { explainViolation, type SpecViolation } from './trace.ts'
import { buildUniverse, SPEC_LIMITS, type SpecConstants } from './universe.ts'

export interface ImportedPaxosTrace {
  readonly model: 'paxos'
  readonly constants: Required<SpecConstants>
  /** The steps, explained as spec mode explains a violation; `chosen` has two values if agreement fails. */
  readonly run: SpecViolation
  readonly agreementViolated: boolean
}

/** Read one state; throws a one-line reason. */
function readState(
  s: TlcState,
  acceptors: number,
): { state: NaiveState; maxValue: number; maxBallot: number } {
  let maxValue = -1
  let maxBallot = 0
  const value = (x: unknown, where: string): number | null => {
    if (x === 'None') return null
    const v = indexedName(x, 'v')
    if (v === null) throw new Error(`${where}: expected a value v1, v2, … or None, got ${JSON.stringify(x)}`)
    maxValue = Math.max(maxValue, v)
    return v
  }
  const ballot = (x: unknown, where: string, min: number): number => {
    const b = asInt(x)
    if (b === null || b < min) throw new Error(`${where}: expected a ballot, got ${JSON.stringify(x)}`)
    maxBallot = Math.max(maxBallot, b)
    return b
  }
  const perAcceptor = <T>(name: string, read: (x: unknown, where: string) => T): T[] => {
    const f = asRecord(s[name])
    if (!f || Object.keys(f).length !== acceptors)
      throw new Error(`${name} must map each of a1..a${acceptors}`)
    return Array.from({ length: acceptors }, (_, a) => read(f[`a${a + 1}`], `${name}[a${a + 1}]`))
  }
  const msgsIn = asArray(s.msgs)
  if (!msgsIn) throw new Error('msgs must be a set of messages')
  const msgs: NaiveMsg[] = msgsIn.map((x, i) => {
    const m = asRecord(x)
    const where = `message ${i + 1}`
    const acc = (y: unknown): number => {
      const a = indexedName(y, 'a')
      if (a === null || a >= acceptors) throw new Error(`${where}: unknown acceptor ${JSON.stringify(y)}`)
      return a
    }
    if (!m) throw new Error(`${where} is not a record`)
    const bal = ballot(m.bal, where, 0)
    if (m.type === '1a') return { type: '1a', bal }
    if (m.type === '1b')
      return { type: '1b', bal, acc: acc(m.acc), mbal: ballot(m.mbal, where, -1), mval: value(m.mval, where) }
    if (m.type === '2a' || m.type === '2b') {
      const val = value(m.val, where)
      if (val === null) throw new Error(`${where}: a ${m.type} message needs a value`)
      return m.type === '2a' ? { type: '2a', bal, val } : { type: '2b', bal, acc: acc(m.acc), val }
    }
    throw new Error(`${where}: unknown type ${JSON.stringify(m.type)}`)
  })
  const state: NaiveState = {
    maxBal: perAcceptor('maxBal', (x, w) => ballot(x, w, -1)),
    maxVBal: perAcceptor('maxVBal', (x, w) => ballot(x, w, -1)),
    maxVal: perAcceptor('maxVal', value),
    msgs,
  }
  return { state, maxValue, maxBallot }
}

const sentBits = (c: SpecConstants, s: NaiveState): Uint32Array => {
  const u = buildUniverse(c)
  const bits = new Uint32Array(u.words)
  for (const m of s.msgs) {
    const i =
      m.type === '1a'
        ? u.index1a(m.bal)
        : m.type === '1b'
          ? u.index1b(m.acc as number, m.bal, m.mbal as number, m.mval ?? -1)
          : m.type === '2a'
            ? u.index2a(m.bal, m.val as number)
            : u.index2b(m.acc as number, m.bal, m.val as number)
    bits[i >>> 5] = (bits[i >>> 5] as number) | (1 << (i & 31))
  }
  return bits
}

/** Replay a Paxos.tla trace; the result, or a one-line reason it is not a run of the spec. */
export function importPaxosTrace(states: readonly TlcState[]): ImportedPaxosTrace | string {
  try {
    const first = asRecord(states[0]?.maxBal)
    const acceptors = first ? Object.keys(first).length : 0
    if (acceptors < SPEC_LIMITS.acceptors.min || acceptors > SPEC_LIMITS.acceptors.max)
      return `Synod checks ${SPEC_LIMITS.acceptors.min}..${SPEC_LIMITS.acceptors.max} acceptors, the trace has ${acceptors}`
    const read = states.map((s, k) => {
      try {
        return readState(s, acceptors)
      } catch (e) {
        throw new Error(`state ${k + 1}: ${(e as Error).message}`)
      }
    })
    const values = Math.max(1, ...read.map((r) => r.maxValue + 1))
    const maxBallot = Math.max(0, ...read.map((r) => r.maxBallot))
    if (values > SPEC_LIMITS.values.max || maxBallot > SPEC_LIMITS.maxBallot.max)
      return `the trace uses ${values} values and ballots up to ${maxBallot}; Synod models at most ${SPEC_LIMITS.values.max} and ${SPEC_LIMITS.maxBallot.max}`
    // The quorums are not in the trace: take the largest quorum size under which it is a run.
    for (let q = Math.floor(acceptors / 2) + 1; q >= 1; q--) {
      const c = { acceptors, values, maxBallot, quorumSize: q, q1: q, q2: q }
      if (naiveKey(read[0]?.state as NaiveState) !== naiveKey(naiveInit(c)))
        return 'state 1 is not the initial state of Paxos.tla'
      const bad = read.findIndex((r, k) => {
        if (k === 0) return false
        const next = naiveKey(r.state)
        return !naiveSuccessors(c, read[k - 1]?.state as NaiveState).some(
          (x) => naiveKey(x.state) === next && x.state.msgs.length > (read[k - 1]?.state.msgs.length ?? 0),
        )
      })
      if (bad >= 0) {
        if (q > 1) continue
        return `step ${bad} (state ${bad} to state ${bad + 1}) is not a step of Paxos.tla that sends a message`
      }
      const bits = read.map((r) => sentBits(c, r.state))
      const run = explainViolation({
        universe: buildUniverse(c),
        violationPath: () => bits.map((_, i) => i),
        stateBits: (id: number) => bits[id] as Uint32Array,
      }) as SpecViolation
      return { model: 'paxos', constants: c, run, agreementViolated: run.chosen.length > 1 }
    }
    return 'no quorum size makes this trace a run of Paxos.tla'
  } catch (e) {
    return (e as Error).message
  }
}
