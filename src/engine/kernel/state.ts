import type { ProtocolModule, ProtocolTypes } from './module.ts'
import { streamSeed, type Rng } from './prng.ts'
import type { Message, ProcessId, Tick, Timer } from './types.ts'

/** One process as the kernel keeps it: whether it is up, and the protocol's state for it. */
export interface ProcRecord<T extends ProtocolTypes> {
  readonly pid: ProcessId
  up: boolean
  /** Replaced (never mutated) by handlers, so snapshots may share it. */
  local: T['Proc']
}

export type Halt = null | 'quiescent' | 'steps' | 'in-flight' | 'log'

/** The whole state of a run: plain data, copied for snapshots. */
export interface KernelState<T extends ProtocolTypes> {
  readonly config: T['Config']
  readonly seed: number
  step: number
  tick: Tick
  nextMsgId: number
  nextSeq: number
  nextTimerId: number
  procs: ProcRecord<T>[]
  inFlight: Message<T['Msg']>[]
  /** Pending timers, at most one per (process, key). */
  timers: Timer<T['TimerKey']>[]
  /** Partition group per process (index pid-1), or null when the network is whole. */
  groups: number[] | null
  /** The network's streams (latency, loss, duplicate) and the protocol's own. */
  rng: Record<string, Rng>
  /** The protocol observer's ghost state. */
  ghost: T['Ghost']
  /** `invariant.violated` events so far. */
  violations: number
  /** Why the run stopped, once it has. */
  halted: Halt
}

export const NETWORK_STREAMS = ['latency', 'loss', 'duplicate'] as const

/**
 * The state before anything happens, with every process's state from the protocol's `init`
 * (given its context, so that it may draw from its streams). Pure apart from `init`.
 */
export function initialKernelState<T extends ProtocolTypes>(
  module: ProtocolModule<T>,
  config: T['Config'],
  seed: number,
  init: (s: KernelState<T>, self: ProcessId) => T['Proc'],
): KernelState<T> {
  const count = module.lanes(config).length
  const rng: Record<string, Rng> = {}
  for (const name of [...NETWORK_STREAMS, ...module.randomStreams])
    rng[name] = { state: streamSeed(seed, name) }
  const s: KernelState<T> = {
    config,
    seed,
    step: 0,
    tick: 0 as Tick,
    nextMsgId: 1,
    nextSeq: 1,
    nextTimerId: 1,
    procs: [],
    inFlight: [],
    timers: [],
    groups: null,
    rng,
    ghost: module.observer.init(config, count),
    violations: 0,
    halted: null,
  }
  for (let i = 1; i <= count; i++)
    s.procs.push({ pid: i as ProcessId, up: true, local: init(s, i as ProcessId) })
  return s
}

/**
 * A copy of a state. Messages, timers and process-local states are immutable (replaced, never
 * mutated), so they are shared. `ghost: 'snapshot'` asks the observer for its smaller snapshot
 * copy (see `forSnapshot`), for a caller that restores it from the log. Pure.
 */
export function cloneKernelState<T extends ProtocolTypes>(
  module: ProtocolModule<T>,
  s: KernelState<T>,
  ghost: 'full' | 'snapshot' = 'full',
): KernelState<T> {
  const rng: Record<string, Rng> = {}
  for (const name in s.rng) rng[name] = { state: (s.rng[name] as Rng).state }
  const o = module.observer
  return {
    ...s,
    procs: s.procs.map((p) => ({ ...p })),
    inFlight: [...s.inFlight],
    timers: [...s.timers],
    groups: s.groups ? [...s.groups] : null,
    rng,
    ghost: ghost === 'snapshot' && o.forSnapshot ? o.forSnapshot(s.ghost) : o.clone(s.ghost),
  }
}
