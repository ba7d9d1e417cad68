import { describe, expect, it } from 'vitest'
import type { SimEvent } from '../engine/index.ts'
import { createSpecExplorer } from './spec.ts'
import { paxosSpecDiagram } from './specDiagram.ts'
import { explainViolation, type SpecViolation } from './trace.ts'

/** Spec mode's shortest counterexample for 3 acceptors, 2 values, ballots 0..1, quorums of one. */
function violation(): SpecViolation {
  const e = createSpecExplorer({ acceptors: 3, values: 2, maxBallot: 1, quorumSize: 1 })
  e.runFor(Number.MAX_SAFE_INTEGER)
  const v = explainViolation(e)
  if (!v) throw new Error('expected a violation')
  return v
}

type Send = Extract<SimEvent, { kind: 'msg.send' }>
const sends = (log: readonly SimEvent[]) => log.filter((e): e is Send => e.kind === 'msg.send')
const deliveries = (log: readonly SimEvent[]) =>
  log.filter((e): e is Extract<SimEvent, { kind: 'msg.deliver' }> => e.kind === 'msg.deliver')

describe('a Paxos.tla run on the diagram', () => {
  const v = violation()
  const d = paxosSpecDiagram(v, 3, 1)

  it('has one lane per acceptor and one per ballot used, and one log step per spec step', () => {
    const ballots = new Set(v.steps.map((s) => s.message.bal))
    expect(d.processCount).toBe(3 + ballots.size)
    expect(d.lanes).toHaveLength(v.steps.length + 1)
    expect(d.lanes[0]?.map((l) => l.name)).toEqual([
      'a1',
      'a2',
      'a3',
      ...[...ballots].sort().map((b) => `ballot ${b}`),
    ])
    expect(d.log[0]?.kind).toBe('run.start')
    expect(Math.max(...d.log.map((e) => e.step))).toBe(v.steps.length)
    expect(d.steps.map((s) => s.label)).toEqual(v.steps.map((s) => s.label))
  })

  it('is a well-formed log: seq in order, steps and ticks never go back, ids in send order', () => {
    d.log.forEach((e, i) => expect(e.seq).toBe(i))
    for (let i = 1; i < d.log.length; i++) {
      expect((d.log[i] as SimEvent).step).toBeGreaterThanOrEqual((d.log[i - 1] as SimEvent).step)
      expect((d.log[i] as SimEvent).tick).toBeGreaterThanOrEqual((d.log[i - 1] as SimEvent).tick)
    }
    expect(sends(d.log).map((e) => e.msg.id)).toEqual(sends(d.log).map((_, i) => i + 1))
    for (const e of deliveries(d.log)) {
      const sent = sends(d.log).find((s) => s.msg.id === e.msg.id) as Send
      expect(sent.step).toBeLessThanOrEqual(e.step)
    }
  })

  it('sends each message at the step that adds it and delivers it at the step whose action reads it', () => {
    v.steps.forEach((s, i) => {
      const k = i + 1
      const m = s.message
      const here = sends(d.log).filter((e) => e.step === k)
      const got = deliveries(d.log).filter((e) => e.step === k)
      if (m.type === '1a' || m.type === '2a') {
        // A broadcast from the ballot's lane to every acceptor.
        expect(here.map((e) => e.msg.to)).toEqual([1, 2, 3])
        expect(new Set(here.map((e) => e.msg.broadcastId)).size).toBe(1)
      } else {
        // The acceptor answers its ballot's lane, and reads the 1a or 2a addressed to it.
        expect(here.map((e) => e.msg.from)).toEqual([m.acc + 1])
        const read = got.find((e) => e.msg.to === m.acc + 1)
        expect(read?.msg.payload.type).toBe(m.type === '1b' ? 'prepare' : 'accept')
        expect(here[0]?.msg.inReplyTo).toBe(read?.msg.id)
      }
      if (m.type === '2a') {
        // Phase2a reads the promises of the quorum that makes its value safe.
        expect(got.map((e) => e.msg.payload.type)).toEqual((s.quorum ?? []).map(() => 'promise'))
        expect(got.map((e) => e.msg.from)).toEqual((s.quorum ?? []).map((a) => Number(a.slice(1))))
      }
      if (m.type === '1a') expect(got).toEqual([])
    })
  })

  it('leaves the 2b messages in flight, marks each value chosen, and ends with the violation', () => {
    const accepted = sends(d.log).filter((e) => e.msg.payload.type === 'accepted')
    expect(accepted.length).toBeGreaterThan(0)
    for (const e of accepted) expect(deliveries(d.log).some((x) => x.msg.id === e.msg.id)).toBe(false)
    const chosen = d.log.filter((e) => e.kind === 'value.chosen')
    expect(chosen.map((e) => (e as { value: string }).value).sort()).toEqual(['v1', 'v2'])
    expect(d.log.at(-1)).toMatchObject({
      kind: 'invariant.violated',
      rule: 'agreement',
      step: v.steps.length,
    })
    expect(d.bad).toBe(true)
    expect(d.verdict).toMatch(/^Agreement violated: two values are chosen, v\d in ballot \d by \{a\d\} and/)
  })

  it('shows each acceptor promise and vote as the spec has them after each step', () => {
    const last = d.lanes.at(-1) ?? []
    const voted = last.filter((l) => /^promised \d · \(\d, v\d\)$/.test(l.text ?? ''))
    expect(voted.length).toBeGreaterThanOrEqual(2)
    expect(d.lanes[0]?.every((l) => l.text === null)).toBe(true)
  })
})
