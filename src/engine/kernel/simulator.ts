import { LIMITS, networkProblems } from './limits.ts'
import { KnownFuture } from './knownFuture.ts'
import { narrateEvents } from './logNarration.ts'
import type { ProtocolModule, ProtocolTypes, RunEvent } from './module.ts'
import { applyIntervention, interventionProblem } from './interventions.ts'
import { forkInterventions, inRecordedOrder, type RunInput } from './runInput.ts'
import { Snapshots, type Snapshot, type SimulatorOptions } from './snapshots.ts'
import { cloneKernelState } from './state.ts'
import type { Intervention, LogEvent, ProcessId, ScheduledIntervention, Stamp, Unnarrated } from './types.ts'
import { nextItem, performItem } from './scheduler.ts'
import { startProcesses, startState } from './start.ts'
import { World } from './world.ts'

/** A seek forward restores a later snapshot only when it skips at least this many steps. */
const JUMP_STEPS_MIN = 64

/** A user delivery or timer firing is itself a step: applying it moves the run to the next step. */
const isUserStep = (a: Intervention): boolean => a.type === 'deliver' || a.type === 'fire-timer'

/**
 * A deterministic run of one protocol: the inputs (seed, config, interventions) fully determine
 * the event log. The simulator alone decides what is delivered when. Time travel is `seek`
 * (restore the nearest snapshot, then replay); acting in the past is `fork` (the old future is
 * dropped).
 */
export class Simulator<T extends ProtocolTypes> extends World<T> {
  /** The log itself; `log` hands it out narrated. */
  private readonly events: LogEvent<RunEvent<T>>[] = []
  /** Events before this index have their `text`; the rest are narrated when the log is read. */
  private narrated = 0
  private interventions: ScheduledIntervention[]
  private nextIntervention = 0
  private readonly snapshots: Snapshots<T>
  /** The events after the current point known from before a seek back. */
  private readonly future = new KnownFuture<LogEvent<RunEvent<T>>>()
  /** During an `asShown` seek, its target: a user step past it waits (see `seek`). */
  private userStepBound = Infinity
  private byUser = false
  private readonly processCount: number

  constructor(module: ProtocolModule<T>, input: RunInput<T['Config']>, options: SimulatorOptions = {}) {
    // Configs reach the engine through the scenario codec or the config dialog, both of which
    // validate; this assertion keeps a programming error from becoming a silently wrong run
    // (e.g. quorum bitmasks only hold 30 processes).
    const problems = [...module.config.problems(input.config), ...networkProblems(input.config)]
    if (problems.length > 0) throw new Error(`invalid simulator config: ${problems.join('; ')}`)
    super(module, startState(module, input.config, input.seed >>> 0))
    this.snapshots = new Snapshots(options)
    this.processCount = this.state.procs.length
    this.interventions = inRecordedOrder(input.interventions)
    this.emit({ kind: 'run.start', config: input.config, seed: this.state.seed })
    startProcesses(this)
    // A snapshot before any intervention, so a fork at step 0 (or one that drops an intervention
    // of step 0) restores a state its new inputs have not touched yet.
    this.takeSnapshot()
    this.applyInterventionsThrough(0)
    this.takeSnapshot()
  }

  /**
   * The run's events so far, each stamped and narrated. The sentences are made here, when the
   * log is read, not as the events happen: a sentence depends only on its event and the run's
   * config (never on the state after it), so it is the same whenever it is made, and a replay
   * (every seek back, every fork, the panels' own simulator) or a run nobody reads does not pay
   * for words nobody reads. Every reader goes through this getter, so every event it hands out
   * has its `text`; the array is the simulator's own (hold it, and it grows, un-narrated, with
   * the run: read `log` again).
   */
  get log(): LogEvent<RunEvent<T>>[] {
    if (this.narrated < this.events.length) {
      narrateEvents(this.module, this.state.config, this.processCount, this.events, this.narrated)
      this.narrated = this.events.length
    }
    return this.events
  }

  /**
   * The run's events so far without their sentences (`text` is not made here): for readers that
   * need no words, such as a check over a long run, which would otherwise pay for narrating
   * every event. The array is the simulator's own.
   */
  get eventsWithoutWords(): readonly Unnarrated<LogEvent<RunEvent<T>>>[] {
    // Each is a logged event whose text may not be made yet (TypeScript cannot see through the
    // distributive Omit of a generic event type).
    return this.events as never
  }

