import type { BugSearch, PresetSearch, SearchGoal } from '../../kernel/module.ts'
import { parseClientRequest } from './client.ts'
import { fmtCmd } from './state.ts'
import type { MpTypes } from './types.ts'

/**
 * Multi-Paxos's goals for the schedule search beyond its properties (which the explorer offers
 * as "find a violation of …" and as "a command is chosen in some slot", …): the livelock of the
 * lecture, where leaders keep preempting each other and nothing commits. Pure.
 */
export const MP_SEARCH_GOALS: readonly SearchGoal<MpTypes>[] = [
  {
    id: 'livelock',
    title: 'Livelock: no slot chosen for N steps while a client waits',
    param: { kind: 'int', label: 'Steps without a commit (N)', min: 1, max: 1000, initial: 40 },
    watch(memory, move, param) {
      // The count is of steps in a row with work to do and no progress: a chosen slot, or no
      // client waiting (an idle system commits nothing and is not stuck), starts it again.
      if (move.events.some((e) => e.kind === 'slot.chosen')) return { memory: 0, reached: null }
      const waiting = move.procs.find((p) => p.local.role === 'client' && p.local.pending !== null)?.local
      if (waiting?.role !== 'client' || waiting.pending === null) return { memory: 0, reached: null }
      const steps = memory + move.steps
      const reached =
        steps >= Number(param)
          ? `${steps} steps without a slot chosen while C${waiting.client} waits for ${fmtCmd(waiting.pending)}`
          : null
      return { memory: steps, reached }
    },
  },
]

/**
 * A request in words: a client's command, or a campaign (the change list's words for a request the
 * search added, and the narration's for one refused). Text that is no command is quoted, not
 * called a write. Pure.
 */
export function requestText(name: string, value: string): string {
  if (!name.startsWith('C')) return `asked ${name} to campaign for leadership`
  const ask = parseClientRequest(value)
  if (ask === null) return `asked ${name} to send "${value.trim()}"`
  return `asked ${name} to send a ${ask.op === 'get' ? 'read' : 'write'}`
}

const partition = (step: number, group: number[]) => ({
  step,
  action: { type: 'partition' as const, groups: [group] },
})

/**
 * "Find a violation" on each broken variant's preset: the search starts where the preset has set
 * the stage (a replica cut off, then back) and must find the rest itself: which crash, which
 * dropped message, which request (no `proposals` budget given: one request, as everywhere).
 * The goal is the invariant the preset's own run breaks first, the one its ⚠ pill names (two
 * commands chosen in slot 1 comes before two replicas executing them), so the lesson the search
 * looks for is the lesson on screen. Each is checked by `src/explorer/presetLessons.test.ts` to
 * reach its goal from where the Explore panel starts it.
 */
export const MP_PRESET_SEARCHES: Readonly<Record<string, PresetSearch>> = {
  // P5 missed slot 1; the search finds that a second write and a crash of the leader are enough.
  'mp-bug-skip-phase1': {
    fromStep: 26,
    interventions: [partition(1, [1, 2, 3, 6]), { step: 26, action: { type: 'heal' } }],
    budgets: { crashes: 1, proposals: 1 },
    goal: 'slot-agreement',
  },
  'mp-bug-ignore-promises': {
    fromStep: 55,
    interventions: [partition(9, [1, 2, 3, 6]), { step: 55, action: { type: 'heal' } }],
    budgets: { crashes: 1, proposals: 0 },
    goal: 'slot-agreement',
  },
  'mp-bug-commit-short': {
    fromStep: 30,
    interventions: [partition(9, [1, 2, 6]), { step: 30, action: { type: 'crash', pid: 1 } }],
    budgets: { proposals: 1 },
    goal: 'slot-agreement',
  },
  'mp-bug-no-dedup': {
    fromStep: 0,
    interventions: [],
    budgets: { drops: 1, proposals: 0 },
    goal: 'at-most-once',
  },
  'mp-bug-local-read': {
    fromStep: 33,
    interventions: [partition(33, [1, 7])],
    budgets: { proposals: 1 },
    goal: 'linearizable',
  },
}

/**
 * "Find a violation" once a broken variant is switched on in Settings, on any scenario (the
 * lecture's `mp-leader-crash`, `mp-steady`). Skipping phase 1 shows only after a leader change,
 * by a new leader that missed a chosen slot: one lost accept and one crash of the leader are
 * enough, and the scenario's own requests are the workload. The goal is any violation, as the
 * button says: the run found then stops at its first broken invariant (two commands chosen in one
 * slot comes before two replicas executing them), which is the one the header's badge names.
 */
export const MP_BUG_SEARCHES: Readonly<Record<string, BugSearch>> = {
  skipPhase1: { goal: 'violation', budgets: { crashes: 1, drops: 1, proposals: 0 } },
}
