import type { SearchGoal } from '../../kernel/module.ts'
import type { PaxosTypes } from './types.ts'

/**
 * Paxos's goals for the schedule search beyond its properties (which the explorer offers as
 * "find a violation of …" and "a value is chosen"): a named value decided, and a livelock of
 * ballots started without a value chosen (dueling proposers). Pure.
 */
export const PAXOS_SEARCH_GOALS: readonly SearchGoal<PaxosTypes>[] = [
  {
    id: 'decided',
    title: 'A specific value is decided',
    param: { kind: 'text', label: 'Value', maxLength: 20, initial: 'A' },
    watch(memory, move, param) {
      const value = String(param).trim()
      for (const e of move.events)
        if (e.kind === 'learner.decide' && e.value === value)
          return { memory, reached: `P${e.pid} decides ${e.value}` }
      return { memory, reached: null }
    },
  },
  {
    id: 'livelock',
    title: 'Livelock: k ballots, no value chosen',
    param: { kind: 'int', label: 'Ballots started (k)', min: 1, max: 100, initial: 6 },
    watch(memory, move, param) {
      // A ballot starts when a proposer begins phase 1 (it sends its prepares).
      const started = move.events.filter((e) => e.kind === 'proposer.phase' && e.phase === 'preparing').length
      const ballots = memory + started
      const reached =
        ballots >= Number(param) && move.ghost.chosen.length === 0
          ? `${ballots} ballots started and no value chosen`
          : null
      return { memory: ballots, reached }
    },
  },
]