  /** How many events the run has logged (without narrating them). */
  get logLength(): number {
    return this.events.length
  }

  /** Append one event to the log, stamped (its sentence comes when the log is read: see `log`). */
  protected record(body: RunEvent<T>): void {
    const s = this.state
    // Every body is a fresh object made for this one call, so it is stamped in place rather than
    // copied: a spread over two dozen event shapes was one of the engine's hottest spots. The
    // stamps are added in the same order a spread would give (`text` last, when narrated), so
    // the log's JSON is unchanged.
    const e = body as RunEvent<T> & { -readonly [K in keyof Stamp]: Stamp[K] }
    e.seq = this.events.length
    e.step = s.step
    e.tick = s.tick
    e.byUser = this.byUser
    this.events.push(e as LogEvent<RunEvent<T>>)
    this.future.logged()
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
    if (this.events.length >= LIMITS.logEventsMax) return this.halt('log', LIMITS.logEventsMax)
    const pending = this.interventions[this.nextIntervention]
    if (pending && pending.step <= s.step) {
      // Left pending by a seek that stopped at the end of its step, before a user delivery that
      // is the next step (or by a restored snapshot): apply them now, as a straight run would have.
      this.applyInterventionsThrough(s.step)
      this.maybeSnapshot()
      return true
    }
    const due = nextItem(s)
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
    if (!pending && s.inFlight.length === 0 && this.restsNow()) return false
    performItem(this, due)
    this.applyInterventionsThrough(s.step)
    this.maybeSnapshot()
    return true
  }

  /**
   * End the run here if all that is left is the protocol retrying toward processes it cannot
   * reach (the module's `restsOn`; asked only when nothing is in flight and no intervention is
   * pending).
   */
  private restsNow(): boolean {
    const s = this.state
    if (!this.module.restsOn) return false
    const groups = s.groups
    const canReach = (from: ProcessId, to: ProcessId): boolean =>
      groups === null || groups[from - 1] === groups[to - 1]
    const waiting = this.module.restsOn(s.procs, s.timers, canReach)
    if (!waiting || waiting.length === 0) return false
    const sorted = [...waiting].sort((a, b) => a - b)
    const down = sorted.filter((p) => s.procs[p - 1]?.up === false)
    const cutOff = sorted.filter((p) => s.procs[p - 1]?.up !== false)
    this.emit({ kind: 'run.quiescent', waitingOn: { down, cutOff } })
    s.halted = 'quiescent'
    return true
  }

  /** Step until the run stops or `maxEvents` more events were logged (a bounded batch). */
  run(maxEvents = Infinity): boolean {
    const stopAt = this.events.length + maxEvents
    while (this.events.length < stopAt) if (!this.step()) return false
    return !this.halted
  }

  /**
   * Move to step `target` (clamped to the run): after its events and the interventions recorded at
   * it. A user delivery or timer firing recorded there is itself the next step, and a chain of them
   * is applied as it was made; with `asShown`, the seek stops at the end of step `target` instead
   * (the state after exactly the events of steps ≤ `target`, as the app's cursor shows it), and
   * those wait for the next `step()`. Going back (or leaving a stopped run) restores the latest
   * snapshot at or before `target` and replays; going forward replays from here, or restores a
   * later snapshot among the steps already computed before a seek back (their events are kept).
   */
  seek(target: number, asShown = false): void {
    this.userStepBound = asShown ? target : Infinity
    try {
      this.seekTo(target)
    } finally {
      this.userStepBound = Infinity
    }
  }

  private seekTo(target: number): void {
    if (target === this.state.step && !this.halted) return
    const snap = this.snapshots.atOrBefore(target)
    if (!snap) throw new Error('simulator has no snapshot')
    const known = this.future.knownLength(this.events.length)
    if (target < this.state.step || this.halted) this.restore(snap)
    // Forward, far past a snapshot whose events are known (logged before a seek back): jump to
    // it, when that saves more replaying than a restore costs.
    else if (snap.step - this.state.step >= JUMP_STEPS_MIN && snap.logLength <= known) this.restore(snap)
    while (this.state.step < target && this.step(target)) {
      // replaying
    }
    // A snapshot from before the inputs of its step (the first one) leaves them pending.
    if (this.state.step === target) this.applyInterventionsThrough(target)
  }

