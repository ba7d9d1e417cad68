import { describe, expect, it } from 'vitest'
import { ofKind, lectureConfig, propose } from './testkit.test-helpers.ts'
import { chancePercent, intBetween, mix32, nextU32, streamSeed, type Rng } from './kernel/prng.ts'
import { runToEnd } from './index.ts'
import type { SimConfig } from './index.ts'

const rng = (seed = 1): Rng => ({ state: streamSeed(seed, 'latency') })

describe('prng', () => {
  it('is deterministic: the same seed gives the same sequence', () => {
    const a = rng(7)
    const b = rng(7)
    const xs = Array.from({ length: 20 }, () => nextU32(a))
    expect(Array.from({ length: 20 }, () => nextU32(b))).toEqual(xs)
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32)).toBe(true)
  })

  it('derives a different, non-zero seed for every stream and scenario seed', () => {
    const names = ['latency', 'loss', 'duplicate', 'backoff'] as const
    const seeds = [0, 1, 2, 0xffff_ffff].flatMap((s) => names.map((n) => streamSeed(s, n)))
    expect(new Set(seeds).size).toBe(seeds.length)
    expect(seeds.every((s) => s !== 0)).toBe(true)
    expect(mix32(0)).toBe(0)
  })

  it('intBetween stays within [min, max], reaches both ends, and is roughly uniform', () => {
    const r = rng(3)
    const counts = new Array<number>(10).fill(0)
    for (let i = 0; i < 20_000; i++) {
      const x = intBetween(r, 0, 9)
      counts[x] = (counts[x] ?? 0) + 1
    }
    for (const c of counts) expect(c).toBeGreaterThan(1600)
    for (const c of counts) expect(c).toBeLessThan(2400)
  })

  it('intBetween with an empty span returns min and does not advance the stream', () => {
    const r = rng(5)
    const before = r.state
    expect(intBetween(r, 10, 10)).toBe(10)
    expect(intBetween(r, 10, 3)).toBe(10)
    expect(r.state).toBe(before)
  })

  it('chancePercent: 0 and 100 are certain and draw nothing; in between it draws once', () => {
    const r = rng(9)
    const before = r.state
    expect(chancePercent(r, 0)).toBe(false)
    expect(chancePercent(r, 100)).toBe(true)
    expect(r.state).toBe(before)
    let hits = 0
    for (let i = 0; i < 10_000; i++) if (chancePercent(r, 30)) hits++
    expect(hits).toBeGreaterThan(2700)
    expect(hits).toBeLessThan(3300)
  })
})

/** Latencies (deliverAt − sentAt) of every message the network sends, in send order. */
function latencies(config: SimConfig, seed: number): number[] {
  const sim = runToEnd({ seed, config, interventions: [propose(1, 'A'), propose(3, 'B')] })
  return ofKind(sim.log, 'msg.send')
    .filter((e) => e.msg.from !== e.msg.to && e.msg.dupOf === null)
    .map((e) => e.msg.deliverAt - e.msg.sentAt)
}

const commonPrefix = <T>(a: T[], b: T[]): T[] => a.slice(0, Math.min(a.length, b.length))

describe('streams are independent', () => {
  const jitter = lectureConfig({ latencyTicksMin: 1, latencyTicksMax: 20, maxSteps: 400 })

  it.each([1, 2, 3])('changing lossPercent does not change the latency draws (seed %i)', (seed) => {
    const calm = latencies(jitter, seed)
    const lossy = latencies({ ...jitter, lossPercent: 40 }, seed)
    expect(calm.length).toBeGreaterThan(10)
    expect(lossy.length).toBeGreaterThan(10)
    expect(commonPrefix(lossy, calm)).toEqual(commonPrefix(calm, lossy))
  })

  it('changing duplicatePercent does not change the latency or loss of the originals', () => {
    const base = { ...jitter, lossPercent: 20 }
    const run = (duplicatePercent: number) =>
      ofKind(
        runToEnd({ seed: 4, config: { ...base, duplicatePercent }, interventions: [propose(1, 'A')] }).log,
        'msg.send',
      )
        .filter((e) => e.msg.dupOf === null && e.msg.from !== e.msg.to)
        .map((e) => `${e.msg.deliverAt - e.msg.sentAt}${e.msg.lost ? 'L' : ''}`)
    const plain = run(0)
    const doubled = run(50)
    expect(commonPrefix(plain, doubled).length).toBeGreaterThan(4)
    expect(commonPrefix(doubled, plain)).toEqual(commonPrefix(plain, doubled))
  })

  it('the backoff stream is separate: backoff delays do not change message latencies', () => {
    const fixed = { ...jitter, retry: { ...jitter.retry, policy: 'fixed' as const } }
    const backoff = { ...jitter, retry: { ...jitter.retry, policy: 'backoff' as const } }
    const a = latencies(fixed, 6)
    const b = latencies(backoff, 6)
    expect(commonPrefix(a, b).length).toBeGreaterThan(5)
    expect(commonPrefix(b, a)).toEqual(commonPrefix(a, b))
  })
})
