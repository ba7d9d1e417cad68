import { describe, expect, it } from 'vitest'
import { onAcceptedNotice, onDecideNotice } from './learner.ts'
import { pid } from '../../kernel/types.ts'
import { emptyLearner } from './state.ts'
import type { Ballot, LearnerState } from './types.ts'

const b = (round: number, p: number): Ballot => ({ round, pid: p })

function hear(l: LearnerState, froms: number[], ballot: Ballot, value: string, quorum = 3) {
  let r = { learner: l, decided: null as null | { ballot: Ballot; value: string }, tally: null as unknown }
  for (const f of froms) r = onAcceptedNotice(r.learner, pid(f), ballot, value, quorum)
  return r
}

describe('learner, mode "all" (accepted notices)', () => {
  it('decides when a quorum of distinct acceptors accepted the same ballot', () => {
    const r2 = hear(emptyLearner(), [1, 2, 2], b(1, 1), '10')
    expect(r2.decided).toBeNull()
    expect(r2.tally).toEqual({ count: 2, needed: 3 })
    const r3 = onAcceptedNotice(r2.learner, pid(5), b(1, 1), '10', 3)
    expect(r3.decided).toEqual({ ballot: b(1, 1), value: '10' })
    expect(r3.learner.decided).toEqual({ ballot: b(1, 1), value: '10' })
  })

  it('does not mix accepts of different ballots, even for the same value', () => {
    let r = hear(emptyLearner(), [1, 2], b(1, 1), '10')
    r = hear(r.learner, [3], b(2, 3), '10')
    expect(r.decided).toBeNull()
    expect(r.learner.decided).toBeNull()
  })

  it('decides only once', () => {
    const r = hear(emptyLearner(), [1, 2, 3], b(1, 1), '10')
    const later = onAcceptedNotice(r.learner, pid(4), b(1, 1), '10', 3)
    expect(later.decided).toBeNull()
    expect(later.learner.decided).toEqual({ ballot: b(1, 1), value: '10' })
    const other = hear(r.learner, [1, 2, 3], b(5, 2), '10')
    expect(other.decided).toBeNull()
  })

  it('does not mutate the state it is given', () => {
    const l = emptyLearner()
    hear(l, [1, 2, 3], b(1, 1), '10')
    expect(l).toEqual(emptyLearner())
  })
})

describe('learner, mode "decide" (decide notices)', () => {
  it('decides on the first decide notice and ignores later ones', () => {
    const r = onDecideNotice(emptyLearner(), b(2, 3), '10')
    expect(r.decided).toEqual({ ballot: b(2, 3), value: '10' })
    const again = onDecideNotice(r.learner, b(2, 3), '10')
    expect(again.decided).toBeNull()
    expect(again.learner).toBe(r.learner)
  })
})
