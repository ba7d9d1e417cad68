import { describe, expect, it } from 'vitest'
import {
  runToEnd,
  summarize,
  summaryLine,
  textTrace,
  type EventKind,
  type EventOf,
  type InvariantRule,
  type SimEvent,
  type Simulator,
} from '../engine/index.ts'
import { allPresets } from './presets.ts'
import { parseScenario, scenarioToJson, toRunInput } from './scenario.ts'

/**
 * Golden traces: each preset's text trace and summary line is a committed file under __golden__/,
 * so any change to what a lecture example shows is a visible diff. Each preset's outcome is also
 * asserted explicitly, so a regenerated snapshot cannot silently bless a wrong run.
 */

const of = <K extends EventKind>(log: readonly SimEvent[], kind: K): EventOf<K>[] =>
  log.filter((e): e is EventOf<K> => e.kind === kind)
const rules = (log: readonly SimEvent[]): Set<InvariantRule> =>
  new Set(of(log, 'invariant.violated').map((e) => e.rule))
const phases = (log: readonly SimEvent[], pid: number, phase: string) =>
  of(log, 'proposer.phase').filter((e) => e.pid === pid && e.phase === phase)

interface Expected {
  /** The first value chosen and its ballot (or none), and how many learners decided. */
  readonly outcome: string
  readonly end: 'run.quiescent' | 'limit.reached'
  /** Violated rules, exactly (empty: the run is safe). */
  readonly violated: readonly InvariantRule[]
  /** Further facts the preset's description promises. */
  readonly check?: (sim: Simulator) => void
}

const SAFE: readonly InvariantRule[] = []

