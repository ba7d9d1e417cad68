import {
  forkRunInput,
  simulatorFor,
  type ProtocolRunInput as RunInput,
  type SimEvent,
} from '../engine/index.ts'
import {
  BATCH_EVENTS,
  firstDivergentStep,
  sharedPrefix,
  type EngineReply,
  type EngineRequest,
} from './protocol.ts'

/** Runs `fn` later, after pending messages have had a chance to arrive (a macrotask). */
export type Yield = (fn: () => void) => void

type Sim = ReturnType<typeof simulatorFor>

interface Job {
  readonly id: number
  readonly gen: number
  readonly sim: Sim
  /** Events of `sim.log` already posted. */
  sent: number
}

/**
 * The engine side of the protocol, without any transport: the worker entry and the in-thread
 * client both wrap it. It runs the simulator in bounded batches and yields between them, so a
 * newer request supersedes the current job. A `load` starts a new simulator; a `fork` acts on the
 * current one with the engine's own time travel (`Simulator.fork`: the nearest snapshot, then a
 * replay), so the log always equals `runToEnd(input).log` of the forked inputs
 * (`forkRunInput`); only events the client lacks are posted.
 */
export class EngineHost {
  private input: RunInput | null = null
  /** The simulator of the current inputs (null after a failure: the next fork starts afresh). */
  private sim: Sim | null = null
  /** The events posted for the current run (the client holds a prefix of them). */
  private posted: readonly SimEvent[] = []
  private job: Job | null = null

  constructor(
    private readonly post: (reply: EngineReply) => void,
    private readonly later: Yield,
    private readonly batchEvents = BATCH_EVENTS,
  ) {}

  /** Handle one request. Never throws: problems are posted as `error` replies. */
  handle(req: EngineRequest): void {
    try {
      if (req.type === 'fork' && !this.input) throw new Error('fork before any run was loaded')
      const next =
        req.type === 'load' ? req.input : forkRunInput(this.input as RunInput, req.step, req.action)
      const shared = this.input ? sharedPrefix(this.posted, firstDivergentStep(this.input, next)) : 0
      const keep = Math.max(0, Math.min(shared, req.held))
      // A copy: the posted events may be the simulator's own log, which a fork cuts back.
      this.posted = this.posted.slice(0, keep)
      this.input = next
      let sim = req.type === 'fork' ? this.sim : null
      if (sim && req.type === 'fork') sim.fork(req.step, req.action)
      else sim = simulatorFor(next)
      this.sim = sim
      const job: Job = { id: req.id, gen: req.gen, sim, sent: keep }
      this.job = job
      this.post({ type: 'reset', id: req.id, gen: req.gen, logLength: keep })
      this.later(() => this.work(job))
    } catch (err) {
      this.sim = null
      this.fail(req.id, req.gen, err)
    }
  }

  /** One bounded batch of the current job; reschedules itself until the run stops. */
  private work(job: Job): void {
    if (this.job !== job) return
    try {
      const { sim } = job
      const running = sim.run(this.batchEvents)
      if (sim.log.length > job.sent) {
        const events = sim.log.slice(job.sent)
        this.post({ type: 'events', id: job.id, gen: job.gen, from: job.sent, events })
        job.sent = sim.log.length
        this.posted = sim.log
      }
      if (running) return this.later(() => this.work(job))
      this.job = null
      const halted = sim.state.halted ?? 'quiescent'
      const recorded = [...sim.recorded]
      this.post({ type: 'done', id: job.id, gen: job.gen, halted, logLength: sim.log.length, recorded })
    } catch (err) {
      this.job = null
      this.sim = null
      this.fail(job.id, job.gen, err)
    }
  }

  private fail(id: number, gen: number, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err)
    this.post({ type: 'error', id, gen, message })
  }
}
