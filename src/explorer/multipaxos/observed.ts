/**
 * What the client has observed in the SMR-style MultiPaxos model: its history of Req and Ack events
 * (layout.ts's `observed`), and whether the run is over. Pure: no DOM, no clocks, no randomness.
 */
import type { Layout } from './layout.ts'

/** Bitmasks of the commands (bit c, c in 0..N) with a Req and with an Ack event observed. */
export function observedMasks(L: Layout, v: Int32Array): { reqs: number; acks: number; length: number } {
  let reqs = 0
  let acks = 0
  let length = 0
  for (let i = 0; i < L.events; i++) {
    const e = (v[L.observed + i] as number) - 1
    if (e < 0) break
    length++
    if (e < L.N) reqs |= 1 << (e + 1)
    else acks |= 1 << Math.floor((e - L.N) / (L.W + 1))
  }
  return { reqs, acks, length }
}

const popcount = (x: number): number => {
  let n = 0
  for (let y = x; y !== 0; y &= y - 1) n++
  return n
}

/** terminated == pending is empty /\ every command was requested /\ every command was acknowledged. */
export function terminated(L: Layout, v: Int32Array): boolean {
  if (L.N > 0 && v[L.pending] !== 0) return false
  const { reqs, acks } = observedMasks(L, v)
  return popcount(reqs) === L.N && popcount(acks) === L.N
}
