import type { Ballot } from './types.ts'

/** Compare ballots by round, then proposer id. Negative, zero or positive. Pure. */
export function compareBallots(a: Ballot, b: Ballot): number {
  return a.round !== b.round ? a.round - b.round : a.pid - b.pid
}

/** Compare possibly-absent ballots; "none" is below every ballot. Pure. */
export function compareMaybe(a: Ballot | null, b: Ballot | null): number {
  if (a === null) return b === null ? 0 : -1
  if (b === null) return 1
  return compareBallots(a, b)
}

export function ballotsEqual(a: Ballot | null, b: Ballot | null): boolean {
  return compareMaybe(a, b) === 0
}

/** `round.pid` as in the lecture (`3.2`), or the bare round when ballots carry no pid. Pure. */
export function formatBallot(b: Ballot | null): string {
  if (b === null) return 'none'
  return b.pid === 0 ? String(b.round) : `${b.round}.${b.pid}`
}

/** A compact key for maps keyed by ballot. Pure. */
export function ballotKey(b: Ballot): string {
  return `${b.round}.${b.pid}`
}
