import { describe, expect, it } from 'vitest'
import { handOver, onAcceptedNotice, onDecideNotice, onLearnedAck, takeDuty, uninformed } from './learner.ts'
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

describe("the decider's record of who has learned", () => {
  const deciderOf = (value: string, ballot = b(1, 1), self = 1): LearnerState => {
    const decided = onDecideNotice(emptyLearner(), ballot, value).learner
    const duty = takeDuty(decided, pid(self))
    if (!duty) throw new Error('no duty')
    return duty
  }

  it('counts an acknowledgement only when it names its own value', () => {
    const l = deciderOf('A')
    const same = onLearnedAck(l, pid(2), 'A', 5)
    expect(same).toMatchObject({ count: 2, disagrees: false, everyoneAnswered: false })
    const other = onLearnedAck(same!.learner, pid(3), 'B', 5)
    expect(other).toMatchObject({ count: 2, disagrees: true, everyoneAnswered: false })
    // It stops telling P3 (a decision is final), but P3 never counts as having learned A.
    expect(uninformed(other!.learner, 5)).toEqual([4, 5])
    const rest = [4, 5].reduce((x, p) => onLearnedAck(x, pid(p), 'A', 5)!.learner, other!.learner)
    expect(onLearnedAck(rest, pid(5), 'A', 5)).toMatchObject({ count: 4, everyoneAnswered: true })
  })

  it('is not kept by a process that is not a decider', () => {
    expect(onLearnedAck(emptyLearner(), pid(2), 'A', 5)).toBeNull()
  })

  it('hands the duty over only to a decider of the same value that outranks it', () => {
    const p2 = deciderOf('A', b(1, 1), 2)
    // The ballot's own proposer outranks everyone else of that ballot.
    expect(handOver(p2, pid(2), pid(1), { ballot: b(1, 1), value: 'A' })).toMatchObject({ informed: 0 })
    // Without it, the lower pid outranks; a higher ballot outranks a lower one.
    expect(handOver(p2, pid(2), pid(3), { ballot: b(1, 1), value: 'A' })).toBeNull()
    expect(handOver(p2, pid(2), pid(3), { ballot: b(2, 4), value: 'A' })).toMatchObject({ informed: 0 })
    const p1 = deciderOf('A', b(1, 1), 1)
    expect(handOver(p1, pid(1), pid(2), { ballot: b(1, 1), value: 'A' })).toBeNull()
    // Another value is no reason to stop: the sender will never tell anyone A.
    expect(handOver(p2, pid(2), pid(1), { ballot: b(1, 1), value: 'B' })).toBeNull()
  })
})
