import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultMpConfig } from './config.ts'
import type { MpRule } from './ghost.ts'
import { Harness } from './harness.test-helpers.ts'
import type { ClientOp, MpBugs, MpConfig } from './types.ts'

/**
 * Property tests: random schedules with loss, duplication, reordering, crashes, recoveries,
 * partitions, heals, forced campaigns and extra client commands. The correct protocol never
 * violates an invariant; each broken variant is caught within a fixed, seeded budget.
 */

interface Case {
  config: MpConfig
  seed: number
  lossPercent: number
  choices: number[]
}

const opsArb = fc.array(fc.constantFrom<ClientOp>('put', 'get'), { minLength: 1, maxLength: 5 })

const caseArb = (bugs: Partial<MpBugs>): fc.Arbitrary<Case> =>
  fc
    .record({
      seed: fc.nat(),
      replicaCount: fc.integer({ min: 3, max: 5 }),
      workload: fc.array(opsArb, { minLength: 1, maxLength: 3 }),
      backoff: fc.boolean(),
      batchSize: fc.constantFrom(1, 1, 3),
      lossPercent: fc.constantFrom(0, 0, 5, 20),
      choices: fc.array(fc.nat({ max: 0xffff }), { minLength: 10, maxLength: 80 }),
    })
    .map((r) => {
      const base = defaultMpConfig(r.replicaCount)
      const config: MpConfig = {
        ...base,
        workload: r.workload,
        backoff: r.backoff,
        batchSize: r.batchSize,
        bugs: { ...base.bugs, ...bugs },
      }
      return { config, seed: r.seed, lossPercent: r.lossPercent, choices: r.choices }
    })

/** Apply one adversary choice, then let the scheduler take a few steps. */
function act(h: Harness, choice: number): void {
  const kind = choice % 16
  const t = Math.floor(choice / 16)
  const n = h.config.replicaCount
  const msg = h.inFlight[t % Math.max(1, h.inFlight.length)]
  const pid = (t % n) + 1
  if (kind === 8 && msg) h.drop((w) => w.id === msg.id)
  if (kind === 9 && msg) h.duplicate(msg.id)
  if (kind === 10 && msg) h.deliverNow(msg.id)
  if (kind === 11) h.crash(pid)
  if (kind === 12) for (let p = 1; p <= n; p++) h.recover(p)
  if (kind === 13) {
    // Half the time a random split; otherwise one replica cut off with some of the clients.
    const all = Array.from({ length: h.states.length }, (_, i) => i + 1)
    const side =
      t % 2 === 0 ? all.filter((p) => (t >> p) & 1) : all.filter((p) => p === pid || (p > n && (t >> p) & 1))
    h.partition([side])
  }
  if (kind === 14) h.heal()
  if (kind === 15) {
    if (t % 2 === 0) h.input(pid, { type: 'campaign' })
    else h.input(n + 1 + (t % h.config.workload.length), { type: 'request', op: t % 4 === 1 ? 'get' : 'put' })
  }
  for (let i = 0; i < 1 + (t % 8); i++) h.next()
}

function runCase(c: Case): Harness {
  const h = new Harness(c.config, { seed: c.seed, lossPercent: c.lossPercent })
  for (const choice of c.choices) act(h, choice)
  // Then a calm end: everything up and connected, so the run also shows progress.
  h.heal()
  for (let p = 1; p <= c.config.replicaCount; p++) h.recover(p)
  h.run(1_500)
  return h
}

describe('correct Multi-Paxos', () => {
  it('never violates an invariant under random faults and schedules', () => {
    fc.assert(
      fc.property(caseArb({}), (c) => {
        expect(runCase(c).violations).toEqual([])
      }),
      { numRuns: 150, seed: 20261202 },
    )
  }, 60_000)

  it('finishes every client command once the network is calm', () => {
    fc.assert(
      fc.property(caseArb({}), (c) => {
        const h = runCase({ ...c, lossPercent: 0 })
        h.runUntil((x) => x.clientsDone(), 5_000)
        expect(h.clientsDone()).toBe(true)
      }),
      { numRuns: 60, seed: 7 },
    )
  })
})

const BUGS: [keyof MpBugs, MpRule][] = [
  ['skipPhase1', 'slot-agreement'],
  ['ignorePromiseValues', 'slot-agreement'],
  ['commitOneShort', 'slot-agreement'],
  ['noDedup', 'at-most-once'],
  ['leaderLocalRead', 'linearizable'],
]

describe('each broken variant is caught by random schedules', () => {
  for (const [bug, rule] of BUGS) {
    it(`${bug} breaks ${rule}`, () => {
      const result = fc.check(
        fc.property(caseArb({ [bug]: true }), (c) => !runCase(c).violations.some((v) => v.rule === rule)),
        { numRuns: 600, seed: 42 },
      )
      expect(result.failed).toBe(true)
    }, 60_000)
  }
})
