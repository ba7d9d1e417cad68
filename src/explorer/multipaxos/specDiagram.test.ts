import { describe, expect, it } from 'vitest'
import type { SimEvent } from '../../engine/index.ts'
import { multiPaxosTlcState, tlcTraceJson } from '../tlcFixtures.ts'
import { parseTlcTrace } from '../tlcTrace.ts'
import { MultiPaxosSearch } from './search.ts'
import { multiPaxosSpecDiagram, parseMessage } from './specDiagram.ts'
import { importMultiPaxosTrace } from './tlcImport.ts'
import { concreteRun, explainMultiPaxos, type MultiPaxosViolation } from './trace.ts'

function finding(bug: 'commit-one-short' | 'no-accept-reply'): {
  v: MultiPaxosViolation
  s: MultiPaxosSearch
} {
  const s = new MultiPaxosSearch({ replicas: 3, writes: 1, reads: 1, maxBallot: 2, symmetry: true, bug })
  s.runFor(Number.MAX_SAFE_INTEGER)
  const v = explainMultiPaxos(s)
  if (!v) throw new Error('expected a finding')
  return { v, s }
}

type Send = Extract<SimEvent, { kind: 'msg.send' }>
type Deliver = Extract<SimEvent, { kind: 'msg.deliver' }>
const sends = (log: readonly SimEvent[]) => log.filter((e): e is Send => e.kind === 'msg.send')
const deliveries = (log: readonly SimEvent[]) => log.filter((e): e is Deliver => e.kind === 'msg.deliver')
const text = (e: Send | Deliver) => (e.msg.payload as unknown as { text: string }).text
const stale = { text: 'Linearizability violated', bad: true, invariant: 'Linearizability', deadlock: false }

describe('a MultiPaxos.tla run on the diagram', () => {
  const { v, s } = finding('commit-one-short')
  const d = multiPaxosSpecDiagram(v.steps, 3, stale)

  it('reads back the notation the explainer writes', () => {
    expect(parseMessage('Accept(s2, bal 1, slot 1, w1)')).toMatchObject({
      type: 'Accept',
      src: 1,
      bal: 1,
      slot: 1,
    })
    expect(parseMessage('CommitNotice(upto 1)')).toMatchObject({ type: 'CommitNotice', src: null, slot: 1 })
    expect(() => parseMessage('Gossip(s1)')).toThrow(/unknown message/)
  })

  it('has lanes s1..s3 and the client, and one log step per spec step', () => {
    expect(d.processCount).toBe(4)
    expect(d.lanes[0]?.map((l) => l.name)).toEqual(['s1', 's2', 's3', 'client'])
    expect(d.lanes).toHaveLength(v.steps.length + 1)
    expect(Math.max(...d.log.map((e) => e.step))).toBe(v.steps.length)
    d.log.forEach((e, i) => expect(e.seq).toBe(i))
    expect(sends(d.log).map((e) => e.msg.id)).toEqual(sends(d.log).map((_, i) => i + 1))
  })

  it('sends every message the step added and delivers it at the step whose action reads it', () => {
    v.steps.forEach((st, i) => {
      const k = i + 1
      const here = sends(d.log).filter((e) => e.step === k && !['Req', 'Ack'].includes(e.msg.payload.type))
      expect([...new Set(here.map(text))].sort()).toEqual([...st.sent].sort())
      const got = deliveries(d.log).filter((e) => e.step === k)
      const r = Number(st.replica?.slice(1))
      if (st.action === 'HandlePrepare') expect(got.map(text)).toEqual([expect.stringMatching(/^Prepare\(/)])
      if (st.action === 'HandleAccept') expect(got.map(text)).toEqual([expect.stringMatching(/^Accept\(/)])
      if (st.action === 'HandlePrepareReplies') {
        expect(got.length).toBeGreaterThanOrEqual(1)
        expect(got.every((e) => text(e).startsWith('PrepareReply(') && e.msg.to === r)).toBe(true)
      }
      if (st.action === 'HandleAcceptReplies') {
        // With the bug, one accept too few: the leader's own AcceptReply alone commits (3 replicas).
        const replies = got.filter((e) => text(e).startsWith('AcceptReply('))
        expect(replies.length).toBeGreaterThanOrEqual(1)
        expect(replies.every((e) => e.msg.to === r)).toBe(true)
        expect(got.some((e) => e.msg.to === 4 && text(e).startsWith('Ack '))).toBe(true)
      }
      if (st.action === 'TakeNewRequest')
        expect(got.some((e) => e.msg.from === 4 && e.msg.to === r && text(e).startsWith('Req '))).toBe(true)
      for (const e of got) expect(e.msg.to === 4 || e.msg.to === r).toBe(true)
    })
  })

  it('narrates what each action read: with the bug, the leader commits on its own reply alone', () => {
    const commits = d.steps.filter((x) => x.label.startsWith('HandleAcceptReplies'))
    expect(commits.length).toBeGreaterThan(0)
    for (const c of commits) expect(c.text).toMatch(/^s\d reads AcceptReply\(s\d, bal \d, slot 1\);/)
    expect(d.steps[0]?.text).toMatch(/^s\d sends Prepare\(s\d, bal \d\), PrepareReply\(s\d, bal \d\)\.$/)
  })

  it('marks the violation at the last step and names the stale read', () => {
    expect(d.log.at(-1)).toMatchObject({
      kind: 'invariant.violated',
      rule: 'Linearizability',
      step: v.steps.length,
    })
    expect(d.steps.at(-1)?.text).toContain('the client sees Ack r1 → "nil"')
  })

  it('draws an imported TLC trace exactly like the checker its own run', () => {
    const json = tlcTraceJson(
      concreteRun(s, s.progress().finding?.stateId ?? -1).states.map((x) => multiPaxosTlcState(s.L, x)),
    )
    const t = parseTlcTrace(json)
    if (typeof t === 'string') throw new Error(t)
    const r = importMultiPaxosTrace(t.states)
    if (typeof r === 'string') throw new Error(r)
    const imported = multiPaxosSpecDiagram(r.steps, r.constants.replicas, stale)
    const shape = (log: readonly SimEvent[]) => log.map((e) => [e.kind, e.step, e.tick, e.text])
    expect(shape(imported.log)).toEqual(shape(d.log))
  })

  it('a deadlock leaves the unanswered work in flight and marks the deadlock', () => {
    const dl = finding('no-accept-reply').v
    const dd = multiPaxosSpecDiagram(dl.steps, 3, {
      text: 'Deadlock',
      bad: true,
      invariant: null,
      deadlock: true,
    })
    expect(dd.log.at(-1)).toMatchObject({ kind: 'spec.deadlock', step: dl.steps.length })
    const delivered = new Set(deliveries(dd.log).map((e) => e.msg.id))
    expect(sends(dd.log).some((e) => !delivered.has(e.msg.id))).toBe(true)
    expect(sends(dd.log).some((e) => text(e).startsWith('AcceptReply(') && e.msg.from !== e.msg.to)).toBe(
      false,
    )
  })
})
