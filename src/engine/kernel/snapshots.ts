import { LIMITS } from './limits.ts'
import type { ProtocolTypes } from './module.ts'
import type { KernelState } from './state.ts'

/** A run's state at a step, to restore for time travel and forks (see `Simulator`). */
export interface Snapshot<T extends ProtocolTypes> {
  readonly step: number
  readonly state: KernelState<T>
  readonly logLength: number
  readonly nextIntervention: number
}

/**
 * The default spacing of snapshots, in steps. A simulator that runs forward and forks now and
 * then (the worker's run, the CLI, the bench) needs few: a fork replays at most this many steps,
 * about 1,500 events (about a millisecond). Every snapshot pins each process's state of its
 * moment (replica copies, `Slots` headers and chunk lists, the ghost's copy), objects that would
 * otherwise die young, so the collector copies them: on Multi-Paxos's 1,000-command run
 * (`--predictable`, 30 warm runs, twice) the scavenger copied 130–134 MB with a snapshot every 64
 * steps, 49–52 MB every 512, 42–48 MB with none. A simulator that seeks back often (the panels',
 * `worker/stateAt.ts`) asks for its own spacing.
 */
export const SNAPSHOT_EVERY_DEFAULT = 512

/** How a simulator keeps its snapshots. */
export interface SimulatorOptions {
  /**
   * Take a snapshot every this many steps (default `SNAPSHOT_EVERY_DEFAULT`; doubles whenever the
   * snapshot limit is reached).
   */
  readonly snapshotEvery?: number
  /**
   * Keep at most this many snapshots (default `LIMITS.snapshotsMax`): more keeps them closer
   * together on long runs, so a seek back replays fewer steps (the app's panels step back often).
   */
  readonly snapshotsMax?: number
}

/**
 * A run's snapshots, oldest first, one every `every` steps at most `max` of them: past the limit
 * every other one is dropped (never the first) and later ones are taken twice as far apart, so a
 * long run keeps snapshots over its whole length. Holds no reference to the run.
 */
export class Snapshots<T extends ProtocolTypes> {
  private list: Snapshot<T>[] = []
  private every: number
  private readonly max: number

  constructor(options: SimulatorOptions) {
    this.every = options.snapshotEvery ?? SNAPSHOT_EVERY_DEFAULT
    this.max = options.snapshotsMax ?? LIMITS.snapshotsMax
  }

  /** The latest snapshot at or before `step`, else the first (undefined only before the first). */
  atOrBefore(step: number): Snapshot<T> | undefined {
    let snap = this.list[0]
    for (const sn of this.list) if (sn.step <= step) snap = sn
    return snap
  }

  /** The step of the snapshot a seek back to `step` restores (0 when there is none). */
  stepAtOrBefore(step: number): number {
    let at = 0
    for (const sn of this.list) if (sn.step <= step) at = sn.step
    return at
  }

  /** The newest snapshot. */
  last(): Snapshot<T> | undefined {
    return this.list[this.list.length - 1]
  }

  /** Whether a run at `step` is due for its next snapshot. */
  due(step: number): boolean {
    const last = this.last()
    return !last || step - last.step >= this.every
  }

  add(snap: Snapshot<T>): void {
    this.list.push(snap)
    if (this.list.length <= this.max) return
    // Thin out: keep every other snapshot (always the first) and space future ones further apart.
    this.list = this.list.filter((_, i) => i % 2 === 0)
    this.every *= 2
  }

  /** Drop every snapshot `keep` refuses (a fork drops those of the old future). */
  retain(keep: (sn: Snapshot<T>) => boolean): void {
    this.list = this.list.filter(keep)
  }
}
