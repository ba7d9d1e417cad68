import { describe, expect, it } from 'vitest'
import { MultiPaxosSearch } from './multipaxos/search.ts'
import { importMultiPaxosTrace } from './multipaxos/tlcImport.ts'
import { concreteRun } from './multipaxos/trace.ts'
import type { NaiveMsg } from './naive.ts'
import { createSpecExplorer } from './spec.ts'
import { multiPaxosTlcState, paxosTlcState, tlcTraceJson } from './tlcFixtures.ts'
import { importPaxosTrace } from './tlcPaxos.ts'
import { parseTlcTrace, type TlcState } from './tlcTrace.ts'
import { explainViolation } from './trace.ts'
import type { SpecMessage } from './universe.ts'

/** A finding of the MultiPaxos search, written as TLC's -dumpTrace json would write it. */
function multiPaxosFixture(bug: 'commit-one-short' | 'no-accept-reply', writes = 1): string {
  const s = new MultiPaxosSearch({ replicas: 3, writes, reads: 1, maxBallot: 2, symmetry: true, bug })
  const p = s.runFor(Number.MAX_SAFE_INTEGER)
  if (!p.finding) throw new Error('expected a finding')
  return tlcTraceJson(concreteRun(s, p.finding.stateId).states.map((v) => multiPaxosTlcState(s.L, v)))
}

const states = (text: string): readonly TlcState[] => {
  const t = parseTlcTrace(text)
  if (typeof t === 'string') throw new Error(t)
  return t.states
}

describe('TLC traces of MultiPaxos.tla', () => {
  it('replays a stale-read counterexample, finds the broken variant, and explains it', () => {
    const text = multiPaxosFixture('commit-one-short')
    expect(parseTlcTrace(text)).toMatchObject({ model: 'multipaxos' })
    const r = importMultiPaxosTrace(states(text))
    if (typeof r === 'string') throw new Error(r)
    expect(r.constants).toMatchObject({ replicas: 3, writes: 1, reads: 1, bug: 'commit-one-short' })
    expect(r.steps).toHaveLength(10)
    expect(r.ending).toMatchObject({ kind: 'invariant', invariant: 'Linearizability' })
    expect(r.observed).toEqual(['Req w1', 'Ack w1 → "nil"', 'Req r1', 'Ack r1 → "nil"'])
  })

  it('replays a deadlock', () => {
    const r = importMultiPaxosTrace(states(multiPaxosFixture('no-accept-reply')))
    if (typeof r === 'string') throw new Error(r)
    expect(r.ending).toEqual({ kind: 'deadlock' })
    expect(r.constants.bug).toBe('no-accept-reply')
  })

  it("numbers commands in the initial pending order, whatever TLC's CHOOSE picked", () => {
    const text = multiPaxosFixture('commit-one-short', 2)
    const swapped = text.replace(/"w1"/g, '"tmp"').replace(/"w2"/g, '"w1"').replace(/"tmp"/g, '"w2"')
    expect(swapped).not.toBe(text)
    const r = importMultiPaxosTrace(states(swapped))
    if (typeof r === 'string') throw new Error(r)
    expect(r.ending).toMatchObject({ kind: 'invariant', invariant: 'Linearizability' })
  })

  it('rejects a trace that skips a step, naming the step', () => {
    const t = JSON.parse(multiPaxosFixture('commit-one-short')) as { state: unknown[] }
    t.state.splice(3, 1)
    expect(importMultiPaxosTrace(states(JSON.stringify(t)))).toMatch(
      /^step 3 \(state 3 to state 4\) is not a step/,
    )
  })
})

describe('TLC traces of Paxos.tla', () => {
  it('replays a two-values-chosen counterexample like spec mode shows its own', () => {
    const c = { acceptors: 3, values: 2, maxBallot: 1, quorumSize: 1 }
    const e = createSpecExplorer(c)
    e.runFor(Number.MAX_SAFE_INTEGER)
    const own = explainViolation(e)
    const u = e.universe
    const msgsOf = (bits: Uint32Array): NaiveMsg[] =>
      u.messages
        .filter((_, i) => (bits[i >>> 5] as number) & (1 << (i & 31)))
        .map((m: SpecMessage) => (m.type === '1b' ? { ...m, mval: m.mval < 0 ? null : m.mval } : m))
    const text = tlcTraceJson(
      (e.violationPath() ?? []).map((id) => paxosTlcState(u, msgsOf(e.stateBits(id)))),
    )
    expect(parseTlcTrace(text)).toMatchObject({ model: 'paxos' })
    const r = importPaxosTrace(states(text))
    if (typeof r === 'string') throw new Error(r)
    expect(r.agreementViolated).toBe(true)
    expect(r.constants).toMatchObject({ acceptors: 3, quorumSize: 1 })
    expect(r.run.steps.map((s) => s.label)).toEqual(own?.steps.map((s) => s.label))
  })
})

describe('parseTlcTrace', () => {
  it.each([
    ['not json', /^not JSON/],
    ['{}', /"state" array/],
    ['{"state": [[1, {"x": 1}]]}', /neither Paxos.tla's/],
    ['{"state": [3]}', /state 1 is neither/],
  ])('rejects %s', (text, message) => {
    expect(parseTlcTrace(text)).toMatch(message)
  })
})
