import { LIMITS, networkProblems } from './limits.ts'
import type { ProtocolModule, ProtocolTypes, RunEvent } from './module.ts'
import { narrateEvent } from './narration.ts'
import { narrateTimerCancel } from './timerNarration.ts'
import { applyIntervention } from './interventions.ts'
import { cloneKernelState, type KernelState } from './state.ts'
import type { Intervention, KernelEvent, LogEvent, ScheduledIntervention, Stamp } from './types.ts'
import { nextDue, performDue } from './scheduler.ts'
import { startProcesses, startState, World } from './world.ts'

/** The inputs that fully determine a run. */
export interface RunInput<Config = unknown> {
  readonly seed: number
  readonly config: Config
  readonly interventions: readonly ScheduledIntervention[]
}

interface Snapshot<T extends ProtocolTypes> {
  readonly step: number
  readonly state: KernelState<T>
  readonly logLength: number
  readonly nextIntervention: number
}

export interface SimulatorOptions {
  /** Take a snapshot every this many steps (doubles whenever the snapshot limit is reached). */
  readonly snapshotEvery?: number
}

/**
 * A deterministic run of one protocol: the inputs (seed, config, interventions) fully determine
 * the event log. The simulator alone decides what is delivered when. Time travel is `seek`
 * (restore the nearest snapshot, then replay); acting in the past is `fork` (the old future is
 * dropped).
 */
export class Simulator<T extends ProtocolTypes> extends World<T> {
  readonly log: LogEvent<RunEvent<T>>[] = []
  private interventions: ScheduledIntervention[]
  private nextIntervention = 0
  private snapshots: Snapshot<T>[] = []
  private snapshotEvery: number
  private byUser = false
  private readonly processCount: number

  constructor(module: ProtocolModule<T>, input: RunInput<T['Config']>, options: SimulatorOptions = {}) {
    // Configs reach the engine through the scenario codec or the config dialog, both of which
    // validate; this assertion keeps a programming error from becoming a silently wrong run
    // (e.g. quorum bitmasks only hold 30 processes).
    const problems = [...module.config.problems(input.config), ...networkProblems(input.config)]
    if (problems.length > 0) throw new Error(`invalid simulator config: ${problems.join('; ')}`)
    super(module, startState(module, input.config, input.seed >>> 0))
    this.snapshotEvery = options.snapshotEvery ?? 64
    this.processCount = this.state.procs.length
    // A stable sort keeps interventions recorded at the same step in the order they were made.
    this.interventions = input.interventions
      .map((iv, i) => ({ iv, i }))
      .sort((a, b) => a.iv.step - b.iv.step || a.i - b.i)
      .map((x) => x.iv)
    this.emit({ kind: 'run.start', config: input.config, seed: this.state.seed })
    startProcesses(this)
    this.applyInterventionsThrough(0)
    this.takeSnapshot()
  }

  /** Append one event to the log, stamped and narrated. */
  protected record(body: RunEvent<T>): void {
    const s = this.state
    const text =
      body.kind === 'timer.cancel'
        ? narrateTimerCancel(this.module, s.config, body as Extract<KernelEvent, { kind: 'timer.cancel' }>)
        : narrateEvent(this.module, s.config, this.processCount, body)
    // Every body is a fresh object made for this one call, so it is stamped in place rather than
    // copied: a spread over two dozen event shapes was one of the engine's hottest spots. The
    // stamps are added in the same order a spread would give, so the log's JSON is unchanged.
    const e = body as RunEvent<T> & { -readonly [K in keyof Stamp]: Stamp[K] }
    e.seq = this.log.length
    e.step = s.step
    e.tick = s.tick
    e.byUser = this.byUser
    e.text = text
    this.log.push(e as LogEvent<RunEvent<T>>)
  }

  /** The interventions in effect (the recorded inputs of this run). */
  get recorded(): readonly ScheduledIntervention[] {
    return this.interventions
  }

  get halted(): boolean {
    return this.state.halted !== null
  }

