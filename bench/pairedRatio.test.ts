import { describe, expect, it } from 'vitest'
import { middle, pairedRatio, type Work } from './pairedRatio.ts'

describe('pairedRatio', () => {
  it('alternates which engine goes first and takes the median of the pairs’ own ratios', () => {
    const order: string[] = []
    // Single-decree makes 3,000 events a second of wall time; Multi-Paxos 1,000, 2,000, 1,000, …
    let n = 0
    const sd = (): Work => (order.push('sd'), { events: 3000, ms: 1000, cpuMs: 1500 })
    const mp = (): Work => (order.push('mp'), { events: n++ % 2 === 0 ? 1000 : 2000, ms: 1000, cpuMs: 1000 })
    const r = pairedRatio(3, sd, mp)
    expect(order).toEqual(['sd', 'mp', 'mp', 'sd', 'sd', 'mp'])
    expect(r.pairs.map((p) => p.wall)).toEqual([3, 1.5, 3])
    expect(r.pairs.map((p) => p.cpu)).toEqual([2, 1, 2])
    expect(r.wall).toBe(3)
    expect(r.cpu).toBe(2)
    expect(r.pairs.map((p) => p.first)).toEqual(['single-decree', 'multipaxos', 'single-decree'])
  })

  it('middle is the median, the mean of the middle two for an even count', () => {
    expect(middle([5, 1, 3])).toBe(3)
    expect(middle([4, 1, 3, 2])).toBe(2.5)
    expect(Number.isNaN(middle([]))).toBe(true)
  })
})
