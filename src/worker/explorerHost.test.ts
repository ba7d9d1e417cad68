import { describe, expect, it } from 'vitest'
import { presetById } from '../scenarios/presets.ts'
import { ExplorerHost } from './explorerHost.ts'
import type { ExplorerReply, ExplorerRequest } from './explorerProtocol.ts'

/** A host whose yields are queued, so a test decides when the next slice runs. */
function harness() {
  const replies: ExplorerReply[] = []
  const queue: (() => void)[] = []
  let clock = 0
  const host = new ExplorerHost(
    (r) => replies.push(r),
    (fn) => queue.push(fn),
    () => (clock += 7),
  )
  const runAll = (): void => {
    while (queue.length > 0) queue.shift()?.()
  }
  const step = (): void => queue.shift()?.()
  return { host, replies, runAll, step }
}

type SpecRequest = Extract<ExplorerRequest, { type: 'spec' }>
const spec = (gen: number, constants: SpecRequest['constants']): SpecRequest => ({
  type: 'spec',
  id: gen,
  gen,
  constants,
  bounds: { maxStates: 5_000_000, maxDepth: 1_000 },
})

const last = (replies: ExplorerReply[]): ExplorerReply | undefined => replies[replies.length - 1]

describe('ExplorerHost', () => {
  it('model-checks a small spec exhaustively, with progress before the end', () => {
    const h = harness()
    h.host.handle(spec(1, { acceptors: 3, values: 2, maxBallot: 1 }))
    h.runAll()
    const done = last(h.replies)
    expect(h.replies[0]?.type).toBe('progress')
    expect(done?.type).toBe('done')
    if (done?.type !== 'done' || done.outcome.mode !== 'spec') throw new Error('expected a spec result')
    expect(done.outcome.violation).toBeNull()
    expect(done.outcome.boundHit).toBeNull()
    expect(done.outcome.quorumsIntersect).toBe(true)
    expect(done.progress.distinctStates).toBeGreaterThan(100)
  })

  it('finds the violation with quorums that do not intersect, as a message sequence', () => {
    const h = harness()
    h.host.handle(spec(1, { acceptors: 2, values: 2, maxBallot: 1, quorumSize: 1 }))
    h.runAll()
    const done = last(h.replies)
    if (done?.type !== 'done' || done.outcome.mode !== 'spec') throw new Error('expected a spec result')
    expect(done.outcome.quorumsIntersect).toBe(false)
    expect(done.outcome.violation?.steps.length).toBeGreaterThan(0)
    expect(done.outcome.violation?.chosen).toHaveLength(2)
  })

  it('reports the bound that stopped a search', () => {
    const h = harness()
    h.host.handle({
      ...spec(1, { acceptors: 3, values: 2, maxBallot: 2 }),
      bounds: { maxStates: 500, maxDepth: 1_000 },
    })
    h.runAll()
    const done = last(h.replies)
    if (done?.type !== 'done') throw new Error('expected done')
    expect(done.outcome.boundHit).toBe('states')
    expect(done.progress.completedDepth).toBeGreaterThanOrEqual(0)
  })

  it('stops between slices when cancelled, and answers done with cancelled', () => {
    const h = harness()
    h.host.handle(spec(1, { acceptors: 4, values: 2, maxBallot: 2 }))
    h.step()
    h.host.handle({ type: 'cancel', id: 2, gen: 1 })
    h.runAll()
    const done = last(h.replies)
    if (done?.type !== 'done') throw new Error('expected done')
    expect(done.outcome.cancelled).toBe(true)
    expect(h.replies.filter((r) => r.type === 'done')).toHaveLength(1)
  })

  it('reports bad constants as an error', () => {
    const h = harness()
    h.host.handle(spec(3, { acceptors: 9, values: 2, maxBallot: 2 }))
    expect(last(h.replies)).toMatchObject({ type: 'error', gen: 3 })
  })

  it('finds the shortest schedule that breaks a broken variant, as a scenario', () => {
    const preset = presetById('bug-ignore-prior')
    if (!preset?.explore) throw new Error('the preset needs explore defaults')
    const h = harness()
    const scenario = { ...preset.scenario, interventions: preset.explore.interventions }
    const budgets = { reorders: 0, drops: 0, duplicates: 0, crashes: 0, recoveries: 0, proposals: 1 }
    const search = {
      scenario,
      fromStep: 0,
      goal: { id: 'agreement' } as const,
      budgets: { ...budgets, ...preset.explore.budgets },
      bounds: { maxStates: 300_000, maxDepth: 300 },
    }
    h.host.handle({ type: 'sim', id: 1, gen: 1, search })
    h.runAll()
    const done = last(h.replies)
    if (done?.type !== 'done' || done.outcome.mode !== 'sim') throw new Error('expected a sim result')
    expect(done.outcome.found?.interventions.length).toBeGreaterThan(scenario.interventions.length)
    expect(done.outcome.foundText).toMatch(/^Violated: Agreement: /)
    expect(done.outcome.changes.length).toBeGreaterThan(0)
    expect(done.outcome.fromStep).toBe(0)
  })
})
