import { parentPort, workerData } from 'node:worker_threads'
import type { MultiPaxosConstants } from '../explorer/multipaxos/layout.ts'
import { Shard } from '../explorer/multipaxos/shard.ts'
import { answerShard, type ShardRequest } from '../explorer/multipaxos/shardPool.ts'

/**
 * One shard of a split Multi-Paxos search on a worker thread (see src/explorer/multipaxos/shard.ts
 * and parallelExplore.ts): it answers the coordinator's requests, one level at a time, and moves
 * its outboxes back as transferred buffers.
 */
export type { ShardRequest } from '../explorer/multipaxos/shardPool.ts'

const data = workerData as { constants: MultiPaxosConstants; shards: number; index: number }
const shard = new Shard(data.constants, data.shards, data.index)
const port = parentPort
if (!port) throw new Error('shardWorker runs on a worker thread')

port.on('message', (req: ShardRequest) => {
  const { reply, transfer } = answerShard(shard, req)
  port.postMessage(reply, transfer)
})
