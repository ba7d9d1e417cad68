import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runAdversary } from '../engine/adversary.ts'
import { runToEnd, type SimConfig, type SimEvent } from '../engine/index.ts'
import { presetById } from '../scenarios/presets.ts'
import { toRunInput } from '../scenarios/scenario.ts'
import {
  crashRun,
  duplicateRun,
  partitionRun,
  totalLossRun,
  userDropRun,
  violationRun,
} from '../timeline/testRuns.ts'
import { messageStatus, messageStatusByReplay, project, projectByReplay } from './projection.ts'
import { CHECKPOINT_EVERY } from './projectionCheckpoints.ts'

/**
 * `project` restores per-log checkpoints; `projectByReplay` replays from the start. They must agree
 * at every cursor, whatever order the cursor visits positions in (the checkpoints persist between
 * calls, so a leak of mutable state between calls shows up as a later mismatch).
 */

/** The dueling preset, run long: thousands of events, so several checkpoints. */
function longDueling(maxSteps: number): SimEvent[] {
  const input = toRunInput(presetById('dueling')!.scenario)
  return runToEnd({ ...input, config: { ...input.config, maxSteps } }).log
}

const dueling = toRunInput(presetById('dueling')!.scenario)

/**
 * A random run with loss, duplication, reordering, crashes, recoveries and partitions: the dueling
 * preset's inputs (retrying at once, so runs stay long) under the engine's test adversary.
 */
function randomRun(seed: number, choices: number[], over: Partial<SimConfig>): SimEvent[] {
  const input = { ...dueling, seed, config: { ...dueling.config, ...over } }
  return runAdversary(input, choices, { proposers: [1, 3], faults: true, reorder: true }).log
}

const long = longDueling(2500)
const lossy = randomRun(
  3,
  Array.from({ length: 400 }, (_, i) => (i * 7919 + 3) % 0xffff),
  { lossPercent: 20, duplicatePercent: 10, maxSteps: 1500 },
)
const fixtures: [string, SimEvent[]][] = [
  ['long dueling', long],
  ['long lossy with faults', lossy],
  ['crash', crashRun()],
  ['user drop and delay', userDropRun()],
  ['total loss', totalLossRun()],
  ['duplicate', duplicateRun()],
  ['partition', partitionRun()],
  ['violation', violationRun()],
]

/** Cursor moves: jumps anywhere, or small steps forwards and backwards from the last position. */
const movesArb = fc.array(
  fc.oneof(
    fc.record({ jump: fc.double({ min: 0, max: 1.05, noNaN: true }) }),
    fc.record({ by: fc.integer({ min: -600, max: 600 }) }),
  ),
  { minLength: 1, maxLength: 25 },
)

function visit(log: readonly SimEvent[], moves: ({ jump: number } | { by: number })[]): void {
  let upto = 0
  for (const m of moves) {
    upto = 'jump' in m ? Math.floor(m.jump * log.length) : Math.max(0, upto + m.by)
    expect(project(log, upto)).toEqual(projectByReplay(log, upto))
  }
}

