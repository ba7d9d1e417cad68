import type { ProcSlot, ProtocolModule, RunEvent, Step } from '../../kernel/module.ts'
import type { ProcessId } from '../../kernel/types.ts'
import { defaultMpConfig, mpConfigProblems } from './config.ts'
import { cloneGhost, newGhost, observe, RULE_TEXT, type MpGhost, type MpRule } from './ghost.ts'
import {
  init,
  onCrash,
  onMessage,
  onRecover,
  onRequest,
  onStart,
  onTimer,
  requestForm,
  requestProblem,
} from './handlers.ts'
import {
  colourKey,
  countedSuffix,
  eventSentence,
  label,
  MEANINGS,
  runStart,
  sendSentence,
  spokenLabel,
  timerCancel,
  timerCountdown,
  timerFire,
  timerSet,
} from './narration.ts'
import { fmtCmd, processName, type MpProcState, type ReplicaState } from './state.ts'
import { slotsToArray } from './slots.ts'
import { RANDOM_STREAM, type Ctx } from './step.ts'
import type { MpConfig, MpEvent, MpTypes } from './types.ts'
import { MP_PRESETS } from './presets.data.ts'
import { laneStatus, view } from './view.ts'
import { mpApp } from './app.ts'
import { MP_GUIDE } from './guide.ts'
import { salience } from './salience.ts'
import { MP_BUG_SEARCHES, MP_PRESET_SEARCHES, MP_SEARCH_GOALS, requestText } from './searchGoals.ts'
import { ghostKey, IGNORED, msgKey, procKey } from './explorerKeys.ts'

/**
 * Multi-Paxos as a protocol module: a replicated log with a stable leader (see types.ts for the
 * protocol as taught). Registered with one line in `src/engine/protocols/registry.ts`.
 */

const RULES = Object.keys(RULE_TEXT) as MpRule[]

/**
 * Whether the ghost learns from an event of this kind (see `observe` in ghost.ts); it ignores the
 * rest, among them every kernel event (three in four of a run's). A switch over the literal kinds
 * rather than a `Set` of them: it runs for every event, and the wrapper around the set's lookup
 * (a builtin call per event) had 4% of a 1,000-command run's CPU profile as its own time.
 */
function observed(kind: RunEvent<MpTypes>['kind']): boolean {
  switch (kind) {
    case 'acceptor.accept':
    case 'slot.commit':
    case 'slot.execute':
    case 'replica.recover':
    case 'client.send':
    case 'client.answer':
      return true
    default:
      return false
  }
}
const NOTHING: readonly RunEvent<MpTypes>[] = Object.freeze([])

/** The replica whose log shows the longest committed prefix (lowest pid on ties). */
function furthest(procs: readonly ProcSlot<MpTypes>[]): ReplicaState | null {
  let best: ReplicaState | null = null
  for (const p of procs)
    if (p.local.role === 'replica' && (!best || p.local.commit > best.commit)) best = p.local
  return best
}

/** The outcome in the CLI's words: leader, committed prefix, its commands, replicas caught up. Pure. */
export function summaryFields(procs: readonly ProcSlot<MpTypes>[]): [string, string][] {
  const replicas = procs.filter((p) => p.local.role === 'replica')
  const leaders = replicas.filter((p) => p.up && p.local.role === 'replica' && p.local.status === 'leader')
  const leader = leaders.at(-1)
  const top = furthest(procs)
  const committed = top?.commit ?? 0
  const log = top
    ? slotsToArray(top.chosen)
        .slice(0, committed)
        .map((c) => (c === null ? '?' : fmtCmd(c)))
    : []
  const caughtUp = replicas.filter((p) => p.local.role === 'replica' && p.local.executed >= committed).length
  return [
    ['protocol', 'multipaxos'],
    ['leader', leader ? `P${leader.pid}` : 'none'],
    ['committed', String(committed)],
    ['log', log.join(',')],
    ['executed', `${caughtUp}/${replicas.length}`],
  ]
}

type MpModule = ProtocolModule<MpTypes> & {
  /** At time 0, after `init`: arm election timers and start the clients' scripts. */
  onStart(state: MpProcState, input: { readonly ctx: Ctx }): Step<MpTypes>
}

