import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { naiveChosen, naiveExplore, naiveInit, naiveKey, naiveSuccessors, type NaiveState } from './naive.ts'
import { checkSpec } from './run.ts'
import { createSpecExplorer, type SpecExplorer, type SpecProgress } from './spec.ts'
import type { SpecStep } from './trace.ts'
import type { SpecConstants } from './universe.ts'

const now = () => 0
const runAll = (e: SpecExplorer): SpecProgress => e.runFor(Number.MAX_SAFE_INTEGER)
const cfg = (acceptors: number, values: number, maxBallot: number, quorumSize?: number): SpecConstants => ({
  acceptors,
  values,
  maxBallot,
  ...(quorumSize === undefined ? {} : { quorumSize }),
})

describe('spec mode against TLC', () => {
  it('matches the published MCPaxos model: 1 acceptor, 1 value, ballots 0..1', () => {
    // tlaplus/Examples specifications/Paxos/manifest.json, model MCPaxos.cfg:
    // distinctStates 25, totalStates 82, stateDepth 9 (TLC counts the initial state as depth 1).
    const r = checkSpec(cfg(1, 1, 1), {}, { now })
    expect(r.distinctStates).toBe(25)
    expect(r.maxDepth).toBe(8)
    expect(r.tlcDepth).toBe(9)
    expect(r.statesGenerated).toBe(82)
    expect(r.exhaustive).toBe(true)
    expect(r.violation).toBeNull()
  })
})

describe('fast explorer == naive reference', () => {
  const configs: SpecConstants[] = []
  for (const a of [1, 2]) for (const v of [1, 2]) for (const b of [0, 1, 2]) configs.push(cfg(a, v, b))
  configs.push(cfg(3, 1, 0), cfg(3, 2, 0), cfg(3, 1, 1), cfg(3, 2, 1), cfg(2, 3, 1))
  configs.push(cfg(3, 2, 1, 3), cfg(2, 2, 1, 1), cfg(3, 1, 1, 1), cfg(3, 2, 1, 1), cfg(4, 1, 0, 2))
  it.each(configs)('%o', (c) => {
    const fast = runAll(createSpecExplorer(c))
    const naive = naiveExplore(c)
    expect({
      distinctStates: fast.distinctStates,
      maxDepth: fast.depth,
      transitions: fast.transitions,
      violationDepth: fast.violationFound ? fast.depth : null,
    }).toEqual(naive)
  })

  it('3 acceptors, 2 values, ballots 0..2: the count the naive reference also finds (in ~30 s)', () => {
    const r = checkSpec(cfg(3, 2, 2), {}, { now })
    expect(r).toMatchObject({
      distinctStates: 185_369,
      maxDepth: 24,
      transitions: 1_361_379,
      exhaustive: true,
    })
    expect(r.violation).toBeNull()
  })
})

describe('agreement', () => {
  it.each([cfg(3, 2, 1), cfg(4, 2, 1), cfg(5, 1, 1), cfg(3, 3, 1)])(
    'holds with majority quorums: %o',
    (c) => {
      const r = checkSpec(c, {}, { now })
      expect(r.exhaustive).toBe(true)
      expect(r.violation).toBeNull()
    },
  )

  /** Apply the steps with the naive reference, each one an enabled action that sends its message. */
  function replay(c: SpecConstants, steps: readonly SpecStep[]): NaiveState {
    let s = naiveInit(c)
    for (const step of steps) {
      const m = step.message
      const want = JSON.stringify({ ...m, ...(m.type === '1b' && m.mval < 0 ? { mval: null } : {}) })
      const next = naiveSuccessors(c, s).find(
        (x) =>
          x.action.startsWith(`${step.action}(`) &&
          JSON.stringify(x.sent) === want &&
          naiveKey(x.state) !== naiveKey(s),
      )
      if (!next) throw new Error(`step ${step.label} is not enabled`)
      s = next.state
    }
    return s
  }

  it('fails with non-intersecting quorums (size 1 of 3), with a shortest step list that replays', () => {
    const c = cfg(3, 2, 1, 1)
    const r = checkSpec(c, {}, { now })
    expect(r.quorumsIntersect).toBe(false)
    expect(r.violation).not.toBeNull()
    const steps = r.violation?.steps ?? []
    expect(steps).toHaveLength(naiveExplore(c).violationDepth ?? -1)
    expect(naiveChosen(c, replay(c, steps))).toEqual([0, 1])
    expect(naiveChosen(c, replay(c, steps.slice(0, -1)))).toHaveLength(1)
    expect(r.violation?.chosen.map((w) => w.value)).toEqual(['v1', 'v2'])
    expect(steps.map((s) => s.label)).toContain('Phase2a(b=1, v=v2)')
  })

  it('fails with size-2 quorums of 4 acceptors too', () => {
    const c = cfg(4, 2, 1, 2)
    const r = checkSpec(c, {}, { now })
    expect(naiveChosen(c, replay(c, r.violation?.steps ?? []))).toEqual([0, 1])
  })
})