describe('checkpointed projection', () => {
  it('has long runs with several checkpoints', () => {
    expect(long.length).toBeGreaterThan(5 * CHECKPOINT_EVERY)
    expect(lossy.length).toBeGreaterThan(3 * CHECKPOINT_EVERY)
    const kinds = new Set(lossy.map((e) => e.kind))
    for (const k of ['msg.drop', 'msg.delay', 'proc.crash', 'net.partition'] as const)
      expect(kinds).toContain(k)
  })

  it.each(fixtures)('equals the full replay at every cursor around each checkpoint (%s)', (_, log) => {
    const around = [0, 1, log.length - 1, log.length, log.length + 3]
    for (let c = CHECKPOINT_EVERY; c <= log.length; c += CHECKPOINT_EVERY) around.push(c - 1, c, c + 1)
    for (const upto of around.reverse()) expect(project(log, upto)).toEqual(projectByReplay(log, upto))
  })

  it('equals the full replay for random cursor moves on fixed runs', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), movesArb, ([, log], moves) => visit(log, moves)),
      { numRuns: 120, seed: 5 },
    )
  })

  it('equals the full replay for random cursor moves on random runs', () => {
    const runArb = fc.record({
      seed: fc.nat(),
      choices: fc.array(fc.nat({ max: 0xffff }), { maxLength: 150 }),
      lossPercent: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })),
      duplicatePercent: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 })),
      maxSteps: fc.integer({ min: 50, max: 1500 }),
    })
    fc.assert(
      fc.property(runArb, movesArb, (r, moves) =>
        visit(
          randomRun(r.seed, r.choices, {
            lossPercent: r.lossPercent,
            duplicatePercent: r.duplicatePercent,
            maxSteps: r.maxSteps,
          }),
          moves,
        ),
      ),
      { numRuns: 40, seed: 9 },
    )
  })

  it('does not let a caller mutate the checkpoints', () => {
    const upto = 3 * CHECKPOINT_EVERY + 5
    const before = projectByReplay(long, upto)
    const got = project(long, upto)
    for (const p of got.procs) {
      p.promises.push(99)
      p.changed.push('up')
      p.phase = 'decided'
    }
    ;(got.violations as unknown[]).push(null)
    expect(project(long, upto)).toEqual(before)
  })

  it('extends the checkpoints of a log that grew by appending', () => {
    const a = long.slice(0, 2 * CHECKPOINT_EVERY + 100)
    expect(project(a, a.length)).toEqual(projectByReplay(a, a.length))
    const b = long.slice(0, 5 * CHECKPOINT_EVERY + 7)
    for (const upto of [b.length, 3 * CHECKPOINT_EVERY, a.length, 10])
      expect(project(b, upto)).toEqual(projectByReplay(b, upto))
    // The shorter log still works after the longer one extended the shared checkpoints.
    expect(project(a, a.length)).toEqual(projectByReplay(a, a.length))
  })

  it('does not reuse checkpoints of another log with the same first event and length', () => {
    const a = long.slice(0, 4 * CHECKPOINT_EVERY)
    // Same first event object (the cache key), same length, different events after it.
    const b = [a[0]!, ...lossy.slice(1, a.length)]
    expect(b).toHaveLength(a.length)
    expect(project(a, a.length)).toEqual(projectByReplay(a, a.length))
    for (const upto of [b.length, 2 * CHECKPOINT_EVERY + 1, b.length])
      expect(project(b, upto)).toEqual(projectByReplay(b, upto))
    // A fork: a's prefix, then another run's events from a later step on.
    const cut = 2 * CHECKPOINT_EVERY + 40
    const lastStep = a[cut - 1]!.step
    const fork = [
      ...a.slice(0, cut),
      ...lossy.filter((e) => e.step > lastStep).slice(0, 3 * CHECKPOINT_EVERY),
    ]
    for (const upto of [fork.length, cut, cut + CHECKPOINT_EVERY, 4 * CHECKPOINT_EVERY + 1])
      expect(project(fork, upto)).toEqual(projectByReplay(fork, upto))
    expect(project(a, a.length)).toEqual(projectByReplay(a, a.length))
  })
})

describe('messageStatus', () => {
  it.each(fixtures)('equals the full scan for every message at random cursors (%s)', (_, log) => {
    const ids = log.filter((e) => e.kind === 'msg.send').length
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: ids + 2 }),
        fc.integer({ min: -1, max: log.length + 1 }),
        (id, upto) => {
          expect(messageStatus(log, upto, id)).toEqual(messageStatusByReplay(log, upto, id))
        },
      ),
      { numRuns: 300, seed: 3 },
    )
  })

  it('returns the message as of the cursor around every delay, delivery and drop', () => {
    let delaysAfterSend = 0
    for (const [, log] of fixtures) {
      log.forEach((e, i) => {
        if (e.kind !== 'msg.delay' && e.kind !== 'msg.deliver' && e.kind !== 'msg.drop') return
        if (
          e.kind === 'msg.delay' &&
          log.some((s) => s.kind === 'msg.send' && s.msg.id === e.msg.id && s.step < e.step)
        )
          delaysAfterSend++
        for (const upto of [i, i + 1])
          expect(messageStatus(log, upto, e.msg.id)).toEqual(messageStatusByReplay(log, upto, e.msg.id))
      })
    }
    // A delay in a later step than the send changes `deliverAt`: the status must show the new one.
    expect(delaysAfterSend).toBeGreaterThan(0)
  })
})
