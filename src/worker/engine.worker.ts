import { EngineHost } from './engineHost.ts'
import type { EngineReply, EngineRequest } from './protocol.ts'

/**
 * The engine worker entry: requests in, replies out. All logic lives in EngineHost; batches yield
 * through a zero-delay timeout so a newer request can arrive and supersede the current run.
 */
declare const self: DedicatedWorkerGlobalScope

const host = new EngineHost(
  (reply: EngineReply) => self.postMessage(reply),
  (fn) => {
    setTimeout(fn, 0)
  },
)

self.onmessage = (e: MessageEvent<EngineRequest>) => host.handle(e.data)
