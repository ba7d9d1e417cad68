import { ExplorerHost } from './explorerHost.ts'
import type { ExplorerReply, ExplorerRequest } from './explorerProtocol.ts'

/**
 * The explorer worker entry: requests in, replies out. All logic lives in ExplorerHost; slices
 * yield through a zero-delay timeout so a cancel message can arrive between them.
 */
declare const self: DedicatedWorkerGlobalScope

const host = new ExplorerHost(
  (reply: ExplorerReply) => self.postMessage(reply),
  (fn) => {
    setTimeout(fn, 0)
  },
  () => performance.now(),
)

self.onmessage = (e: MessageEvent<ExplorerRequest>) => host.handle(e.data)