const EXPECTED: Record<string, Expected> = {
  basic: {
    outcome: 'chosen=10 ballot=1.1 decided=5/5',
    end: 'run.quiescent',
    violated: SAFE,
    check: (sim) => expect(of(sim.log, 'msg.drop')).toEqual([]),
  },
  'failed-prepare': {
    outcome: 'chosen=B ballot=1.5 decided=5/5',
    end: 'run.quiescent',
    violated: SAFE,
    check: (sim) =>
      expect(phases(sim.log, 1, 'waiting')[0]).toMatchObject({
        ballot: { round: 1, pid: 1 },
        failure: { reason: 'rejected', higher: { round: 1, pid: 5 } },
      }),
  },
  'racing-adopt': {
    outcome: 'chosen=10 ballot=2.3 decided=5/5',
    end: 'run.quiescent',
    violated: SAFE,
    check: (sim) => {
      // P3 completes P1's duty: it proposes 10, adopted from P1's ballot 1.1, not its own 20.
      expect(phases(sim.log, 3, 'accepting')).toMatchObject([
        {
          ballot: { round: 2, pid: 3 },
          value: '10',
          adoptedFrom: { ballot: { round: 1, pid: 1 }, value: '10' },
        },
      ])
      expect(of(sim.log, 'value.chosen')).toMatchObject([{ value: '10', ballot: { round: 2, pid: 3 } }])
      // P1's late accepts to P4 and P5 are rejected: they promised 2.3.
      const rejects = of(sim.log, 'msg.send').filter((e) => e.msg.payload.type === 'reject' && e.msg.to === 1)
      expect(rejects.map((e) => e.msg.from)).toEqual(expect.arrayContaining([4, 5]))
      expect(of(sim.log, 'learner.decide').every((e) => e.value === '10')).toBe(true)
    },
  },
  dueling: {
    outcome: 'chosen=none ballot=none decided=0/5',
    end: 'limit.reached',
    violated: SAFE,
    check: (sim) => {
      expect(of(sim.log, 'value.chosen')).toEqual([])
      expect(of(sim.log, 'learner.decide')).toEqual([])
      expect(phases(sim.log, 1, 'preparing').length + phases(sim.log, 3, 'preparing').length).toBeGreaterThan(
        20,
      )
      expect(sim.log.at(-1)).toMatchObject({ kind: 'limit.reached', limit: 'steps', value: 600 })
    },
  },
  'dueling-backoff': {
    outcome: 'chosen=B ballot=3.3 decided=5/5',
    end: 'run.quiescent',
    violated: SAFE,
    check: (sim) => expect(phases(sim.log, 1, 'waiting').length).toBeGreaterThan(0),
  },
  'minority-crash': {
    // P1 keeps sending its decision to P4 and P5 while they are down; once they recover they learn.
    outcome: 'chosen=10 ballot=1.1 decided=5/5',
    end: 'run.quiescent',
    violated: SAFE,
    check: (sim) => {
      const chosenAt = of(sim.log, 'value.chosen')[0]?.step ?? -1
      expect(of(sim.log, 'proc.recover').map((e) => [e.pid, e.step > chosenAt])).toEqual([
        [4, true],
        [5, true],
      ])
      // At least one re-sent decide is lost while they are down, then one reaches each of them.
      expect(
        of(sim.log, 'msg.drop').filter((e) => e.msg.payload.type === 'decide' && e.reason === 'crash').length,
      ).toBeGreaterThan(2)
      expect(
        of(sim.log, 'learner.decide')
          .map((e) => e.pid)
          .sort(),
      ).toEqual([1, 2, 3, 4, 5])
    },
  },
  'majority-crash': {
    // P3 recovers only after the decision and learns it from P1's re-sent decide.
    outcome: 'chosen=10 ballot=3.1 decided=5/5',
    end: 'run.quiescent',
    violated: SAFE,
    check: (sim) => {
      expect(phases(sim.log, 1, 'waiting').map((e) => e.failure?.reason)).toContain('timeout')
      expect(of(sim.log, 'proc.recover').map((e) => e.pid)).toEqual([4, 5, 3])
      const chosenAt = of(sim.log, 'value.chosen')[0]?.step ?? -1
      expect(of(sim.log, 'proc.recover').at(-1)?.step).toBeGreaterThan(chosenAt)
    },
  },
  'message-loss': {
    // Lost decides are sent again until acknowledged: every process learns 10.
    outcome: 'chosen=10 ballot=2.1 decided=5/5',
    end: 'run.quiescent',
    violated: SAFE,
    check: (sim) => {
      expect(of(sim.log, 'msg.drop').filter((e) => e.reason === 'loss').length).toBeGreaterThan(3)
      expect(phases(sim.log, 1, 'waiting').length).toBeGreaterThan(0)
    },
  },
  partition: {
    outcome: 'chosen=B ballot=1.5 decided=5/5',
    end: 'run.quiescent',
    violated: SAFE,
    check: (sim) => {
      expect(of(sim.log, 'msg.drop').some((e) => e.reason === 'partition')).toBe(true)
      expect(of(sim.log, 'learner.decide').every((e) => e.value === 'B')).toBe(true)
      // After the heal P1 retries, hears of B in the promises and proposes B itself.
      expect(phases(sim.log, 1, 'accepting').at(-1)).toMatchObject({
        value: 'B',
        adoptedFrom: { ballot: { round: 1, pid: 5 }, value: 'B' },
      })
    },
  },
  'flexible-quorums': {
    outcome: 'chosen=A ballot=1.1 decided=5/5',
    end: 'run.quiescent',
    violated: SAFE,
    check: (sim) => {
      // A is chosen with two accepts (q2 = 2): P1's own and P2's.
      expect(of(sim.log, 'value.chosen')[0]).toMatchObject({ value: 'A', acceptors: [1, 2] })
      // P5's ballot under the partition never reaches four promises (q1 = 4); its next one,
      // after the heal, hears of A from P1 or P2 and proposes A instead of its own B.
      expect(phases(sim.log, 5, 'accepting')).toMatchObject([
        { value: 'A', adoptedFrom: { ballot: { round: 1, pid: 1 }, value: 'A' } },
      ])
    },
  },
  'bug-ignore-prior': {
    outcome: 'chosen=A ballot=1.1 decided=5/5',
    end: 'run.quiescent',
    violated: ['stability', 'agreement'],
    check: (sim) => expect(of(sim.log, 'value.chosen').map((e) => e.value)).toEqual(['A', 'B']),
  },
  'bug-accept-below-promise': {
    outcome: 'chosen=A ballot=1.1 decided=5/5',
    end: 'run.quiescent',
    violated: ['no-accept-below-promise', 'stability', 'agreement'],
    check: (sim) =>
      expect(new Set(of(sim.log, 'value.chosen').map((e) => e.value))).toEqual(new Set(['A', 'B'])),
  },
  'bug-amnesia': {
    // P3 comes back after X is chosen, with an empty memory, and learns X from P2's re-send.
    outcome: 'chosen=A ballot=1.1 decided=3/3',
    end: 'run.quiescent',
    violated: ['promise-monotonic', 'stability', 'agreement'],
    check: (sim) => {
      expect(of(sim.log, 'acceptor.forget').map((e) => e.pid)).toEqual([1, 3])
      expect(of(sim.log, 'value.chosen').map((e) => e.value)).toEqual(['A', 'X'])
      expect(of(sim.log, 'learner.decide').map((e) => [e.pid, e.value])).toEqual([
        [2, 'X'],
        [1, 'X'],
        [3, 'X'],
      ])
    },
  },
  'bug-small-quorum': {
    outcome: 'chosen=A ballot=1.1 decided=5/5',
    // The partition heals after both sides decided; the re-sent decides cross but change no one's mind.
    end: 'run.quiescent',
    violated: ['stability', 'agreement'],
    check: (sim) => {
      expect(of(sim.log, 'value.chosen').map((e) => e.value)).toEqual(['A', 'B'])
      expect(of(sim.log, 'learner.decide').map((e) => [e.pid, e.value])).toEqual([
        [1, 'A'],
        [5, 'B'],
        [2, 'A'],
        [3, 'B'],
        [4, 'B'],
      ])
    },
  },
  'bug-duplicate-ballots': {
    outcome: 'chosen=A ballot=1 decided=5/5',
    end: 'run.quiescent',
    violated: ['agreement'],
    check: (sim) =>
      expect(of(sim.log, 'value.chosen').map((e) => [e.value, e.ballot])).toEqual([
        ['A', { round: 1, pid: 0 }],
        ['B', { round: 1, pid: 0 }],
      ]),
  },
}

