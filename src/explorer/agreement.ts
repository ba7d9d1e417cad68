/**
 * Agreement, the invariant spec mode checks: at most one value is chosen, where
 * chosen(v) == \E b \in Ballot, Q \in Quorum : \A a \in Q : a voted for v in ballot b, and a
 * voted for v in b iff [type |-> "2b", acc |-> a, bal |-> b, val |-> v] \in msgs.
 *
 * Pure: no DOM, no clocks, no randomness.
 */
import type { Universe } from './universe.ts'

/** Acceptors that voted for v in ballot b, as a bitmask. */
function voters(u: Universe, bits: Uint32Array, b: number, v: number): number {
  let mask = 0
  for (let a = 0, i = u.index2b(0, b, v); a < u.acceptors; a++, i += u.ballots * u.values) {
    if ((bits[i >>> 5] as number) & (1 << (i & 31))) mask |= 1 << a
  }
  return mask
}

/** The values chosen in `bits`: \E b, Q : \A a \in Q : 2b(a, b, v) \in msgs. */
export function chosenValues(u: Universe, bits: Uint32Array): number[] {
  const out: number[] = []
  for (let v = 0; v < u.values; v++) {
    for (let b = 0; b < u.ballots; b++) {
      if (u.hasQuorum[voters(u, bits, b, v)]) {
        out.push(v)
        break
      }
    }
  }
  return out
}

/** After vote `i` (a 2b message) was added: is its value now chosen alongside another one? */
export function violatesAgreement(u: Universe, bits: Uint32Array, i: number): boolean {
  const v = u.val[i] as number
  if (!u.hasQuorum[voters(u, bits, u.bal[i] as number, v)]) return false
  for (let w = 0; w < u.values; w++) {
    if (w === v) continue
    for (let b = 0; b < u.ballots; b++) if (u.hasQuorum[voters(u, bits, b, w)]) return true
  }
  return false
}
