import { describe, expect, it } from 'vitest'
import type { SimEvent } from '../engine/index.ts'
import { phaseForward, roundBack, roundForward } from './navigation.ts'
import { mpPresetLog } from '../timeline/testRuns.ts'

/** Every cursor a key visits, pressed from `from` until it stops moving. */
function walk(
  move: (log: readonly SimEvent[], c: number) => number,
  log: SimEvent[],
  from: number,
): number[] {
  const seen: number[] = []
  for (let c = from, next = move(log, c); next !== c; c = next, next = move(log, c)) seen.push(next)
  return seen
}

/** The steps where a ballot starts phase 1 (a leader attempt), after step 0. */
const campaigns = (log: readonly SimEvent[]): number[] => stepsOf(log, 'leader.campaign').filter((s) => s > 0)

/** The steps with an event of this kind (the log's events are typed by the kernel, so a string). */
const stepsOf = (log: readonly SimEvent[], kind: string): number[] => [
  ...new Set(log.filter((e) => (e.kind as string) === kind).map((e) => e.step)),
]

describe('Multi-Paxos rounds walk a duel of leaders one attempt at a time', () => {
  const log = mpPresetLog('mp-dueling-leaders')
  const end = log[log.length - 1]!.step

  it('`]` stops at every new ballot’s phase 1 and at every chosen slot, then the end', () => {
    const expected = [...new Set([...campaigns(log), ...stepsOf(log, 'slot.chosen'), end])].sort(
      (a, b) => a - b,
    )
    // The duel has many attempts between the one chosen slot (72) and the end (400).
    expect(campaigns(log).filter((s) => s > 72).length).toBeGreaterThan(10)
    expect(walk(roundForward, log, 0)).toEqual(expected)
  })

  it('`[` goes back through every attempt and proposal to the start', () => {
    const starts = [...new Set([0, ...campaigns(log), ...stepsOf(log, 'slot.propose')])].sort((a, b) => a - b)
    expect(walk(roundBack, log, end)).toEqual(starts.reverse())
  })

  it('no round skips a ballot: no ballot starts phase 1 strictly between two stops', () => {
    const stops = [0, ...walk(roundForward, log, 0)]
    for (let i = 1; i < stops.length; i++) {
      const inside = campaigns(log).filter((s) => s > stops[i - 1]! && s < stops[i]!)
      expect(inside).toEqual([])
    }
  })

  it('phase stops include each ballot’s phase 1 and its phase 2 (elected leader)', () => {
    const phases = walk(phaseForward, log, 0)
    for (const s of [...campaigns(log), ...stepsOf(log, 'leader.elected')]) expect(phases).toContain(s)
  })
})

describe('Multi-Paxos rounds in runs without a duel', () => {
  it('mp-steady: the first leader’s attempt, then each chosen slot', () => {
    const log = mpPresetLog('mp-steady')
    expect(walk(roundForward, log, 0)).toEqual([1, 31, 33, 35, 80, 82, 87, 119, 135])
  })

  it('mp-leader-crash: the new leader’s campaign after the crash is a stop of its own', () => {
    const log = mpPresetLog('mp-leader-crash')
    const after = walk(roundForward, log, 66)
    expect(after.slice(0, 2)).toEqual([79, 109])
  })
})
