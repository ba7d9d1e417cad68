import type { MultiPaxosConstants } from '../explorer/multipaxos/layout.ts'
import { Shard } from '../explorer/multipaxos/shard.ts'
import { answerShard, type ShardRequest } from '../explorer/multipaxos/shardPool.ts'

/**
 * One shard of the browser's split Multi-Paxos check (started by the explorer worker, one per
 * core it may use): the first message says which shard it is, then it answers the coordinator's
 * requests level by level and moves its outboxes back as transferred buffers.
 */
declare const self: DedicatedWorkerGlobalScope

interface Setup {
  readonly constants: MultiPaxosConstants
  readonly shards: number
  readonly index: number
  readonly maxBytes: number
}

let shard: Shard | null = null
self.onmessage = (e: MessageEvent<Setup | ShardRequest>) => {
  if (!shard) {
    const s = e.data as Setup
    shard = new Shard(s.constants, s.shards, s.index, s.maxBytes)
    return
  }
  const { reply, transfer } = answerShard(shard, e.data as ShardRequest)
  self.postMessage(reply, transfer)
}
