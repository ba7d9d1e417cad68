import { Worker } from 'node:worker_threads'
import type { MultiPaxosConstants } from '../explorer/multipaxos/layout.ts'
import type { ExpandResult, ShardedResult, ShardFinding } from '../explorer/multipaxos/shard.ts'
import type { CliResult } from './cli.ts'
import { parseExploreMultiArgs } from './exploreMulti.ts'
import type { ShardRequest } from './shardWorker.ts'

/**
 * The split Multi-Paxos search on worker threads: one shard per thread, the coordinator (this
 * thread) only routes each level's outboxes to their owners. Same protocol and counts as
 * runSharded (src/explorer/multipaxos/shard.ts), which runs the shards in one thread.
 */
export async function runShardedThreads(
  constants: MultiPaxosConstants,
  shards: number,
  workerFile: URL,
): Promise<ShardedResult> {
  const workers = Array.from(
    { length: shards },
    (_, index) => new Worker(workerFile, { workerData: { constants, shards, index } }),
  )
  const ask = <T>(w: Worker, req: ShardRequest, transfer: ArrayBuffer[] = []): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const onError = (e: Error) => {
        w.off('message', onMessage)
        reject(e)
      }
      const onMessage = (m: T) => {
        w.off('error', onError)
        resolve(m)
      }
      w.once('message', onMessage)
      w.once('error', onError)
      w.postMessage(req, transfer)
    })
  const all = <T>(req: (i: number) => ShardRequest): Promise<T[]> =>
    Promise.all(workers.map((w, i) => ask<T>(w, req(i))))
  try {
    const init = await ask<{ owner: number; record: Uint32Array }>(workers[0] as Worker, { type: 'init' })
    let finding: ShardFinding | null = (
      await ask<{ finding: ShardFinding | null }>(workers[init.owner] as Worker, {
        type: 'insert',
        records: [init.record],
      })
    ).finding
    let transitions = 0
    let depth = 0
    let frontier = (await all<{ frontier: number }>(() => ({ type: 'next' }))).reduce(
      (n, r) => n + r.frontier,
      0,
    )
    let counts: number[] = []
    while (frontier > 0 && finding === null) {
      const expanded = await all<ExpandResult>(() => ({ type: 'expand' }))
      transitions += expanded.reduce((n, r) => n + r.transitions, 0)
      finding = expanded.find((r) => r.finding)?.finding ?? null
      if (finding) break
      const inserted = await all<{ finding: ShardFinding | null; count: number }>((owner) => ({
        type: 'insert',
        records: expanded.map((r) => r.outboxes[owner] as Uint32Array),
      }))
      finding = inserted.find((r) => r.finding)?.finding ?? null
      counts = inserted.map((r) => r.count)
      frontier = (await all<{ frontier: number }>(() => ({ type: 'next' }))).reduce(
        (n, r) => n + r.frontier,
        0,
      )
      if (frontier > 0) depth++
    }
    const distinctStates = counts.length > 0 ? counts.reduce((a, b) => a + b, 0) : 1
    return { distinctStates, depth, transitions, finding }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()))
  }
}

/** `synod explore --spec multipaxos … --workers <n>`: the counts, on n threads (no trace). */
export async function runExploreMultiThreads(
  args: readonly string[],
  now: () => number,
  workerFile: URL,
): Promise<CliResult> {
  const at = args.indexOf('--workers')
  const n = Number(args[at + 1])
  if (!Number.isInteger(n) || n < 1 || n > 16)
    return { code: 2, stdout: '', stderr: 'synod: --workers needs a whole number in 1..16' }
  const parsed = parseExploreMultiArgs([...args.slice(0, at), ...args.slice(at + 2)])
  if (typeof parsed === 'string') return { code: 2, stdout: '', stderr: `synod: ${parsed}` }
  const start = now()
  const r = await runShardedThreads(parsed.constants, n, workerFile)
  const seconds = (now() - start) / 1000
  const report = {
    model: 'MultiPaxos',
    constants: parsed.constants,
    workers: n,
    distinctStates: r.distinctStates,
    maxDepth: r.depth,
    tlcDepth: r.depth + 1,
    transitions: r.transitions,
    statesGenerated: r.transitions + 1,
    seconds,
    statesPerSecond: seconds > 0 ? Math.round(r.distinctStates / seconds) : 0,
    finding: r.finding
      ? { kind: r.finding.kind, ...('invariant' in r.finding ? { invariant: r.finding.invariant } : {}) }
      : null,
  }
  const text = [
    `MultiPaxos.tla (SMR) on ${n} worker threads: ${report.distinctStates.toLocaleString('en-US')} distinct states, ` +
      `max depth ${report.maxDepth} (TLC prints ${report.tlcDepth}), ${report.statesGenerated.toLocaleString('en-US')} states generated`,
    `${seconds.toFixed(3)} s, ${report.statesPerSecond.toLocaleString('en-US')} states/s`,
    r.finding
      ? `${r.finding.kind === 'deadlock' ? 'DEADLOCK' : `${report.finding?.invariant ?? ''} VIOLATED`} (run without --workers for the shortest run to it)`
      : 'no violation, no deadlock',
  ].join('\n')
  return { code: r.finding ? 1 : 0, stdout: parsed.json ? JSON.stringify(report) : text, stderr: '' }
}
