import {
  Simulator,
  type EventBody,
  type Intervention,
  type InvariantRule,
  type PaxosTypes,
  type ScheduledIntervention,
  type SimState,
} from '../engine/index.ts'
import { applyIntervention } from '../engine/kernel/interventions.ts'
import { nextDue, performDue } from '../engine/kernel/scheduler.ts'
import { cloneKernelState } from '../engine/kernel/state.ts'
import { World } from '../engine/kernel/world.ts'
import { paxos } from '../engine/protocols/paxos/index.ts'
import { violationText } from '../engine/protocols/paxos/narration.ts'
import type { Scenario } from '../scenarios/scenario.ts'
import { describeChange, type ExplorerChange } from './changes.ts'
import { DEFAULT_MEMORY_BUDGET_BYTES, fits, memoryBudget, memoryStopMessage } from './memoryBudget.ts'
import { messageKey, stateKey } from './simKey.ts'

/**
 * Breadth-first search over the ways a run can deviate from its default schedule, from one point
 * of a scenario. At every state the search either lets the scheduler take its next step or, within
 * budgets, intervenes: delivers another in-flight message first (reordering), fires a timer early,
 * drops or duplicates a message, crashes or recovers a process, or starts one more proposal.
 * States are deduplicated by a canonical key, so the first path that reaches the goal is a
 * shortest one (fewest steps plus interventions). Pure and deterministic; it works in bounded
 * chunks so a worker can report progress and cancel.
 */

export type SimGoal =
  /** Any invariant violation, or only violations of `rule` (e.g. agreement). */
  | { readonly kind: 'violation'; readonly rule?: InvariantRule }
  | { readonly kind: 'chosen' }
  | { readonly kind: 'decided'; readonly value: string }
  | { readonly kind: 'livelock'; readonly ballots: number }

export interface SimBudgets {
  /** Deliveries out of the default order (deliver-now) and early timer firings. */
  readonly reorders: number
  readonly drops: number
  readonly duplicates: number
  readonly crashes: number
  readonly recoveries: number
  readonly proposals: number
}

export interface SimBounds {
  readonly maxDepth: number
  readonly maxStates: number
  /** The memory budget (default `DEFAULT_MEMORY_BUDGET_BYTES`): the search stops before it. */
  readonly maxBytes?: number
}

export interface SimSearchOptions {
  readonly fromStep: number
  readonly goal: SimGoal
  readonly budgets: SimBudgets
  readonly bounds: SimBounds
}

export interface SimProgress {
  readonly distinctStates: number
  readonly transitions: number
  readonly depth: number
  readonly done: boolean
  /** Which bound stopped the search before it was exhaustive, if any. */
  readonly boundHit: 'depth' | 'states' | 'memory' | null
  /** When the memory budget stopped the search: how many states, how many bytes, and the budget. */
  readonly memoryMessage: string | null
  /** The bytes the search's states are estimated to hold now (checked against the budget). */
  readonly memoryBytes: number
  /** The counterexample or witness as a scenario, once found. */
  readonly found: Scenario | null
  /** What the goal event said (e.g. the violated invariant). */
  readonly foundText: string | null
  /** What the found schedule changed (its interventions, in words), once found. */
  readonly foundChanges: readonly ExplorerChange[] | null
}

/** `null` is the scheduler's own next step; anything else is an intervention. */
type Move = Intervention | null

interface Node {
  readonly parent: number
  readonly move: Move
  readonly used: Used
}

/** The "a value is chosen" goal, as Paxos's `sometimes` property states it. */
const CHOSEN = (() => {
  const p = paxos.properties.find((q) => q.id === 'chosen')
  if (p?.kind !== 'sometimes') throw new Error('Paxos has no "chosen" goal')
  return p
})()

export interface Used {
  reorders: number
  drops: number
  duplicates: number
  crashes: number
  recoveries: number
  proposals: number
  ballots: number
}

/** A world that records what matters to the goal instead of narrating. */
class QuietWorld extends World<PaxosTypes> {
  events: EventBody[] = []
  constructor(state: SimState) {
    super(paxos, state)
  }
  protected record(body: EventBody): void {
    if (
      body.kind === 'invariant.violated' ||
      body.kind === 'value.chosen' ||
      body.kind === 'learner.decide' ||
      paxos.explorer.isAttempt(body)
    )
      this.events.push(body)
  }
}

const cloneState = (s: SimState): SimState => cloneKernelState(paxos, s)

const FRESH_VALUES = ['X', 'Y', 'Z']
/** At most this many explored states are kept in memory at once (a few KB each). */
const STATE_CACHE_MAX = 20_000

/**
 * What one explored state costs besides its key's characters: the `seen` entry, the node with its
 * budgets object and move, and its frontier slots. Measured in Node 20 (V8) on `basic` with every
 * budget on: 663 bytes per state over 600,000 states (cache included), where this estimate gives
 * 858, so the budget errs on the safe side.
 */
export const STATE_OVERHEAD_BYTES = 400

