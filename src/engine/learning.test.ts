import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { pickAction, type AdversaryPlan } from './adversary.ts'
import { defaultConfig, Simulator, type RunInput, type SimConfig } from './index.ts'
import { backupInformDelayTicks, informDelayTicks } from './protocols/paxos/handlers.ts'
import { act, lectureConfig, ofKind, started } from './testkit.test-helpers.ts'

/**
 * Learners always learn (issue 14): the decider sends `decide` again to every process that has
 * not acknowledged it with `learned`, every `informDelayTicks`, and a decision survives a crash.
 */

/** Run until P1 (the proposer of A in `started`) has decided and broadcast its `decide`s. */
function untilDecided(sim: Simulator): void {
  while (!sim.state.procs[0]?.local.learner.decided && sim.step()) {
    // stepping
  }
}

const decidesOf = (sim: Simulator) => ofKind(sim.log, 'learner.decide').map((e) => e.pid)
const inFlightDecide = (sim: Simulator, to: number) =>
  sim.state.inFlight.find((m) => m.payload.type === 'decide' && m.to === to)

describe('learning that survives loss and crashes', () => {
  it('a lost decide is sent again, to that process only, until it is acknowledged', () => {
    const sim = started()
    untilDecided(sim)
    const lost = inFlightDecide(sim, 4)
    if (!lost) throw new Error('no decide to P4 in flight')
    act(sim, { type: 'drop', msgId: lost.id })
    const dropped = sim.log.length
    sim.run()
    expect([...decidesOf(sim)].sort()).toEqual([1, 2, 3, 4, 5])
    const resent = ofKind(sim.log.slice(dropped), 'msg.send').filter((e) => e.msg.payload.type === 'decide')
    expect(resent.map((e) => e.msg.to)).toEqual([4])
    expect(ofKind(sim.log, 'timer.fire').map((e) => e.key)).toEqual(['inform'])
    expect(sim.log.at(-1)?.kind).toBe('run.quiescent')
  })

  it('a lost acknowledgement brings another decide, acknowledged again but decided only once', () => {
    const sim = started()
    untilDecided(sim)
    while (!sim.state.inFlight.some((m) => m.payload.type === 'learned' && m.from === 2) && sim.step()) {
      // stepping until P2 acknowledges
    }
    const ack = sim.state.inFlight.find((m) => m.payload.type === 'learned' && m.from === 2)
    if (!ack) throw new Error('no acknowledgement from P2')
    act(sim, { type: 'drop', msgId: ack.id })
    sim.run()
    expect(decidesOf(sim).filter((p) => p === 2)).toHaveLength(1)
    const acks = ofKind(sim.log, 'msg.send').filter(
      (e) => e.msg.payload.type === 'learned' && e.msg.from === 2,
    )
    expect(acks).toHaveLength(2)
    expect(sim.log.at(-1)?.kind).toBe('run.quiescent')
  })

  it('without acknowledgements from everyone, the decider keeps its timer; with them, it stops', () => {
    const sim = started()
    sim.run()
    const decider = sim.state.procs[0]?.local.learner
    expect(decider?.informed).toBe(0b111110)
    expect(sim.state.procs.slice(1).every((p) => p.local.learner.informed === 0)).toBe(true)
    expect(sim.state.timers).toEqual([])
  })

  it('a process that decided keeps its decision across a crash', () => {
    const sim = started()
    sim.run()
    act(sim, { type: 'crash', pid: 3 })
    expect(sim.state.procs[2]?.local.learner.decided).toMatchObject({ value: 'A' })
    const back = act(sim, { type: 'recover', pid: 3 })
    expect(back.find((e) => e.kind === 'learner.restore')?.text).toBe(
      'From stable storage, P3 still knows value A is decided (ballot 1.1).',
    )
    expect(sim.state.procs[2]?.local.learner.decided).toMatchObject({ value: 'A' })
  })

  it('a decider that crashes before anyone acknowledged resumes telling them after recovery', () => {
    const sim = started()
    untilDecided(sim)
    for (let to = 2; to <= 5; to++) {
      const m = inFlightDecide(sim, to)
      if (m) act(sim, { type: 'drop', msgId: m.id })
    }
    act(sim, { type: 'crash', pid: 1 })
    const back = act(sim, { type: 'recover', pid: 1 })
    expect(back.find((e) => e.kind === 'learner.restore')?.text).toBe(
      'From stable storage, P1 still knows value A is decided (ballot 1.1); P2, P3, P4, P5 have not acknowledged it yet.',
    )
    expect(back.at(-1)).toMatchObject({ kind: 'timer.set', key: 'inform' })
    sim.run()
    expect([...decidesOf(sim)].sort()).toEqual([1, 2, 3, 4, 5])
    expect(sim.log.at(-1)?.kind).toBe('run.quiescent')
  })

  it('the re-send timer fires only while some process has not acknowledged, and then re-sends', () => {
    const sim = started(lectureConfig({ lossPercent: 40 }))
    sim.run()
    const fires = ofKind(sim.log, 'timer.fire').filter((f) => f.key === 'inform')
    expect(fires.length).toBeGreaterThan(0)
    for (const fire of fires) {
      const resent = ofKind(sim.log, 'msg.send').filter(
        (e) => e.step === fire.step && e.seq > fire.seq && e.msg.payload.type === 'decide',
      )
      expect(resent.length).toBeGreaterThan(0)
    }
    expect(decidesOf(sim).length).toBe(5)
  })
})

