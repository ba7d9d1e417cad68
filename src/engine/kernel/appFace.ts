/**
 * The protocol module's optional app face: what the diagram, stepping and panels need from a
 * protocol beyond its words and process view (marks, phase and round boundaries, process names, the
 * replicated log grid, how a timer counts down). Types only; see module.ts.
 */
import type { ProcSlot, ProtocolTypes, RunEvent } from './module.ts'
import type { LogEvent, ProcessId } from './types.ts'

/** One cell of a replicated log as a log grid shows it (replicas × slots). */
export interface LogGridCell {
  readonly slot: number
  readonly status: 'empty' | 'accepted' | 'chosen' | 'executed'
  /** The command held (accepted, or known chosen), or null for an empty slot. */
  readonly cmd: string | null
  /** The ballot of the vote held there, or null. */
  readonly ballot: string | null
  readonly noop: boolean
}

/** One replica's row of the log grid. */
export interface LogGridRow {
  readonly pid: number
  readonly name: string
  readonly up: boolean
  /** `leader 2.1` / `candidate 3.2` / null for a follower. */
  readonly role: string | null
  /** The commit point: every slot up to it is known chosen. */
  readonly commit: number
  readonly executed: number
  readonly cells: readonly LogGridCell[]
}

/** The replicated log of a run at one moment, for a protocol that keeps one. */
export interface LogGridModel {
  readonly slots: number
  readonly rows: readonly LogGridRow[]
  /**
   * One sentence: where the command in `pid`'s slot `slot` came from, or why the slot is empty.
   * Asked for one cell at a time (the one pointed at or focused): it reads the log up to the moment,
   * so a long run's grid costs nothing until a cell is explained.
   */
  why(pid: number, slot: number): string
}

/** How a pending timer is shown while it counts down (see `narration.timerCountdown`). */
export interface TimerCountdown {
  /** A few words drawn beside the countdown (`backoff`). */
  readonly label: string
  /** The sentence for its tooltip and screen readers (`P3 backs off until t=57`), no final period. */
  readonly text: string
  /** Routine (a leader's heartbeat tick): drawn faintly and without a label. */
  readonly quiet: boolean
}

/** A moment the app marks on the diagram and the scrubber (a module's own kind of moment). */
export interface MomentMark {
  /**
   * `attempt`: an attempt starts (a ballot, a campaign); `leader`: it succeeded (a new leader);
   * `failed`: it was preempted or timed out; `progress`: something is decided (a chosen slot).
   */
  readonly kind: 'attempt' | 'leader' | 'failed' | 'progress'
  /** The lane it sits on, or null for a mark across the run (a chosen slot). */
  readonly pid: number | null
  /** Lanes it concerns (a quorum), for highlighting. */
  readonly pids: readonly number[]
  /** A short label (a few words) drawn beside the mark. */
  readonly label: string
  /** Marks with the same colour key as messages share their colour, or null. */
  readonly colourKey: string | null
}

/**
 * Optional: what the app's diagram, stepping and panels need from a protocol beyond its words and
 * its process view. A module without it is shown with the kernel's facts only (Single-decree
 * Paxos predates this and is still read through its own events by the app).
 */
export interface AppFace<T extends ProtocolTypes> {
  /** A moment to mark (a campaign, a chosen slot), or null. */
  mark(e: RunEvent<T>): MomentMark | null
  /** True when `e` begins a phase: stepping by phase stops at its step. */
  phaseStart(e: RunEvent<T>): boolean
  /** True when `e` starts a round (Multi-Paxos: a slot is proposed): "round back" stops there. */
  roundStart(e: RunEvent<T>): boolean
  /** True when `e` completes a round (Multi-Paxos: a slot is chosen): "round forward" stops there. */
  roundEnd(e: RunEvent<T>): boolean
  /** The legend's words for each kind of mark (`attempt`: `starts phase 1 (campaign)`). */
  readonly markWords: Readonly<Record<MomentMark['kind'], string>>
  /** Message types drawn quietly (thin, no label unless focused): background chatter such as heartbeats. */
  readonly quiet: readonly T['Msg']['type'][]
  /** The process name on its lane and in the panels (`P1`, `C2`). */
  processName(config: T['Config'], pid: ProcessId): string
  /**
   * Optional: a run stopped at Max steps may still have told its whole story (Multi-Paxos's
   * heartbeats never let a run go quiet). A sentence saying so, from the final states, or null
   * while work is still pending (then the app says to raise Max steps).
   */
  limitNote?(config: T['Config'], procs: readonly ProcSlot<T>[]): string | null
  /** Optional: the replicated log at the cursor, from the real states and the log up to the cursor. */
  logGrid?(
    config: T['Config'],
    procs: readonly ProcSlot<T>[],
    events: readonly LogEvent<RunEvent<T>>[],
  ): LogGridModel
}
