import type { ShardPort, ShardRequest } from '../explorer/multipaxos/shardPool.ts'
import { ExplorerHost, type ShardPorts } from './explorerHost.ts'
import type { ExplorerReply, ExplorerRequest } from './explorerProtocol.ts'

/**
 * The explorer worker entry: requests in, replies out. All logic lives in ExplorerHost; slices
 * yield through a zero-delay timeout so a cancel message can arrive between them. A Multi-Paxos
 * check split across the user's cores runs its shards in workers started from here (nested
 * workers); where a worker cannot start one, the check runs as one search.
 */
declare const self: DedicatedWorkerGlobalScope

/** A shard worker as a port: one request at a time, answered by its next message. */
function shardPort(worker: Worker): ShardPort {
  let pending: { resolve: (x: unknown) => void; reject: (e: Error) => void } | null = null
  worker.onmessage = (e: MessageEvent<unknown>) => pending?.resolve(e.data)
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault()
    pending?.reject(new Error(e.message || 'a shard worker failed'))
  }
  return {
    ask: <T>(req: ShardRequest) =>
      new Promise<T>((resolve, reject) => {
        pending = { resolve: resolve as (x: unknown) => void, reject }
        worker.postMessage(req, req.type === 'insert' ? req.records.map((r) => r.buffer as ArrayBuffer) : [])
      }),
    close: () => worker.terminate(),
  }
}

const shardPorts: ShardPorts | null =
  typeof Worker === 'undefined'
    ? null
    : (constants, shards, maxBytes) =>
        Array.from({ length: shards }, (_, index) => {
          const worker = new Worker(new URL('./shard.worker.ts', import.meta.url), { type: 'module' })
          worker.postMessage({ constants, shards, index, maxBytes })
          return shardPort(worker)
        })

const host = new ExplorerHost(
  (reply: ExplorerReply) => self.postMessage(reply),
  (fn) => {
    setTimeout(fn, 0)
  },
  () => performance.now(),
  shardPorts,
)

self.onmessage = (e: MessageEvent<ExplorerRequest>) => host.handle(e.data)
