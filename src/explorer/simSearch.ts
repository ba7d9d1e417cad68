import type { ScheduledIntervention } from '../engine/index.ts'
import type { AnyProtocol, ProtocolModule, ProtocolTypes } from '../engine/kernel/module.ts'
import { Simulator } from '../engine/kernel/simulator.ts'
import { cloneKernelState, type KernelState } from '../engine/kernel/state.ts'
import { stateKey } from '../engine/kernel/stateKey.ts'
import { protocolById } from '../engine/protocols/registry.ts'
import type { Scenario } from '../scenarios/scenario.ts'
import { describeChange, type ExplorerChange } from './changes.ts'
import { goalMonitor, type SimGoal } from './goals.ts'
import { DEFAULT_MEMORY_BUDGET_BYTES, fits, memoryBudget, memoryStopMessage } from './memoryBudget.ts'
import {
  apply,
  charge,
  movesOf,
  QuietWorld,
  zeroUsed,
  type Move,
  type SimBudgets,
  type Used,
} from './simMoves.ts'

export type { SimGoal } from './goals.ts'
export type { SimBudgets } from './simMoves.ts'
export { NO_BUDGETS } from './simMoves.ts'

/**
 * Breadth-first search over the ways a run of any protocol can deviate from its default schedule,
 * from one point of a scenario. At every state the search either lets the scheduler take its next
 * step or, within budgets, intervenes: delivers another in-flight message first (reordering),
 * fires a timer early, drops or duplicates a message, crashes or recovers a process, or sends one
 * more request. States are deduplicated by a canonical key, so the first path that reaches the
 * goal is a shortest one (fewest steps plus interventions). The goals are the protocol module's
 * (`goals.ts`). Pure and deterministic; it works in bounded chunks so a worker can report progress
 * and cancel.
 */

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

interface Node {
  readonly parent: number
  readonly move: Move
  readonly used: Used
  /** The goal's count along the path (see `SearchGoal`). */
  readonly memory: number
}

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

/** Create a search over the scenario's protocol. Call `runFor(n)` repeatedly until `done`. */
export function createSimSearch(scenario: Scenario, options: SimSearchOptions) {
  const module: AnyProtocol | null = protocolById(scenario.protocol ?? 'paxos')
  if (!module) throw new Error(`unknown protocol "${scenario.protocol}"`)
  return searchOf(module as ProtocolModule<ProtocolTypes>, scenario, options)
}

/**
 * `module` with its process and message keys remembered per object: process states and payloads
 * are never mutated (a handler returns a new state when anything changed), and one move changes
 * one or two processes, so most keys of a successor are those of its parent. Pure.
 */
function withKeyCache<T extends ProtocolTypes>(module: ProtocolModule<T>): ProtocolModule<T> {
  const x = module.explorer
  const procKeys = new WeakMap<object, string>()
  const msgKeys = new WeakMap<object, string>()
  const remember =
    <V>(cache: WeakMap<object, string>, key: (v: V) => string) =>
    (v: V): string => {
      if (typeof v !== 'object' || v === null) return key(v)
      let k = cache.get(v)
      if (k === undefined) cache.set(v, (k = key(v)))
      return k
    }
  const explorer = { ...x, procKey: remember(procKeys, x.procKey), msgKey: remember(msgKeys, x.msgKey) }
  return { ...module, explorer }
}

function searchOf<T extends ProtocolTypes>(
  given: ProtocolModule<T>,
  scenario: Scenario,
  options: SimSearchOptions,
) {
  const module = withKeyCache(given)
  const goal = goalMonitor(module, options.goal)
  const prefix = scenario.interventions.filter((iv) => iv.step <= options.fromStep)
  const config = scenario.config as unknown as T['Config']
  const sim = new Simulator(module, { seed: scenario.seed, config, interventions: prefix })
  sim.seek(options.fromStep)
  const cloneState = (s: KernelState<T>): KernelState<T> => cloneKernelState(module, s)
  const root = cloneState(sim.state)
  const startStep = root.step
  const memory = memoryBudget(options.bounds.maxBytes ?? DEFAULT_MEMORY_BUDGET_BYTES)
  // A cached state is a whole kernel state (procs, messages, timers, ghost): estimated from the
  // root's JSON size, doubled for object headers, and counted while it is in the cache.
  const cachedBytes = JSON.stringify(root).length
  const nodes: Node[] = [{ parent: -1, move: null, used: zeroUsed(), memory: 0 }]
  const rootKey = stateKey(module, root, usedKey(zeroUsed(), 0))
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
  const cache = new Map<number, KernelState<T>>()
  function stateOf(index: number): KernelState<T> {
    const cached = cache.get(index)
    if (cached) {
      cache.delete(index)
      return cached
    }
    const w = new QuietWorld(module, cloneState(root))
    for (const m of pathOf(index)) apply(w, m)
    return w.state
  }

  /** The path as a scenario: the prefix plus each intervention stamped with the step it followed. */
  function toScenario(index: number, last: Move): { scenario: Scenario; changes: ExplorerChange[] } {
    const w = new QuietWorld(module, cloneState(root))
    const stamped: ScheduledIntervention[] = []
    const changes: ExplorerChange[] = []
    for (const m of [...pathOf(index), last]) {
      if (m) {
        stamped.push({ step: w.state.step, action: m })
        changes.push(describeChange(module, w.state, m))
      }
      apply(w, m)
    }
    const { beats: _beats, ...rest } = scenario
    const found: Scenario = {
      ...rest,
      title: `Found by the explorer${scenario.title ? `: ${scenario.title}` : ''}`.slice(0, 120),
      description: `The explorer's breadth-first search found no schedule from step ${startStep} that reaches its goal in fewer moves (steps plus changes) within its budgets.`,
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
      for (const move of movesOf(module, state, node.used, options.budgets)) {
        const w = new QuietWorld(module, cloneState(state))
        apply(w, move)
        transitions++
        const used = charge(node.used, move)
        const s = w.state
        const steps = s.step - state.step
        const move1 = { events: w.events, steps, config: s.config, ghost: s.ghost, procs: s.procs }
        const watched = goal.watch(node.memory, move1)
        if (watched.reached !== null) {
          const { scenario: found, changes } = toScenario(index, move)
          return finish({ found, foundText: watched.reached, foundChanges: changes })
        }
        const key = stateKey(module, s, usedKey(used, watched.memory))
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
        nodes.push({ parent: index, move, used, memory: watched.memory })
        next.push(nodes.length - 1)
        if (cache.size < STATE_CACHE_MAX) cache.set(nodes.length - 1, s)
      }
    }
    progress = { ...progress, distinctStates: seen.size, transitions, depth, memoryBytes: heldBytes() }
    return progress
  }

  return { runFor, startStep, protocol: module.id }
}

/**
 * Budgets spent and the goal's count matter to what is reachable next, so they are part of the
 * state key. Each counter is written out with a separator: run together, (reorders 10, drops 1)
 * and (reorders 1, duplicates 10) both read "1010000" and one state was wrongly taken for the
 * other. Pure.
 */
export function usedKey(u: Used, memory: number): string {
  return `${u.reorders},${u.drops},${u.duplicates},${u.crashes},${u.recoveries},${u.proposals}:${memory}`
}