describe('bounds, chunks and progress', () => {
  it('stops at maxStates and says so', () => {
    const e = createSpecExplorer(cfg(3, 2, 2), { maxStates: 1000 })
    const p = runAll(e)
    expect(p).toMatchObject({ distinctStates: 1000, done: true, boundHit: 'states', violationFound: false })
    expect(p.completedDepth).toBeLessThan(p.depth)
  })

  it('stops at maxDepth, and reports no bound when nothing lies beyond it', () => {
    const cut = runAll(createSpecExplorer(cfg(1, 1, 1), { maxDepth: 5 }))
    expect(cut).toMatchObject({ depth: 5, completedDepth: 4, boundHit: 'depth', done: true })
    expect(cut.distinctStates).toBeLessThan(25)
    // A bound the search never needs changes nothing.
    const exact = runAll(createSpecExplorer(cfg(1, 1, 1), { maxDepth: 8 }))
    expect(exact).toEqual(runAll(createSpecExplorer(cfg(1, 1, 1))))
    expect(runAll(createSpecExplorer(cfg(1, 1, 1), { maxDepth: 0 }))).toMatchObject({
      distinctStates: 1,
      boundHit: 'depth',
    })
  })

  it('gives the same result in small chunks, with growing progress', () => {
    const whole = runAll(createSpecExplorer(cfg(2, 2, 2)))
    const e = createSpecExplorer(cfg(2, 2, 2))
    let last = e.progress()
    let chunks = 0
    while (!last.done) {
      const p = e.runFor(37)
      expect(p.distinctStates).toBeGreaterThanOrEqual(last.distinctStates)
      expect(p.expandedStates - last.expandedStates).toBeLessThanOrEqual(37)
      last = p
      chunks++
    }
    expect(chunks).toBeGreaterThan(10)
    expect(last).toEqual(whole)
  })

  it('can be cancelled between chunks', () => {
    const r = checkSpec(
      cfg(3, 2, 2),
      {},
      { now, chunkStates: 500, onProgress: (p) => p.distinctStates < 5000 },
    )
    expect(r.cancelled).toBe(true)
    expect(r.exhaustive).toBe(false)
    expect(r.distinctStates).toBeLessThan(20_000)
  })

  it('rejects constants out of range', () => {
    expect(() => createSpecExplorer(cfg(6, 1, 1))).toThrow(/acceptors/)
    expect(() => createSpecExplorer(cfg(3, 1, 1, 4))).toThrow(/quorum/)
  })
})

describe('purity', () => {
  it('explorer sources use no DOM, clocks, timers or randomness', () => {
    const dir = dirname(fileURLToPath(import.meta.url))
    const forbidden = /\b(Math\.random|Date|performance|setTimeout|setInterval|window|document|console)\b/
    // The spec-mode files; the schedule search beside them has its own owner and checks.
    const files = readdirSync(dir).filter((x) =>
      /^(agreement|bench|index|naive|run|spec|store|trace|types|universe)\.ts$/.test(x),
    )
    expect(files).toHaveLength(10)
    for (const f of files) {
      const code = readFileSync(join(dir, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
      expect(code.match(forbidden)?.[0], f).toBeUndefined()
    }
  })
})