describe('presets', () => {
  it('every preset has an expected outcome here', () => {
    expect(allPresets().map((p) => p.id)).toEqual(Object.keys(EXPECTED))
  })

  describe.each(allPresets().map((p) => [p.id, p] as const))('%s', (id, preset) => {
    const sim = runToEnd(toRunInput(preset.scenario))
    const expected = EXPECTED[id]
    const summary = summaryLine(sim.state)

    it('matches its golden trace', async () => {
      await expect(`${textTrace(sim.log)}\n${summary}\n`).toMatchFileSnapshot(`./__golden__/${id}.trace.txt`)
    })

    it('reaches the outcome its description promises', () => {
      if (!expected) throw new Error(`no expectation for preset ${id}`)
      expect(summary).toMatch(new RegExp(`^summary ${expected.outcome} violations=\\d+ steps=\\d+$`))
      expect(summarize(sim.state).violations > 0).toBe(expected.violated.length > 0)
      expect(sim.log.at(-1)?.kind).toBe(expected.end)
      expect([...rules(sim.log)].sort()).toEqual([...expected.violated].sort())
      if (expected.violated.length > 0) expect(rules(sim.log).has('agreement')).toBe(true)
      expect(of(sim.log, 'intervention.invalid')).toEqual([])
      expected.check?.(sim)
    })

    it('survives the JSON round trip unchanged', () => {
      const parsed = parseScenario(JSON.parse(JSON.stringify(scenarioToJson(preset.scenario))))
      if (!parsed.ok) throw new Error(parsed.error)
      expect(textTrace(runToEnd(toRunInput(parsed.scenario)).log)).toBe(textTrace(sim.log))
    })
  })
})