/** The bytes a search accounts for a state with canonical key `key` (ASCII: V8 stores one byte a character). */
export const stateBytes = (key: string): number => STATE_OVERHEAD_BYTES + key.length

/** Create a search. Call `runFor(n)` repeatedly until `done`. */
export function createSimSearch(scenario: Scenario, options: SimSearchOptions) {
  const prefix = scenario.interventions.filter((iv) => iv.step <= options.fromStep)
  const sim = new Simulator({ seed: scenario.seed, config: scenario.config, interventions: prefix })
  sim.seek(options.fromStep)
  const root = cloneState(sim.state)
  const startStep = root.step
  const memory = memoryBudget(options.bounds.maxBytes ?? DEFAULT_MEMORY_BUDGET_BYTES)
  // A cached state is a whole kernel state (procs, messages, timers, ghost): estimated from the
  // root's JSON size, doubled for object headers, and counted while it is in the cache.
  const cachedBytes = JSON.stringify(root).length
  const nodes: Node[] = [{ parent: -1, move: null, used: zeroUsed() }]
  const rootKey = stateKey(root, usedKey(zeroUsed(), options))
  const seen = new Set<string>([rootKey])
  /** Bytes held by `seen`, `nodes` and the frontiers (the cache is added when checking). */
  let bytes = stateBytes(rootKey)
  const heldBytes = (): number => bytes + cache.size * cachedBytes
  let frontier: number[] = [0]
  let next: number[] = []
  let cursor = 0
  let depth = 0
  let transitions = 0
  let progress: SimProgress = {
    distinctStates: 1,
    transitions: 0,
    depth: 0,
    done: false,
    boundHit: null,
    found: null,
    foundText: null,
    foundChanges: null,
    memoryMessage: null,
    memoryBytes: 0,
  }

  function pathOf(index: number): Move[] {
    const path: Move[] = []
    for (let i = index; i > 0; i = nodes[i]?.parent ?? 0) path.push(nodes[i]?.move ?? null)
    return path.reverse()
  }

  // States of frontier nodes are kept while memory allows; beyond that they are rebuilt by
  // replaying the node's path from the root, trading time for a bounded memory footprint.
  const cache = new Map<number, SimState>()
  function stateOf(index: number): SimState {
    const cached = cache.get(index)
    if (cached) {
      cache.delete(index)
      return cached
    }
    const w = new QuietWorld(cloneState(root))
    for (const m of pathOf(index)) apply(w, m)
    return w.state
  }

  /** The path as a scenario: the prefix plus each intervention stamped with the step it followed. */
  function toScenario(index: number, last: Move): { scenario: Scenario; changes: ExplorerChange[] } {
    const w = new QuietWorld(cloneState(root))
    const stamped: ScheduledIntervention[] = []
    const changes: ExplorerChange[] = []
    for (const m of [...pathOf(index), last]) {
      if (m) {
        stamped.push({ step: w.state.step, action: m })
        changes.push(describeChange(w.state, m))
      }
      apply(w, m)
    }
    const { beats: _beats, ...rest } = scenario
    const found: Scenario = {
      ...rest,
      title: `Found by the explorer${scenario.title ? `: ${scenario.title}` : ''}`.slice(0, 120),
      description: `The shortest schedule the explorer found from step ${startStep} that reaches its goal.`,
      interventions: [...prefix, ...stamped],
      cursor: w.state.step,
    }
    return { scenario: found, changes }
  }

  function finish(update: Partial<SimProgress>): SimProgress {
    progress = {
      ...progress,
      ...update,
      distinctStates: seen.size,
      transitions,
      depth,
      done: true,
      memoryBytes: heldBytes(),
    }
    return progress
  }

  /** Expand up to `maxStates` more states. */
  function runFor(maxStates: number): SimProgress {
    if (progress.done) return progress
    let budget = maxStates
    while (budget-- > 0) {
      if (cursor >= frontier.length) {
        if (next.length === 0) return finish({ boundHit: null })
        if (depth + 1 >= options.bounds.maxDepth) return finish({ boundHit: 'depth' })
        frontier = next
        next = []
        cursor = 0
        depth++
      }
      const index = frontier[cursor++] ?? 0
      const state = stateOf(index)
      const node = nodes[index] ?? nodes[0]!
      for (const move of movesOf(state, node.used, options.budgets)) {
        const w = new QuietWorld(cloneState(state))
        apply(w, move)
        transitions++
        const used = charge(node.used, move, w.events)
        const hit = goalHit(options.goal, w.events, used, w.state)
        if (hit) {
          const { scenario: found, changes } = toScenario(index, move)
          return finish({ found, foundText: hit, foundChanges: changes })
        }
        const key = stateKey(w.state, usedKey(used, options))
        if (seen.has(key)) continue
        if (seen.size >= options.bounds.maxStates) return finish({ boundHit: 'states' })
        const held = heldBytes()
        const wanted = held + stateBytes(key) + (cache.size < STATE_CACHE_MAX ? cachedBytes : 0)
        if (!fits(memory, wanted))
          return finish({
            boundHit: 'memory',
            memoryMessage: memoryStopMessage(memory, seen.size, held, wanted),
          })
        bytes += stateBytes(key)
        seen.add(key)
        nodes.push({ parent: index, move, used })
        next.push(nodes.length - 1)
        if (cache.size < STATE_CACHE_MAX) cache.set(nodes.length - 1, w.state)
      }
    }
    progress = { ...progress, distinctStates: seen.size, transitions, depth, memoryBytes: heldBytes() }
    return progress
  }

  return { runFor, startStep }
}

