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
import { messageStatus, messageStatusByReplay } from './messageStatus.ts'

/** `messageStatus` reads the run index; `messageStatusByReplay` scans the log from the start. */

/** The dueling preset, run long: thousands of events. */
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
