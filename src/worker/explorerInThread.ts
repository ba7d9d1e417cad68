import { ExplorerHost } from './explorerHost.ts'
import { makeExplorerClient, type ExplorerClient } from './explorerClient.ts'

/**
 * The same protocol in the current thread, for tests (no Worker in Vitest). Messages are
 * structured-cloned both ways, as postMessage would, and delivered asynchronously.
 */
export function createExplorerInThreadClient(now: () => number = () => performance.now()): ExplorerClient {
  return makeExplorerClient((deliver) => {
    let closed = false
    const later = (fn: () => void): void => {
      setTimeout(() => {
        if (!closed) fn()
      }, 0)
    }
    const host = new ExplorerHost((reply) => later(() => deliver(structuredClone(reply))), later, now)
    return {
      send: (req) => {
        const copy = structuredClone(req)
        later(() => host.handle(copy))
      },
      close: () => {
        closed = true
      },
    }
  })
}
