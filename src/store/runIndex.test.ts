import { describe, expect, it } from 'vitest'
import { runToEnd, type SimEvent } from '../engine/index.ts'
import { presetById } from '../scenarios/presets.ts'
import { toRunInput } from '../scenarios/scenario.ts'
import { buildRunIndex, runIndex } from './runIndex.ts'

/** A log as the store builds it while a run streams in: each batch appended with `concat`. */
function streamed(log: readonly SimEvent[], batch: number): readonly SimEvent[][] {
  const logs: SimEvent[][] = []
  let acc: SimEvent[] = []
  for (let i = 0; i < log.length; i += batch) {
    acc = acc.concat(log.slice(i, i + batch))
    logs.push(acc)
  }
  return logs
}

const logOf = (id: string): readonly SimEvent[] => runToEnd(toRunInput(presetById(id)!.scenario)).log

describe('runIndex', () => {
  it('a streamed index equals a one-shot index, at every batch', () => {
    for (const [id, batches] of [
      ['racing-adopt', [1, 7]],
      ['dueling', [64]],
      ['bug-amnesia', [64]],
    ] as const) {
      const log = logOf(id)
      for (const batch of batches) {
        for (const part of streamed(log, batch)) {
          expect(runIndex(part)).toEqual(buildRunIndex(part))
        }
      }
    }
  })

  it('extends the previous index instead of rebuilding it', () => {
    const logs = streamed(logOf('message-loss'), 10)
    const first = runIndex(logs[0]!)
    const later = runIndex(logs[5]!)
    // The same append-only lists, grown: no rebuild from the start.
    expect(later.steps).toBe(first.steps)
    expect(later.lastStep).toBe(buildRunIndex(logs[5]!).lastStep)
  })

  it('a log that is cut back (a fork) and grows again is indexed afresh and correctly', () => {
    const log = logOf('basic')
    const long = log.slice(0, 60)
    runIndex(long)
    const forked = log.slice(0, 20).concat(log.slice(20, 40).map((e) => ({ ...e })))
    expect(runIndex(forked)).toEqual(buildRunIndex(forked))
    // Asking again for the shorter log of an extended chain rebuilds it rather than reusing lists.
    const a = log.slice(0, 10)
    runIndex(a)
    runIndex(a.concat(log.slice(10, 30)))
    expect(runIndex(a)).toEqual(buildRunIndex(a))
  })
})
