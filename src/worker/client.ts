import { forkRunInput, type Intervention, type ProtocolRunInput as RunInput } from '../engine/index.ts'
import { EngineHost } from './engineHost.ts'
import { SUPERVISION, type ClientReply, type EngineReply, type EngineRequest } from './protocol.ts'

/** Receives the replies of the current generation only, in order, and the supervisor's reports. */
export type ReplyListener = (reply: ClientReply) => void

/**
 * The main thread's handle on the engine. Each `load`/`fork` starts a new generation and returns
 * its number; replies from older generations are dropped before they reach the listener.
 *
 * The client supervises the engine: when it fails (an uncaught error in the worker, or no reply
 * for `SUPERVISION.replyTimeoutMs` while work is pending) it is replaced by a new one and
 * the current run's inputs are sent again, so the run comes back unchanged (it is deterministic).
 * Restarts are bounded; past the bound the client reports `stopped` and waits for `restart()`.
 */
export interface EngineClient {
  load(input: RunInput): number
  fork(step: number, action: Intervention): number
  /** Set the one listener (the store). */
  listen(listener: ReplyListener): void
  /** Replace the engine now and rerun the current inputs (also after a `stopped` report). */
  restart(): void
  dispose(): void
}

/** One engine instance. `deliver` is bound to it, so replies of a replaced engine are ignored. */
export type Transport = {
  send(req: EngineRequest): void
  close(): void
}
export type Connect = (deliver: (r: EngineReply) => void) => Transport

/** The watchdog's second chance (see `arm`). */
const GRACE_MS = 500

/** The supervisor's bounds and clock, injectable for tests. */
export interface SupervisionOptions {
  readonly replyTimeoutMs?: number
  readonly maxRestarts?: number
  readonly restartWindowMs?: number
  readonly now?: () => number
}

/**
 * The generation bookkeeping and the supervisor, shared by both implementations. `connect` is
 * called once at the start and again for every restart.
 */
export function createSupervisedClient(connect: Connect, options: SupervisionOptions = {}): EngineClient {
  const timeoutMs = options.replyTimeoutMs ?? SUPERVISION.replyTimeoutMs
  const maxRestarts = options.maxRestarts ?? SUPERVISION.maxRestarts
  const windowMs = options.restartWindowMs ?? SUPERVISION.restartWindowMs
  const now = options.now ?? (() => Date.now())
  let gen = 0
  let nextId = 1
  /** How many events of the current run the listener holds. */
  let held = 0
  /** The current run's inputs: what a restart sends again. */
  let input: RunInput | null = null
  /** A request is unanswered (no `done` yet): only then does the watchdog run. */
  let pending = false
  let stopped = false
  let disposed = false
  const restarts: number[] = []
  let watchdog: ReturnType<typeof setTimeout> | null = null
  let listener: ReplyListener = () => {}
  let transport: Transport

  const disarm = (): void => {
    if (watchdog !== null) clearTimeout(watchdog)
    watchdog = null
  }
  /**
   * The watchdog expires twice before it bites: after a long stall of the main thread itself, a
   * reply that was queued meanwhile gets the grace period to arrive.
   */
  const arm = (): void => {
    disarm()
    if (!pending || disposed) return
    watchdog = setTimeout(() => {
      watchdog = setTimeout(() => fail(`no reply for ${timeoutMs / 1000} s`), GRACE_MS)
    }, timeoutMs)
  }

  const onReply = (reply: EngineReply): void => {
    // A fatal worker error (gen < 0) belongs to no generation.
    if (reply.type === 'error' && reply.gen < 0) return fail(reply.message)
    if (reply.gen !== gen) return arm() // still alive, finishing a superseded job
    // An `error` reply is these inputs failing: a rerun would fail the same way, so it is shown.
    if (reply.type === 'error') pending = false
    if (reply.type === 'reset') held = Math.min(held, reply.logLength)
    if (reply.type === 'events') held = reply.from + reply.events.length
    if (reply.type === 'done') {
      held = Math.min(held, reply.logLength)
      pending = false
    }
    arm()
    listener(reply)
  }

  const open = (): Transport => {
    const t: Transport = connect((reply) => {
      if (t === transport && !disposed && !stopped) onReply(reply)
    })
    return t
  }

  const send = (make: (id: number, gen: number, held: number) => EngineRequest): number => {
    gen++
    pending = true
    if (!stopped) {
      transport.send(make(nextId++, gen, held))
      arm()
    }
    return gen
  }

  /** A new engine, given the current inputs again (it holds none of the old events). */
  const replace = (): void => {
    transport.close()
    held = 0
    transport = open()
  }
  const rerun = (): void => {
    if (input) {
      const run = input
      send((id, g) => ({ type: 'load', id, gen: g, held: 0, input: run }))
    }
  }

  function fail(reason: string): void {
    disarm()
    if (disposed || stopped) return
    const t = now()
    while (restarts.length > 0 && t - (restarts[0] as number) > windowMs) restarts.shift()
    if (restarts.length >= maxRestarts) {
      stopped = true
      transport.close()
      listener({ type: 'stopped', id: 0, gen, reason })
      return
    }
    restarts.push(t)
    replace()
    // The report opens the new generation: the store marks the run as being recomputed.
    listener({ type: 'restarted', id: 0, gen: gen + 1, reason, restarts: restarts.length })
    rerun()
  }

  transport = open()
  return {
    load: (run) => {
      input = run
      return send((id, g, h) => ({ type: 'load', id, gen: g, held: h, input: run }))
    },
    fork: (step, action) => {
      if (input) input = forkRunInput(input, step, action)
      return send((id, g, h) => ({ type: 'fork', id, gen: g, held: h, step, action }))
    },
    listen: (l) => {
      listener = l
    },
    restart: () => {
      if (disposed) return
      disarm()
      stopped = false
      restarts.length = 0
      replace()
      rerun()
    },
    dispose: () => {
      disposed = true
      disarm()
      gen = Number.MAX_SAFE_INTEGER
      transport.close()
    },
  }
}

/** The real client: the engine runs in a module Web Worker; the main thread never runs it. */
export function createWorkerClient(options: SupervisionOptions = {}): EngineClient {
  return createSupervisedClient((deliver) => {
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (e: MessageEvent<EngineReply>) => deliver(e.data)
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault()
      deliver({ type: 'error', id: 0, gen: -1, message: e.message || 'the engine worker failed' })
    }
    worker.onmessageerror = () => {
      deliver({ type: 'error', id: 0, gen: -1, message: 'a reply from the engine could not be read' })
    }
    return { send: (req) => worker.postMessage(req), close: () => worker.terminate() }
  }, options)
}

/**
 * The same protocol in the current thread, for tests and tools (no Worker in Vitest). Messages
 * are structured-cloned both ways, as postMessage would, and delivered asynchronously.
 */
export function createInThreadClient(
  options: { batchEvents?: number } & SupervisionOptions = {},
): EngineClient {
  return createSupervisedClient((deliver) => {
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
  }, options)
}
