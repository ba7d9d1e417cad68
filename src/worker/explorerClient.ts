import type { MultiPaxosConstants } from '../explorer/multipaxos/layout.ts'
import type { MultiPaxosBounds } from '../explorer/multipaxos/search.ts'
import type { SpecBounds } from '../explorer/spec.ts'
import type { SpecConstants } from '../explorer/universe.ts'
import type { ExplorerReply, ExplorerRequest, SimSearchRequest } from './explorerProtocol.ts'

/** Receives the replies of the current search only. */
export type ExplorerListener = (reply: ExplorerReply) => void

/**
 * The main thread's handle on the explorer. Each search starts a new generation; `cancel` ends
 * it (the worker answers `done` with `cancelled: true`). Replies of older generations are dropped.
 */
export interface ExplorerClient {
  spec(constants: SpecConstants, bounds: SpecBounds): number
  multiSpec(constants: MultiPaxosConstants, bounds: MultiPaxosBounds, workers?: number): number
  sim(search: SimSearchRequest): number
  cancel(): void
  listen(listener: ExplorerListener): void
  dispose(): void
}

export type Transport = { send(req: ExplorerRequest): void; close(): void }

/** The generation bookkeeping shared by the worker and in-thread clients. */
export function makeExplorerClient(
  connect: (deliver: (r: ExplorerReply) => void) => Transport,
): ExplorerClient {
  let gen = 0
  let nextId = 1
  let listener: ExplorerListener = () => {}
  // The worker is created on the first search, so it costs nothing until someone explores.
  let transport: Transport | null = null
  const send = (req: ExplorerRequest): void => {
    transport ??= connect((reply) => {
      if (reply.gen !== gen && !(reply.type === 'error' && reply.gen < 0)) return
      listener(reply)
    })
    transport.send(req)
  }
  return {
    spec: (constants, bounds) => {
      send({ type: 'spec', id: nextId++, gen: ++gen, constants, bounds })
      return gen
    },
    multiSpec: (constants, bounds, workers = 1) => {
      send({ type: 'multispec', id: nextId++, gen: ++gen, constants, bounds, workers })
      return gen
    },
    sim: (search) => {
      send({ type: 'sim', id: nextId++, gen: ++gen, search })
      return gen
    },
    cancel: () => {
      if (transport) send({ type: 'cancel', id: nextId++, gen })
    },
    listen: (l) => {
      listener = l
    },
    dispose: () => {
      gen = Number.MAX_SAFE_INTEGER
      transport?.close()
      transport = null
    },
  }
}

/** The real client: the search runs in its own module Web Worker, created lazily. */
export function createExplorerWorkerClient(): ExplorerClient {
  return makeExplorerClient((deliver) => {
    const worker = new Worker(new URL('./explorer.worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (e: MessageEvent<ExplorerReply>) => deliver(e.data)
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault()
      deliver({ type: 'error', id: 0, gen: -1, message: e.message || 'the explorer worker failed' })
    }
    return { send: (req) => worker.postMessage(req), close: () => worker.terminate() }
  })
}
