/**
 * What spec mode and the MultiPaxos check share: running a search to the end in chunks, with a
 * chance to cancel between them, and the depth and speed figures of its report. The clock is
 * passed in, so this stays pure (the CLI and the workers pass performance.now).
 */

/** The figures both searches report after each chunk. */
export interface ChunkProgress {
  readonly distinctStates: number
  /** Depth of the deepest state found so far. */
  readonly depth: number
  readonly transitions: number
  readonly statesGenerated: number
  readonly done: boolean
}

export interface ChunkOptions<P> {
  /** Milliseconds from any fixed origin (e.g. performance.now). */
  readonly now: () => number
  /** States expanded per chunk (default 50 000). */
  readonly chunkStates?: number
  /** Called after each chunk; return false to cancel. */
  readonly onProgress?: (progress: P) => boolean | void
}

/** Runs `search` until it is done or `onProgress` cancels it. */
export function runInChunks<P extends ChunkProgress>(
  search: { progress(): P; runFor(states: number): P },
  options: ChunkOptions<P>,
): { progress: P; cancelled: boolean } {
  let progress = search.progress()
  while (!progress.done) {
    progress = search.runFor(options.chunkStates ?? 50_000)
    if (!progress.done && options.onProgress?.(progress) === false) return { progress, cancelled: true }
  }
  return { progress, cancelled: false }
}

/** The size, depth and speed part of both reports. */
export interface SearchFigures {
  readonly distinctStates: number
  /** Largest BFS depth: steps on the longest of the shortest paths from the initial state. */
  readonly maxDepth: number
  /** The depth as TLC prints it ("depth of the complete state graph search"): maxDepth + 1. */
  readonly tlcDepth: number
  /** Successor states generated, duplicates and stutters included (one per binding of an \E). */
  readonly transitions: number
  /** transitions + 1, comparable with TLC's "states generated". */
  readonly statesGenerated: number
  readonly seconds: number
  /** Distinct states per second. */
  readonly statesPerSecond: number
}

/** A report's figures, in the order both reports list them. */
export const searchFigures = (progress: ChunkProgress, seconds: number): SearchFigures => ({
  distinctStates: progress.distinctStates,
  maxDepth: progress.depth,
  tlcDepth: progress.depth + 1,
  transitions: progress.transitions,
  statesGenerated: progress.statesGenerated,
  seconds,
  statesPerSecond: seconds > 0 ? Math.round(progress.distinctStates / seconds) : 0,
})
