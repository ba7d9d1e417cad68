import { parentPort, workerData } from 'node:worker_threads'
import type { MultiPaxosConstants } from '../explorer/multipaxos/layout.ts'
import { Shard } from '../explorer/multipaxos/shard.ts'

/**
 * One shard of a split Multi-Paxos search on a worker thread (see src/explorer/multipaxos/shard.ts
 * and parallelExplore.ts): it answers the coordinator's requests, one level at a time, and moves
 * its outboxes back as transferred buffers.
 */
export type ShardRequest =
  | { readonly type: 'init' }
  | { readonly type: 'insert'; readonly records: readonly Uint32Array[] }
  | { readonly type: 'next' }
  | { readonly type: 'expand' }

const data = workerData as { constants: MultiPaxosConstants; shards: number; index: number }
const shard = new Shard(data.constants, data.shards, data.index)
const port = parentPort
if (!port) throw new Error('shardWorker runs on a worker thread')

port.on('message', (req: ShardRequest) => {
  if (req.type === 'init') port.postMessage(shard.initialRecord())
  else if (req.type === 'insert') {
    let finding = null
    for (const r of req.records) finding ??= shard.insert(r)
    port.postMessage({ finding, count: shard.table.count })
  } else if (req.type === 'next') port.postMessage({ frontier: shard.nextLevel() })
  else {
    const r = shard.expandLevel()
    port.postMessage(
      r,
      r.outboxes.map((o) => o.buffer as ArrayBuffer),
    )
  }
})