describe('learning in all mode (every acceptor tells every learner)', () => {
  const allMode = () => lectureConfig({ learnerMode: 'all' })

  it("every process that learns from the acceptors takes up the duty, and hands it to the ballot's proposer", () => {
    const sim = started(allMode())
    sim.run()
    expect([...decidesOf(sim)].sort()).toEqual([1, 2, 3, 4, 5])
    // Only P1 (the proposer of ballot 1.1) ever re-sends; the others hand over on its decide.
    const decideSenders = ofKind(sim.log, 'msg.send').filter((e) => e.msg.payload.type === 'decide')
    expect(new Set(decideSenders.map((e) => e.msg.from))).toEqual(new Set([1]))
    expect(ofKind(sim.log, 'learner.handover').map((e) => [e.pid, e.to])).toEqual([
      [2, 1],
      [3, 1],
      [4, 1],
      [5, 1],
    ])
    expect(sim.state.procs.map((p) => p.local.learner.informed !== 0)).toEqual([
      true,
      false,
      false,
      false,
      false,
    ])
    expect(sim.log.at(-1)?.kind).toBe('run.quiescent')
  })

  it('a proposer that was down while its value was chosen still learns it from a process that did', () => {
    const sim = started(allMode())
    // Run until P1's accepts are out, then crash P1: every accepted for it is lost.
    while (!sim.state.inFlight.some((m) => m.payload.type === 'accept') && sim.step()) {
      // stepping
    }
    act(sim, { type: 'crash', pid: 1 })
    while (sim.state.procs.slice(1).some((p) => p.local.learner.decided === null) && sim.step()) {
      // the others hear a quorum of accepted
    }
    act(sim, { type: 'recover', pid: 1 })
    sim.run()
    expect(sim.state.procs[0]?.local.learner.decided).toMatchObject({ value: 'A' })
    const told = ofKind(sim.log, 'msg.deliver').find((e) => e.msg.to === 1 && e.msg.payload.type === 'decide')
    expect(told?.msg.from).toBe(2)
    expect(sim.log.at(-1)?.kind).toBe('run.quiescent')
  })
})

/**
 * The liveness property, in every learner mode: after a random faulty prefix (loss by the
 * adversary's drops, reordering, duplication, crashes, recoveries, partitions, with 3–9
 * processes), the network heals and every process is up. From then on, if some process has
 * decided, every process decides within the longest re-send wait plus `latencyTicksMax` ticks.
 * That needs a decider (a process with the duty to re-send) whenever anyone has decided: in
 * `decide` mode every decision comes from a decider's `decide`; in `all` mode a process may learn
 * from the acceptors while no proposer saw the quorum, so it takes up the duty itself.
 */
interface LivenessCase {
  readonly input: RunInput
  readonly plan: AdversaryPlan
  readonly choices: number[]
}

