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

/** How a simulator keeps its snapshots. */
export interface SimulatorOptions {
  /** Take a snapshot every this many steps (doubles whenever the snapshot limit is reached). */
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
    this.every = options.snapshotEvery ?? 64
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