export const multipaxos: MpModule = {
  id: 'multipaxos',
  title: 'Multi-Paxos',
  config: {
    defaults: () => defaultMpConfig(),
    problems: mpConfigProblems,
    fields: [
      { path: 'replicaCount', label: 'Replicas', kind: 'int', min: 3, max: 9 },
      { path: 'heartbeatTicks', label: 'Heartbeat every (ticks)', kind: 'int', min: 1, max: 1000 },
      { path: 'electionTimeoutTicks', label: 'Election timeout (ticks)', kind: 'int', min: 2, max: 5000 },
      { path: 'backoff', label: 'Randomized backoff after preemption', kind: 'bool' },
      { path: 'batchSize', label: 'Batch size (1 = no batching)', kind: 'int', min: 1, max: 64 },
      { path: 'clientRetryTicks', label: 'Client retry after (ticks)', kind: 'int', min: 1, max: 5000 },
      { path: 'bugs.skipPhase1', label: 'Bug: new leader skips phase 1', kind: 'bool' },
      { path: 'bugs.ignorePromiseValues', label: 'Bug: ignore values in promises', kind: 'bool' },
      { path: 'bugs.commitOneShort', label: 'Bug: commit one accept short of a majority', kind: 'bool' },
      { path: 'bugs.noDedup', label: 'Bug: no deduplication of retries', kind: 'bool' },
      { path: 'bugs.leaderLocalRead', label: 'Bug: leader reads locally without a lease', kind: 'bool' },
    ],
  },
  lanes: (config: MpConfig) => [
    ...Array.from({ length: config.replicaCount }, () => ({ role: 'replica' })),
    ...config.workload.map(() => ({ role: 'client' })),
  ],
  randomStreams: [RANDOM_STREAM],

  init,
  onStart,
  onRequest,
  requestProblem,
  requestForm,
  onMessage,
  onTimer,
  onCrash,
  onRecover,

  observer: {
    init: () => newGhost(),
    observe(ghost: MpGhost, e: RunEvent<MpTypes>, world) {
      // Every event of the run passes here: most (messages, timers) say nothing to the ghost,
      // and answering them with one shared empty list costs no allocation.
      return observed(e.kind) ? observe(ghost, world.config, e as MpEvent) : NOTHING
    },
    clone: cloneGhost,
  },
  properties: [
    ...RULES.map((id) => ({ kind: 'always' as const, id, title: RULE_TEXT[id] })),
    {
      kind: 'sometimes',
      id: 'slot-chosen',
      title: 'a command is chosen in some slot',
      witness: (e) => (e.kind === 'slot.chosen' ? `slot ${e.slot} is chosen` : null),
    },
    {
      kind: 'sometimes',
      id: 'hole-filled',
      title: 'a new leader fills a hole with a no-op',
      witness: (e) =>
        e.kind === 'leader.elected' && e.noops.length > 0
          ? `P${e.pid} fills slot ${e.noops.join(', ')} with a no-op`
          : null,
    },
    {
      kind: 'sometimes',
      id: 'caught-up',
      title: 'a lagging replica catches up',
      witness: (e) =>
        e.kind === 'slot.commit' && e.via === 'catch-up'
          ? `P${e.pid} learns slot ${e.slot} by catch-up`
          : null,
    },
  ],

  narration: {
    label,
    spokenLabel,
    send: (m) => sendSentence(m),
    counted: (_m, counted) => countedSuffix(counted),
    event: (e, config) => eventSentence(e, config),
    salience,
    timerSet: (pid, key, fireAt, config) => timerSet(pid, key, fireAt, config),
    timerFire: (pid, key, config) => timerFire(pid, key, config),
    timerCancel: (pid, key, fireAt, config) => timerCancel(pid, key, fireAt, config),
    timerCountdown: (pid, key, fireAt, config) => timerCountdown(pid, key, fireAt, config),
    runStart: (config) => runStart(config),
    crash: (pid: ProcessId, config: MpConfig) =>
      pid <= config.replicaCount
        ? `${processName(config, pid)} crashes: it keeps its promise and accepted slots (stable storage), and forgets the rest`
        : `${processName(config, pid)} crashes`,
    recover: (pid, config) => `${processName(config, pid)} recovers`,
  },
  messages: MEANINGS,
  colourKey,

  view,
  laneStatus,

  explorer: {
    procKey,
    ghostKey,
    msgKey,
    ignored: IGNORED,
    wantsRequest: (s) => s.role === 'client' && s.pending === null,
    requestText,
    requestValues: ['put', 'get'],
    goals: MP_SEARCH_GOALS,
    // The lesson of the replicated log: two replicas executing different commands in one slot.
    defaultGoal: 'prefix-agreement',
    presetSearches: MP_PRESET_SEARCHES,
    bugSearches: MP_BUG_SEARCHES,
  },

  summary: (_ghost, procs) => summaryFields(procs),
  presets: MP_PRESETS,
  app: mpApp,
  // A request at a client is a command (put or get); at a replica it is a campaign.
  requestWords: {
    budget: 'Client requests',
    plural: 'client requests',
    clickHint: 'click a client (C1…) to send it a put or get',
    tapHint: 'a client name (C1…) to send a put or get',
  },
  guide: MP_GUIDE,
}
