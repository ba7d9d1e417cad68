import { describe, expect, it } from 'vitest'
import { runProtocolPreset } from '../../index.ts'
import { multipaxos } from './module.ts'
import type { Ballot } from './types.ts'

/**
 * The wait after a preemption is its own timer with its own words (issue 11): the lane says
 * "backs off until t=…, then runs phase 1 with a higher ballot", and that is what the replica does
 * when it fires (or, having heard from a leader meanwhile, waits another election timeout).
 */
describe('Multi-Paxos backoff words', () => {
  for (const id of ['mp-backoff', 'mp-dueling-leaders']) {
    it(`${id}: every backoff is announced as one and ends as it says`, () => {
      const preset = multipaxos.presets.find((p) => p.id === id)!
      const { log } = runProtocolPreset(multipaxos, preset)
      type E = { kind: string; pid?: number; key?: string; fireAt?: number; tick: number }
      const events = log as unknown as (E & { ballot?: Ballot; higher?: Ballot | null })[]
      let checked = 0
      let campaigns = 0
      events.forEach((e, i) => {
        if (e.kind === 'leader.preempted') {
          // Set just before the preemption fact: the backoff, never the election timeout.
          const set = events.slice(0, i).findLast((x) => x.kind === 'timer.set' && x.pid === e.pid)
          expect(set?.key).toBe('backoff')
          const words = multipaxos.narration.timerCountdown!(
            e.pid as never,
            'backoff',
            set!.fireAt as never,
            preset.config,
          )
          expect(words?.label).toBe('backoff')
          expect(words?.text).toBe(
            `P${e.pid} backs off until t=${set!.fireAt}, then runs phase 1 with a higher ballot unless it has heard from a leader`,
          )
        }
        if (e.kind === 'timer.fire' && e.key === 'backoff') {
          const next = events.slice(i + 1).find((x) => x.pid === e.pid && x.kind !== 'timer.fire')
          const before = events.slice(0, i).findLast((x) => x.kind === 'leader.campaign' && x.pid === e.pid)
          if (next?.kind === 'leader.campaign') {
            expect(next.ballot!.round).toBeGreaterThan(before?.ballot?.round ?? 0)
            campaigns++
          } else expect(next).toMatchObject({ kind: 'timer.set', key: 'election' })
          checked++
        }
      })
      expect(checked).toBeGreaterThan(0)
      // The ping-pong: each backoff ends in a new campaign; with backoff they converge and wait.
      expect(campaigns > 0).toBe(id === 'mp-dueling-leaders')
    })
  }

  it('says "election timeout" only of the wait for a leader or for promises', () => {
    const config = multipaxos.presets[0]!.config
    expect(multipaxos.narration.timerCountdown!(2 as never, 'election', 100 as never, config)?.label).toBe(
      'election timeout',
    )
    expect(multipaxos.narration.timerSet(2 as never, 'backoff', 74 as never, config)).toBe(
      'P2 sets its backoff timer for tick 74',
    )
  })
})