/** Take one move: the scheduler's next step, or an intervention. */
function apply(w: QuietWorld, move: Move): void {
  if (move) return applyIntervention(w, move)
  const due = nextDue(w.state)
  if (due) performDue(w, due)
}

function zeroUsed(): Used {
  return { reorders: 0, drops: 0, duplicates: 0, crashes: 0, recoveries: 0, proposals: 0, ballots: 0 }
}

/**
 * Budgets spent matter to what is reachable next, so they are part of the state key. Each counter
 * is written out with a separator: run together, (reorders 10, drops 1) and (reorders 1,
 * duplicates 10) both read "1010000" and one state was wrongly taken for the other. Pure.
 */
export function usedKey(u: Used, o: Pick<SimSearchOptions, 'goal'>): string {
  const ballots = o.goal.kind === 'livelock' ? u.ballots : 0
  return `${u.reorders},${u.drops},${u.duplicates},${u.crashes},${u.recoveries},${u.proposals}:${ballots}`
}

function charge(u: Used, move: Move, events: readonly EventBody[]): Used {
  const started = events.filter((e) => paxos.explorer.isAttempt(e)).length
  const t = move?.type
  return {
    reorders: u.reorders + (t === 'deliver' || t === 'fire-timer' ? 1 : 0),
    drops: u.drops + (t === 'drop' ? 1 : 0),
    duplicates: u.duplicates + (t === 'duplicate' ? 1 : 0),
    crashes: u.crashes + (t === 'crash' ? 1 : 0),
    recoveries: u.recoveries + (t === 'recover' ? 1 : 0),
    proposals: u.proposals + (t === 'propose' ? 1 : 0),
    ballots: u.ballots + started,
  }
}

function goalHit(goal: SimGoal, events: readonly EventBody[], used: Used, s: SimState): string | null {
  for (const e of events) {
    if (goal.kind === 'violation' && e.kind === 'invariant.violated' && (!goal.rule || goal.rule === e.rule))
      return violationText(e.rule, e.detail)
    const chosen = goal.kind === 'chosen' ? CHOSEN.witness(e) : null
    if (chosen !== null) return chosen
    if (goal.kind === 'decided' && e.kind === 'learner.decide' && e.value === goal.value)
      return `P${e.pid} decides ${e.value}`
  }
  if (goal.kind === 'livelock' && used.ballots >= goal.ballots && !paxos.explorer.progressMade(s.ghost))
    return `${used.ballots} ballots started and no value chosen`
  return null
}

/**
 * The moves worth trying in a state: the scheduler's step first, then each budgeted intervention.
 * Identical in-flight messages (same sender, receiver and payload) lead to identical futures, so
 * only one of each is tried; the message the scheduler delivers next is not "reordered".
 */
function movesOf(s: SimState, used: Used, budgets: SimBudgets): Move[] {
  const due = nextDue(s)
  const out: Move[] = due ? [null] : []
  const distinct = new Map<string, number>()
  for (const m of s.inFlight) {
    const k = messageKey(m)
    if (!distinct.has(k)) distinct.set(k, m.id)
  }
  const ids = [...distinct.values()]
  // A self-message can be reordered but never dropped or duplicated (the kernel refuses it).
  const remote = ids.filter((id) => s.inFlight.some((m) => m.id === id && m.from !== m.to))
  if (used.reorders < budgets.reorders) {
    for (const msgId of ids) if (msgId !== due?.msg?.id) out.push({ type: 'deliver', msgId })
    for (const p of s.procs) {
      const timed = s.timers.some((t) => t.pid === p.pid && t !== due?.timer)
      if (p.up && timed) out.push({ type: 'fire-timer', pid: p.pid })
    }
  }
  if (used.drops < budgets.drops) for (const msgId of remote) out.push({ type: 'drop', msgId })
  if (used.duplicates < budgets.duplicates) for (const msgId of remote) out.push({ type: 'duplicate', msgId })
  for (const p of s.procs) {
    if (p.up && used.crashes < budgets.crashes) out.push({ type: 'crash', pid: p.pid })
    if (!p.up && used.recoveries < budgets.recoveries) out.push({ type: 'recover', pid: p.pid })
  }
  if (used.proposals < budgets.proposals) {
    const value = FRESH_VALUES[used.proposals % FRESH_VALUES.length] ?? 'X'
    for (const p of s.procs)
      if (p.up && paxos.explorer.wantsRequest(p.local)) out.push({ type: 'propose', pid: p.pid, value })
  }
  return out
}