  /** The step of the snapshot a seek back to `target` restores (a seek there replays nothing). */
  snapshotStepAtOrBefore(target: number): number {
    return this.snapshots.stepAtOrBefore(target)
  }

  /**
   * Act at step `at` (`forkInterventions`: the recorded future after it is dropped, `action` is
   * recorded at it), leaving the run just after the action, exactly where a fresh run of the new
   * inputs (`recorded`) would be. A run that stopped before `at` is acted on at its last step,
   * without its closing event (quiet, or a limit): the action makes that event untrue.
   */
  fork(at: number, action: Intervention): void {
    if (at > this.state.step && !this.halted) this.seek(at)
    const step = Math.min(at, this.state.step)
    const kept = this.interventions.filter((iv) => iv.step <= step).length
    this.interventions = forkInterventions(this.interventions, step, action)
    // Snapshots of the old future are no use; one is reused only if it applied kept inputs alone.
    this.snapshots.retain((sn) => sn.step <= step && sn.nextIntervention <= kept)
    const here = !this.halted && this.state.step === step && this.nextIntervention === kept
    if (!here) {
      // Restore the latest snapshot that precedes the action, and replay up to it.
      this.restore(this.snapshots.last() as Snapshot<T>)
      while (this.state.step < step && this.step(step)) {
        // replaying
      }
    }
    // The kept inputs still pending at this step, then the action, as a straight run applies them.
    this.applyInterventionsThrough(this.state.step)
    this.future.forget()
    // The next fork nearby (a user acting again, the property tests' adversary) restores this one.
    this.takeSnapshot()
  }

  /**
   * Put the run back (or forward, within the known events) to a snapshot: its state, the log up
   * to it, the inputs it had applied.
   */
  private restore(snap: Snapshot<T>): void {
    this.state = cloneKernelState(this.module, snap.state)
    const log = this.events
    if (snap.logLength < log.length) {
      // Keep the events cut off: a later seek forward may jump back over them.
      this.future.cut(log, snap.logLength)
      this.narrated = Math.min(this.narrated, snap.logLength)
    }
    this.future.refill(log, snap.logLength)
    const restore = this.module.observer.restore
    if (restore) this.state.ghost = restore(this.state.ghost, log, snap.logLength)
    this.nextIntervention = snap.nextIntervention
  }

  /**
   * Apply the recorded interventions stamped at or before `step`. A user delivery or timer firing
   * is itself a step (it advances `state.step`), so a chain of them recorded at consecutive steps
   * replays in one go, exactly as it was made, except past an `asShown` seek's target: a user step
   * beyond it stays pending, for the next `step()` to apply.
   */
  private applyInterventionsThrough(step: number): void {
    const bound = this.userStepBound
    this.byUser = true
    for (
      let iv = this.interventions[this.nextIntervention];
      iv && iv.step <= Math.max(step, this.state.step);
    ) {
      if (this.state.step >= bound && isUserStep(iv.action) && this.wouldApply(iv.action)) break
      applyIntervention(this, iv.action)
      iv = this.interventions[++this.nextIntervention]
    }
    this.byUser = false
  }

  /** Whether an intervention fits the state now (else it is only logged as invalid). */
  private wouldApply(a: Intervention): boolean {
    return interventionProblem(this.module.requestProblem, this.state, a) === null
  }

  private halt(limit: 'steps' | 'log', value: number): false {
    this.emit({ kind: 'limit.reached', limit, value })
    this.state.halted = limit
    return false
  }

  private maybeSnapshot(): void {
    if (this.snapshots.due(this.state.step)) this.takeSnapshot()
  }

  private takeSnapshot(): void {
    this.snapshots.add({
      step: this.state.step,
      // The observer may leave out what the log determines; it is rebuilt on restore.
      state: cloneKernelState(this.module, this.state, 'snapshot'),
      logLength: this.events.length,
      nextIntervention: this.nextIntervention,
    })
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
