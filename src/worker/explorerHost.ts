import { bytesPerState } from '../explorer/memoryBudget.ts'
import { checkMultiPaxosConstants } from '../explorer/multipaxos/layout.ts'
import { MultiPaxosSearch } from '../explorer/multipaxos/search.ts'
import { runPool, shardBytes, type PoolResult, type ShardPort } from '../explorer/multipaxos/shardPool.ts'
import type { MultiPaxosConstants } from '../explorer/multipaxos/layout.ts'
import { explainMultiPaxos } from '../explorer/multipaxos/trace.ts'
import { createSimSearch, type SimProgress } from '../explorer/simSearch.ts'
import { createSpecExplorer } from '../explorer/spec.ts'
import { explainViolation } from '../explorer/trace.ts'
import { checkConstants } from '../explorer/universe.ts'
import {
  PROGRESS_INTERVAL_MS,
  SLICE_MS,
  type ExplorerOutcome,
  type ExplorerProgress,
  type ExplorerReply,
  type ExplorerRequest,
  type SimSearchRequest,
} from './explorerProtocol.ts'

/** Runs `fn` later, after pending messages have had a chance to arrive (a macrotask). */
export type Yield = (fn: () => void) => void

/** One search, driven in chunks: each call expands a few states and says where it stands. */
interface Search {
  chunk(): { counts: Counts; outcome: ExplorerOutcome | null }
  cancelled(counts: Counts): ExplorerOutcome
}

type Counts = Pick<ExplorerProgress, 'distinctStates' | 'depth' | 'completedDepth' | 'transitions'>

interface Job {
  readonly id: number
  readonly gen: number
  readonly search: Search
  readonly started: number
  lastPost: number
  counts: Counts
}

/** States expanded per `runFor` call: small enough to check the clock often. */
const SPEC_CHUNK = 4_000
const MULTI_SPEC_CHUNK = 2_000
const SIM_CHUNK = 40

function specSearch(req: Extract<ExplorerRequest, { type: 'spec' }>): Search {
  const problem = checkConstants(req.constants)
  if (problem) throw new Error(problem)
  const explorer = createSpecExplorer(req.constants, req.bounds)
  const u = explorer.universe
  const quorumsIntersect = u.quorums.every((p) => u.quorums.every((q) => (p & q) !== 0))
  const base = { mode: 'spec', quorumsIntersect } as const
  return {
    chunk() {
      const p = explorer.runFor(SPEC_CHUNK)
      const counts = { ...p, completedDepth: p.completedDepth }
      if (!p.done) return { counts, outcome: null }
      const violation = explainViolation(explorer)
      const memoryMessage = explorer.memoryMessage
      return {
        counts,
        outcome: { ...base, boundHit: p.boundHit, cancelled: false, violation, memoryMessage },
      }
    },
    cancelled: () => ({ ...base, boundHit: null, cancelled: true, violation: null, memoryMessage: null }),
  }
}

function multiSpecSearch(req: Extract<ExplorerRequest, { type: 'multispec' }>): Search {
  const problem = checkMultiPaxosConstants(req.constants)
  if (problem) throw new Error(problem)
  const search = new MultiPaxosSearch(req.constants, req.bounds)
  const ended = (cancelled: boolean): ExplorerOutcome => {
    const p = search.progress()
    const finding = cancelled ? null : explainMultiPaxos(search)
    return {
      mode: 'multispec',
      boundHit: cancelled ? null : p.boundHit,
      cancelled,
      violation: finding?.kind === 'invariant' ? finding : null,
      deadlock: finding?.kind === 'deadlock' ? finding : null,
      memoryMessage: search.memoryMessage,
      transitions: p.transitions,
      bytesPerState: bytesPerState(p.bytesUsed, p.distinctStates),
      workers: 1,
    }
  }
  return {
    chunk() {
      const p = search.runFor(MULTI_SPEC_CHUNK)
      return { counts: p, outcome: p.done ? ended(false) : null }
    },
    cancelled: () => ended(true),
  }
}

/** Levels fully explored by a schedule search that stopped at `p`. */
function simCompleted(p: SimProgress): number {
  if (p.done && !p.found && (p.boundHit === null || p.boundHit === 'depth')) return p.depth
  return p.depth - 1
}

function simSearch(req: SimSearchRequest): Search {
  const search = createSimSearch(req.scenario, req)
  const base = { mode: 'sim', fromStep: search.startStep } as const
  return {
    chunk() {
      const p = search.runFor(SIM_CHUNK)
      const counts = { ...p, completedDepth: simCompleted(p) }
      if (!p.done) return { counts, outcome: null }
      const outcome = {
        ...base,
        boundHit: p.boundHit,
        memoryMessage: p.memoryMessage,
        cancelled: false,
        found: p.found,
        foundText: p.foundText,
        changes: p.foundChanges ?? [],
      }
      return { counts, outcome }
    },
    cancelled: () => ({
      ...base,
      boundHit: null,
      memoryMessage: null,
      cancelled: true,
      found: null,
      foundText: null,
      changes: [],
    }),
  }
}

/** Starts `shards` shard workers for a split Multi-Paxos check, each with its share of the budget. */
export type ShardPorts = (constants: MultiPaxosConstants, shards: number, maxBytes: number) => ShardPort[]

/** The outcome of a split check that ended without a finding (a finding is re-run by one search). */
function poolOutcome(r: PoolResult, workers: number): ExplorerOutcome {
  return {
    mode: 'multispec',
    boundHit: r.boundHit,
    cancelled: r.cancelled,
    violation: null,
    deadlock: null,
    memoryMessage: r.memoryMessage,
    transitions: r.transitions,
    bytesPerState: bytesPerState(r.bytes, r.distinctStates),
    workers,
  }
}

