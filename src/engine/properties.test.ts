import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runAdversary, type AdversaryPlan } from './adversary.ts'
import { ballotKey, compareBallots } from './index.ts'
import { defaultConfig } from './index.ts'
import type { InvariantRule, SimEvent } from './index.ts'
import { logHash, runToEnd } from './index.ts'
import type { BugToggles, RunInput, SimConfig } from './index.ts'

/**
 * Property tests: random schedules mixing loss, duplication, reordering (deliver-now, delay),
 * crashes, recoveries, partitions and heals. The adversary picks only valid actions, so the
 * schedules are meaningful. The correct protocol must never violate safety; each deliberately
 * broken variant must be caught within a fixed, deterministic budget.
 */

interface Case {
  input: RunInput
  plan: AdversaryPlan
  choices: number[]
}

const caseArb = (bugs: Partial<BugToggles> = {}, maxSteps = 300): fc.Arbitrary<Case> =>
  fc
    .record({
      seed: fc.nat(),
      processCount: fc.integer({ min: 3, max: 7 }),
      proposers: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }),
      lossPercent: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })),
      duplicatePercent: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 })),
      latencyTicksMin: fc.integer({ min: 1, max: 5 }),
      latencySpread: fc.integer({ min: 0, max: 10 }),
      proposerTimeoutTicks: fc.integer({ min: 10, max: 100 }),
      policy: fc.constantFrom('none' as const, 'fixed' as const, 'backoff' as const),
      learnerMode: fc.constantFrom('decide' as const, 'all' as const),
      faults: fc.boolean(),
      reorder: fc.boolean(),
      choices: fc.array(fc.noBias(fc.nat({ max: 0xffff })), { maxLength: 120, size: 'max' }),
    })
    .map((r): Case => {
      const proposers = [...new Set(r.proposers.map((p) => ((p - 1) % r.processCount) + 1))]
      const config: SimConfig = {
        ...defaultConfig(r.processCount),
        latencyTicksMin: r.latencyTicksMin,
        latencyTicksMax: r.latencyTicksMin + r.latencySpread,
        lossPercent: r.lossPercent,
        duplicatePercent: r.duplicatePercent,
        proposerTimeoutTicks: r.proposerTimeoutTicks,
        retry: { policy: r.policy, delayTicks: 5, backoffBaseTicks: 20, backoffMaxTicks: 160 },
        learnerMode: r.learnerMode,
        bugs: { ...defaultConfig().bugs, ...bugs },
        maxSteps,
      }
      const interventions = proposers.map((pid) => ({
        step: 0,
        action: { type: 'propose' as const, pid, value: `v${pid}` },
      }))
      return {
        input: { seed: r.seed, config, interventions },
        plan: { proposers, faults: r.faults, reorder: r.reorder },
        choices: r.choices,
      }
    })

/**
 * An oracle independent of the engine's checker: recompute from the log which values a majority
 * of acceptors accepted in one ballot, and what learners decided.
 */
function oracle(log: readonly SimEvent[], processCount: number): string[] {
  const majority = Math.floor(processCount / 2) + 1
  const votes = new Map<string, Set<number>>()
  const chosen = new Set<string>()
  const decided = new Set<string>()
  const proposed = new Set<string>()
  const problems: string[] = []
  for (const e of log) {
    if (e.kind === 'proposal.start') proposed.add(e.value)
    if (e.kind === 'acceptor.accept') {
      const key = `${ballotKey(e.accepted.ballot)}|${e.accepted.value}`
      const voters = votes.get(key) ?? new Set<number>()
      voters.add(e.pid)
      votes.set(key, voters)
      if (voters.size >= majority) chosen.add(e.accepted.value)
    }
    if (e.kind === 'learner.decide') decided.add(e.value)
    if (e.kind === 'acceptor.promise' && e.previous && compareBallots(e.ballot, e.previous) <= 0)
      problems.push(`P${e.pid}'s promise did not rise`)
  }
  if (chosen.size > 1) problems.push(`several values chosen: ${[...chosen].join(', ')}`)
  for (const d of decided) if (!chosen.has(d)) problems.push(`decided ${d}, which is not chosen`)
  for (const c of chosen) if (!proposed.has(c)) problems.push(`chosen ${c}, never proposed`)
  const reported = new Set(log.flatMap((e) => (e.kind === 'value.chosen' ? [e.value] : [])))
  if ([...reported].sort().join() !== [...chosen].sort().join()) problems.push('value.chosen disagrees')
  return problems
}

const violations = (log: readonly SimEvent[]) => log.filter((e) => e.kind === 'invariant.violated')

describe('the correct protocol under random schedules', () => {
  it('never violates safety, and the recorded interventions replay the same log', () => {
    fc.assert(
      fc.property(caseArb(), ({ input, plan, choices }) => {
        const sim = runAdversary(input, choices, plan)
        expect(violations(sim.log).map((e) => e.text)).toEqual([])
        expect(oracle(sim.log, input.config.processCount)).toEqual([])
        const replay = runToEnd({ ...input, interventions: sim.recorded })
        expect(logHash(replay.log)).toBe(logHash(sim.log))
      }),
      { numRuns: 2500, seed: 20240601 },
    )
    // 2,500 runs: ~10 s on a quiet 2-core machine, over 60 s when other suites share its cores.
  }, 240_000)

  it('decides in most fault-free runs (the adversary is not vacuous)', () => {
    let decided = 0
    const runs = 200
    fc.assert(
      fc.property(caseArb({}, 2000), ({ input, choices }) => {
        const calm = { ...input, config: { ...input.config, lossPercent: 0 } }
        const sim = runAdversary(calm, choices, { proposers: [], faults: false, reorder: true })
        if (sim.log.some((e) => e.kind === 'value.chosen')) decided++
      }),
      { numRuns: runs, seed: 7 },
    )
    expect(decided).toBeGreaterThan(runs * 0.8)
  }, 60_000)
})

type Bug = keyof BugToggles

/** Search with a fixed seed and budget; true when some schedule produced a matching violation. */
function searchFinds(bug: Bug, rulesSought: readonly InvariantRule[], budget: number): boolean {
  // Amnesia needs crashes and recoveries: keep faults on so the budget is spent on schedules with them.
  const faulty = (c: Case): Case =>
    bug === 'amnesiaOnCrash' ? { ...c, plan: { ...c.plan, faults: true } } : c
  const details = fc.check(
    fc.property(caseArb({ [bug]: true }).map(faulty), ({ input, plan, choices }) => {
      const sim = runAdversary(input, choices, plan)
      return !sim.log.some((e) => e.kind === 'invariant.violated' && rulesSought.includes(e.rule))
    }),
    { numRuns: budget, seed: 42, endOnFailure: true },
  )
  return details.failed
}

describe.each<[Bug, readonly InvariantRule[]]>([
  ['ignorePriorValues', ['agreement']],
  ['acceptBelowPromise', ['agreement']],
  ['amnesiaOnCrash', ['agreement', 'promise-monotonic']],
  ['amnesiaOnCrash', ['agreement']],
  ['smallQuorum', ['agreement']],
  ['duplicateBallots', ['agreement']],
])('with the %s bug', (bug, rulesSought) => {
  it(`random search finds a violation of ${rulesSought.join(' or ')} within 5000 runs`, () => {
    expect(searchFinds(bug, rulesSought, 5000)).toBe(true)
  }, 60_000)
})
