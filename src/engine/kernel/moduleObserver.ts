/**
 * The protocol module's safety observer and named properties: what the observer sees of the world
 * after each event, and the invariants and goals it checks. Types only; see module.ts.
 */
import type { LogEvent, ProcessId, Tick } from './types.ts'
import type { ProtocolTypes, RunEvent } from './module.ts'

/**
 * A named property, in the lecture's words. `always`: an invariant, broken by an
 * `invariant.violated` event whose `rule` is this id. `sometimes`: a goal the explorer can look
 * for, reached by the event `witness` recognises.
 */
export type Property<T extends ProtocolTypes> =
  | { readonly kind: 'always'; readonly id: string; readonly title: string }
  | {
      readonly kind: 'sometimes'
      readonly id: string
      readonly title: string
      /** A sentence saying how `e` reaches the goal, or null if it does not. */
      witness(e: RunEvent<T>): string | null
    }

/** A process as the observer sees it: everything, including whether it is up. */
export interface ProcSlot<T extends ProtocolTypes> {
  readonly pid: ProcessId
  readonly up: boolean
  readonly local: T['Proc']
}

/** The world as the observer sees it, right after an event (read-only). */
export interface ObservedWorld<T extends ProtocolTypes> {
  readonly config: T['Config']
  /** The time and step of the event observed (real time, for properties such as linearizability). */
  readonly tick: Tick
  readonly step: number
  readonly procs: readonly ProcSlot<T>[]
}

/**
 * The safety observer (a module's `observer`): sees every event right after it is logged, with the
 * whole world, and returns the events it concludes. It may update `ghost` in place.
 */
export interface ModuleObserver<T extends ProtocolTypes> {
  init(config: T['Config'], processCount: number): T['Ghost']
  observe(ghost: T['Ghost'], e: RunEvent<T>, world: ObservedWorld<T>): readonly RunEvent<T>[]
  /** A full, independent copy (the explorer branches with these). */
  clone(ghost: T['Ghost']): T['Ghost']
  /**
   * Optional: a smaller copy for a time-travel snapshot, leaving out what `restore` rebuilds from
   * the log prefix (Paxos leaves out its ghost votes, which grow with every ballot).
   */
  forSnapshot?(ghost: T['Ghost']): T['Ghost']
  restore?(ghost: T['Ghost'], log: readonly LogEvent<RunEvent<T>>[], length: number): T['Ghost']
}
