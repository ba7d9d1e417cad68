import type { Intervention, RunInput } from '../engine/index.ts'
import { EngineHost } from './engineHost.ts'
import type { EngineReply, EngineRequest } from './protocol.ts'

/** Receives the replies of the current generation only, in order. */
export type ReplyListener = (reply: EngineReply) => void

/**
 * The main thread's handle on the engine. Each `load`/`fork` starts a new generation and returns
 * its number; replies from older generations are dropped before they reach the listener.
 */
export interface EngineClient {
  load(input: RunInput): number
  fork(step: number, action: Intervention): number
  /** Set the one listener (the store). */
  listen(listener: ReplyListener): void
  dispose(): void
}

type Transport = {
  send(req: EngineRequest): void
  close(): void
}

/** The generation bookkeeping shared by both implementations. */
function makeClient(connect: (deliver: (r: EngineReply) => void) => Transport): EngineClient {
  let gen = 0
  let nextId = 1
  /** How many events of the current run the listener holds. */
  let held = 0
  let listener: ReplyListener = () => {}
  const transport = connect((reply) => {
    // A fatal worker error (gen < 0) belongs to no generation and always gets through.
    if (reply.gen !== gen && !(reply.type === 'error' && reply.gen < 0)) return
    if (reply.type === 'reset') held = Math.min(held, reply.logLength)
    if (reply.type === 'events') held = reply.from + reply.events.length
    if (reply.type === 'done') held = Math.min(held, reply.logLength)
    listener(reply)
  })
  const request = (make: (id: number, gen: number, held: number) => EngineRequest): number => {
    gen++
    transport.send(make(nextId++, gen, held))
    return gen
  }
  return {
    load: (input) => request((id, g, h) => ({ type: 'load', id, gen: g, held: h, input })),
    fork: (step, action) => request((id, g, h) => ({ type: 'fork', id, gen: g, held: h, step, action })),
    listen: (l) => {
      listener = l
    },
    dispose: () => {
      gen = Number.MAX_SAFE_INTEGER
      transport.close()
    },
  }
}

/** The real client: the engine runs in a module Web Worker; the main thread never runs it. */
export function createWorkerClient(): EngineClient {
  return makeClient((deliver) => {
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (e: MessageEvent<EngineReply>) => deliver(e.data)
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault()
      deliver({ type: 'error', id: 0, gen: -1, message: e.message || 'the engine worker failed' })
    }
    return { send: (req) => worker.postMessage(req), close: () => worker.terminate() }
  })
}

/**
 * The same protocol in the current thread, for tests and tools (no Worker in Vitest). Messages
 * are structured-cloned both ways, as postMessage would, and delivered asynchronously.
 */
export function createInThreadClient(options: { batchEvents?: number } = {}): EngineClient {
  return makeClient((deliver) => {
    let closed = false
    const later = (fn: () => void): void => {
      setTimeout(() => {
        if (!closed) fn()
      }, 0)
    }
    const host = new EngineHost(
      (reply) => later(() => deliver(structuredClone(reply))),
      later,
      options.batchEvents,
    )
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