const livenessArb: fc.Arbitrary<LivenessCase> = fc
  .record({
    seed: fc.nat(),
    processCount: fc.integer({ min: 3, max: 9 }),
    proposers: fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 3 }),
    duplicatePercent: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 })),
    latencyTicksMin: fc.integer({ min: 1, max: 5 }),
    latencySpread: fc.integer({ min: 0, max: 10 }),
    proposerTimeoutTicks: fc.integer({ min: 10, max: 100 }),
    policy: fc.constantFrom('none' as const, 'fixed' as const, 'backoff' as const),
    learnerMode: fc.constantFrom('decide' as const, 'all' as const),
    reorder: fc.boolean(),
    choices: fc.array(fc.noBias(fc.nat({ max: 0xffff })), { maxLength: 160, size: 'max' }),
  })
  .map((r): LivenessCase => {
    const proposers = [...new Set(r.proposers.map((p) => ((p - 1) % r.processCount) + 1))]
    const config: SimConfig = {
      ...defaultConfig(r.processCount),
      latencyTicksMin: r.latencyTicksMin,
      latencyTicksMax: r.latencyTicksMin + r.latencySpread,
      // Loss comes from the adversary's drops during the faulty prefix; once healed, none.
      lossPercent: 0,
      duplicatePercent: r.duplicatePercent,
      proposerTimeoutTicks: r.proposerTimeoutTicks,
      retry: { policy: r.policy, delayTicks: 5, backoffBaseTicks: 20, backoffMaxTicks: 160 },
      learnerMode: r.learnerMode,
      maxSteps: 50_000,
    }
    const interventions = proposers.map((pid) => ({
      step: 0,
      action: { type: 'propose' as const, pid, value: `v${pid}` },
    }))
    return {
      input: { seed: r.seed, config, interventions },
      plan: { proposers, faults: true, reorder: r.reorder },
      choices: r.choices,
    }
  })

/** The faulty prefix, then heal and recover everyone. Returns the simulator at the healing. */
function faultyThenHealed({ input, plan, choices }: LivenessCase): Simulator {
  const sim = new Simulator(input)
  for (const choice of choices) {
    if (sim.state.halted !== null) break
    const action = pickAction(sim.state, choice, plan)
    if (action) sim.fork(sim.state.step, action)
    sim.step()
  }
  if (sim.state.halted === 'quiescent') sim.seek(sim.state.step)
  if (sim.state.groups !== null) sim.fork(sim.state.step, { type: 'heal' })
  for (const p of sim.state.procs) if (!p.up) sim.fork(sim.state.step, { type: 'recover', pid: p.pid })
  return sim
}

/** The longest a decider waits before it re-sends: the last backup decider's first wait in `all` mode. */
const longestWait = (c: SimConfig): number =>
  c.learnerMode === 'all' ? backupInformDelayTicks(c, c.processCount) : informDelayTicks(c)

describe('liveness: once the network heals and no process is down', () => {
  it('every process decides within a bound whenever some process has decided, in every learner mode', () => {
    const exercised = { decide: 0, all: 0 }
    fc.assert(
      fc.property(livenessArb, (c) => {
        const sim = faultyThenHealed(c)
        const healedAt = sim.state.tick
        const procs = sim.state.procs
        if (!procs.some((p) => p.local.learner.decided !== null)) return
        if (procs.some((p) => p.local.learner.decided === null)) exercised[c.input.config.learnerMode]++
        const bound = healedAt + longestWait(c.input.config) + c.input.config.latencyTicksMax
        while (sim.state.tick <= bound && sim.step()) {
          // the healed network runs on its own
        }
        expect(sim.state.halted).not.toBe('steps')
        const undecided = sim.state.procs.filter((p) => p.local.learner.decided === null).map((p) => p.pid)
        expect(undecided).toEqual([])
      }),
      { numRuns: 1000, seed: 14 },
    )
    // Not vacuous: in each mode, many runs had a decision at the healing and a process that had
    // not learned it.
    expect(exercised.decide).toBeGreaterThan(20)
    expect(exercised.all).toBeGreaterThan(20)
  }, 120_000)

  it('in every learner mode, some process has decided exactly when some process is a decider', () => {
    fc.assert(
      fc.property(livenessArb, (c) => {
        const procs = faultyThenHealed(c).state.procs
        const decided = procs.some((p) => p.local.learner.decided !== null)
        const decider = procs.some((p) => p.local.learner.informed !== 0)
        expect(decided).toBe(decider)
      }),
      { numRuns: 200, seed: 15 },
    )
  }, 60_000)
})