  /**
   * Run one scheduler step and the interventions recorded after it. An idle run never moves past
   * `maxStep`. False once the run has stopped.
   */
  step(maxStep = Infinity): boolean {
    const s = this.state
    if (s.halted) return false
    if (this.log.length >= LIMITS.logEventsMax) return this.halt('log', LIMITS.logEventsMax)
    const pending = this.interventions[this.nextIntervention]
    const due = nextDue(s)
    if (!due) {
      if (!pending) {
        this.emit({ kind: 'run.quiescent' })
        s.halted = 'quiescent'
        return false
      }
      // Nothing to do until the next recorded intervention: idle forward to its step, unless
      // that lies beyond the step limit (the log would show a step the run never reached).
      if (pending.step > s.config.maxSteps) return this.halt('steps', s.config.maxSteps)
      if (pending.step > maxStep) {
        // A seek into the idle gap stops there, before the later intervention.
        s.step = Math.max(s.step, maxStep)
        return true
      }
      s.step = Math.max(s.step, pending.step)
      this.applyInterventionsThrough(s.step)
      this.maybeSnapshot()
      return true
    }
    if (s.step >= s.config.maxSteps) return this.halt('steps', s.config.maxSteps)
    performDue(this, due)
    this.applyInterventionsThrough(s.step)
    this.maybeSnapshot()
    return true
  }

  /** Step until the run stops or `maxEvents` more events were logged (a bounded batch). */
  run(maxEvents = Infinity): boolean {
    const stopAt = this.log.length + maxEvents
    while (this.log.length < stopAt) if (!this.step()) return false
    return !this.halted
  }

  /**
   * Move to the end of step `target` (clamped to the run). Going back (or leaving a stopped run)
   * restores the latest snapshot at or before `target` and replays; going forward replays from
   * here. A later snapshot is never jumped to: after a seek back the log has been cut, so the
   * events between here and that snapshot would be missing.
   */
  seek(target: number): void {
    if (target === this.state.step && !this.halted) return
    let snap = this.snapshots[0]
    for (const sn of this.snapshots) if (sn.step <= target) snap = sn
    if (!snap) throw new Error('simulator has no snapshot')
    if (target < this.state.step || this.halted) {
      this.state = cloneKernelState(this.module, snap.state)
      this.log.length = snap.logLength
      const restore = this.module.observer.restore
      if (restore) this.state.ghost = restore(this.state.ghost, this.log, snap.logLength)
      this.nextIntervention = snap.nextIntervention
    }
    while (this.state.step < target && this.step(target)) {
      // replaying
    }
  }

  /** Act at step `at`: drop the recorded future after it, apply `action`, and keep it as input. */
  fork(at: number, action: Intervention): void {
    this.seek(at)
    // A run that stopped before `at` is acted on at its last step, and without its closing event
    // (quiet, or a limit): the action makes that event untrue, and a replay would not have it.
    if (this.halted) this.seek(this.state.step)
    this.interventions = this.interventions.slice(0, this.nextIntervention)
    this.snapshots = this.snapshots.filter((sn) => sn.step < this.state.step)
    this.interventions.push({ step: this.state.step, action })
    this.nextIntervention = this.interventions.length
    this.state.halted = null
    this.byUser = true
    applyIntervention(this, action)
    this.byUser = false
    this.takeSnapshot()
  }

  /**
   * Apply the recorded interventions stamped at or before `step`. A user delivery or timer firing
   * is itself a step (it advances `state.step`), so a chain of them recorded at consecutive steps
   * replays in one go, exactly as it was made.
   */
  private applyInterventionsThrough(step: number): void {
    this.byUser = true
    for (
      let iv = this.interventions[this.nextIntervention];
      iv && iv.step <= Math.max(step, this.state.step);
    ) {
      applyIntervention(this, iv.action)
      iv = this.interventions[++this.nextIntervention]
    }
    this.byUser = false
  }

  private halt(limit: 'steps' | 'log', value: number): false {
    this.emit({ kind: 'limit.reached', limit, value })
    this.state.halted = limit
    return false
  }

  private maybeSnapshot(): void {
    const last = this.snapshots[this.snapshots.length - 1]
    if (!last || this.state.step - last.step >= this.snapshotEvery) this.takeSnapshot()
  }

  private takeSnapshot(): void {
    this.snapshots.push({
      step: this.state.step,
      // The observer may leave out what the log determines; it is rebuilt on restore.
      state: cloneKernelState(this.module, this.state, 'snapshot'),
      logLength: this.log.length,
      nextIntervention: this.nextIntervention,
    })
    if (this.snapshots.length <= LIMITS.snapshotsMax) return
    // Thin out: keep every other snapshot (always the first) and space future ones further apart.
    this.snapshots = this.snapshots.filter((_, i) => i % 2 === 0)
    this.snapshotEvery *= 2
  }
}

/** Run a whole scenario to its end (quiet, or a limit). Pure: same input, same log. */
export function runToEnd<T extends ProtocolTypes>(
  module: ProtocolModule<T>,
  input: RunInput<T['Config']>,
): Simulator<T> {
  const sim = new Simulator(module, input)
  sim.run()
  return sim
}