/**
 * The explorer side of the protocol, without a transport: the worker entry and the in-thread
 * client both wrap it. One search at a time; it runs in slices of about SLICE_MS and yields
 * between them, so a cancel (or a newer search) is seen within one slice. A Multi-Paxos check
 * asked for several workers is split across shard workers (`shardPorts`, when the host has them)
 * and coordinated here level by level; a cancel is seen between levels.
 */
export class ExplorerHost {
  private job: Job | null = null

  constructor(
    private readonly post: (reply: ExplorerReply) => void,
    private readonly later: Yield,
    private readonly now: () => number,
    private readonly shardPorts: ShardPorts | null = null,
  ) {}

  /** Handle one request. Never throws: problems are posted as `error` replies. */
  handle(req: ExplorerRequest): void {
    const previous = this.job
    this.job = null
    if (req.type === 'cancel') {
      if (previous) this.finish(previous, previous.search.cancelled(previous.counts))
      return
    }
    const workers = req.type === 'multispec' ? Math.floor(req.workers ?? 1) : 1
    if (req.type === 'multispec' && workers > 1 && this.shardPorts) return this.split(req, workers)
    this.start(req)
  }

  /** Start a search that runs in this thread. */
  private start(req: Exclude<ExplorerRequest, { type: 'cancel' }>): void {
    try {
      const search =
        req.type === 'spec'
          ? specSearch(req)
          : req.type === 'multispec'
            ? multiSpecSearch(req)
            : simSearch(req.search)
      const started = this.now()
      const counts = { distinctStates: 1, depth: 0, completedDepth: -1, transitions: 0 }
      const job: Job = { id: req.id, gen: req.gen, search, started, lastPost: started, counts }
      this.job = job
      this.post({ type: 'progress', id: job.id, gen: job.gen, progress: this.progress(job) })
      this.later(() => this.slice(job))
    } catch (err) {
      this.post({ type: 'error', id: req.id, gen: req.gen, message: messageOf(err) })
    }
  }

  /**
   * A Multi-Paxos check split across `workers` shard workers, with the same counts as one search.
   * A finding ends it and the one-worker search runs instead, for the shortest run to it.
   */
  private split(req: Extract<ExplorerRequest, { type: 'multispec' }>, workers: number): void {
    const problem = checkMultiPaxosConstants(req.constants)
    if (problem) return this.post({ type: 'error', id: req.id, gen: req.gen, message: problem })
    const ports = (this.shardPorts as ShardPorts)(
      req.constants,
      workers,
      shardBytes(req.bounds.maxBytes, workers),
    )
    const started = this.now()
    const stub = (counts: Counts): ExplorerOutcome =>
      poolOutcome(
        { ...counts, bytes: 0, finding: null, boundHit: null, memoryMessage: null, cancelled: true },
        workers,
      )
    const search: Search = { chunk: () => ({ counts: job.counts, outcome: null }), cancelled: stub }
    const counts = { distinctStates: 1, depth: 0, completedDepth: -1, transitions: 0 }
    const job: Job = { id: req.id, gen: req.gen, search, started, lastPost: started, counts }
    this.job = job
    this.post({ type: 'progress', id: job.id, gen: job.gen, progress: this.progress(job) })
    const onLevel = (p: Omit<Counts, 'completedDepth'>): void => {
      job.counts = { ...p, completedDepth: p.depth - 1 }
      if (this.job !== job || this.now() - job.lastPost < PROGRESS_INTERVAL_MS) return
      job.lastPost = this.now()
      this.post({ type: 'progress', id: job.id, gen: job.gen, progress: this.progress(job) })
    }
    runPool(ports, req.bounds, onLevel, () => this.job !== job)
      .then((r) => {
        if (this.job !== job) return
        if (r.finding) return this.start({ ...req, workers: 1 })
        const exhaustive = r.boundHit === null
        job.counts = { ...r, completedDepth: exhaustive ? r.depth : r.depth - 1 }
        this.finish(job, poolOutcome(r, workers))
      })
      .catch((err: unknown) => {
        if (this.job === job) this.job = null
        this.post({ type: 'error', id: job.id, gen: job.gen, message: messageOf(err) })
      })
      .finally(() => ports.forEach((p) => p.close()))
  }

  private progress(job: Job): ExplorerProgress {
    const elapsedMs = Math.max(0, this.now() - job.started)
    const statesPerSecond = elapsedMs > 0 ? Math.round((job.counts.distinctStates * 1000) / elapsedMs) : 0
    return { ...job.counts, elapsedMs, statesPerSecond }
  }

  private finish(job: Job, outcome: ExplorerOutcome): void {
    if (this.job === job) this.job = null
    this.post({ type: 'done', id: job.id, gen: job.gen, progress: this.progress(job), outcome })
  }

  /** Search for one slice, post progress when due, and yield (or finish). */
  private slice(job: Job): void {
    if (this.job !== job) return
    try {
      const sliceEnd = this.now() + SLICE_MS
      do {
        const { counts, outcome } = job.search.chunk()
        job.counts = counts
        if (outcome) return this.finish(job, outcome)
      } while (this.now() < sliceEnd)
      if (this.now() - job.lastPost >= PROGRESS_INTERVAL_MS) {
        job.lastPost = this.now()
        this.post({ type: 'progress', id: job.id, gen: job.gen, progress: this.progress(job) })
      }
      this.later(() => this.slice(job))
    } catch (err) {
      this.job = null
      this.post({ type: 'error', id: job.id, gen: job.gen, message: messageOf(err) })
    }
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
