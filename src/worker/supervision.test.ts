import { afterEach, describe, expect, it, vi } from 'vitest'
import { logHash, runToEnd, type RunInput, type SimEvent } from '../engine/index.ts'
import { presetById } from '../scenarios/presets.ts'
import { toRunInput } from '../scenarios/scenario.ts'
import { createSupervisedClient, type Connect } from './client.ts'
import { EngineHost } from './engineHost.ts'
import type { ClientReply, EngineReply, EngineRequest } from './protocol.ts'

const preset = (id: string): RunInput => toRunInput(presetById(id)!.scenario)

/**
 * Engines that run in-thread (synchronously, under fake timers) and can be broken on demand:
 * `crash` reports a fatal error, `hang` makes the engine ignore every later request.
 */
function engines() {
  const made: { crash: () => void; hang: () => void; requests: EngineRequest[]; closed: boolean }[] = []
  const connect: Connect = (deliver) => {
    let hung = false
    const later = (fn: () => void): void => {
      setTimeout(fn, 0)
    }
    const host = new EngineHost((r: EngineReply) => later(() => deliver(r)), later, 500)
    const e = {
      requests: [] as EngineRequest[],
      closed: false,
      crash: () => deliver({ type: 'error', id: 0, gen: -1, message: 'boom' }),
      hang: () => {
        hung = true
      },
    }
    made.push(e)
    return {
      send: (req) => {
        e.requests.push(req)
        if (!hung && !e.closed) later(() => host.handle(req))
      },
      close: () => {
        e.closed = true
      },
    }
  }
  return { made, connect }
}

function collect(listen: (l: (r: ClientReply) => void) => void) {
  let log: SimEvent[] = []
  const reports: ClientReply[] = []
  listen((r) => {
    if (r.type === 'restarted' || r.type === 'stopped') reports.push(r)
    if (r.type === 'reset') log = log.slice(0, r.logLength)
    if (r.type === 'events') log = [...log.slice(0, r.from), ...r.events]
  })
  return { log: () => log, reports }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('engine supervision', () => {
  it('replaces a crashed engine and reruns the same inputs: the same log comes back', async () => {
    vi.useFakeTimers()
    const { made, connect } = engines()
    const client = createSupervisedClient(connect)
    const c = collect(client.listen)
    client.load(preset('racing-adopt'))
    await vi.runAllTimersAsync()
    const before = logHash(c.log())
    made[0]!.crash()
    await vi.runAllTimersAsync()
    expect(made).toHaveLength(2)
    expect(made[0]!.closed).toBe(true)
    expect(c.reports).toEqual([expect.objectContaining({ type: 'restarted', reason: 'boom', restarts: 1 })])
    expect(logHash(c.log())).toBe(before)
    expect(before).toBe(logHash(runToEnd(preset('racing-adopt')).log))
  })

  it('restores forks too: the rerun carries every intervention made so far', async () => {
    vi.useFakeTimers()
    const { made, connect } = engines()
    const client = createSupervisedClient(connect)
    const c = collect(client.listen)
    const input = preset('basic')
    client.load(input)
    await vi.runAllTimersAsync()
    client.fork(3, { type: 'crash', pid: 1 })
    await vi.runAllTimersAsync()
    const forked = logHash(c.log())
    made[0]!.crash()
    await vi.runAllTimersAsync()
    expect(logHash(c.log())).toBe(forked)
    const load = made[1]!.requests[0]
    expect(load?.type === 'load' && load.input.interventions.at(-1)).toEqual({
      step: 3,
      action: { type: 'crash', pid: 1 },
    })
  })

  it('treats an engine that stays silent while work is pending as hung', async () => {
    vi.useFakeTimers()
    const { made, connect } = engines()
    const client = createSupervisedClient(connect, { replyTimeoutMs: 1000 })
    const c = collect(client.listen)
    made[0]!.hang()
    client.load(preset('basic'))
    await vi.advanceTimersByTimeAsync(900)
    expect(c.reports).toEqual([])
    await vi.runAllTimersAsync()
    expect(c.reports[0]).toMatchObject({ type: 'restarted', reason: 'no reply for 1 s' })
    expect(logHash(c.log())).toBe(logHash(runToEnd(preset('basic')).log))
  })

  it('sets no timer while idle (a finished run costs nothing)', async () => {
    vi.useFakeTimers()
    const { connect } = engines()
    const client = createSupervisedClient(connect)
    client.listen(() => {})
    client.load(preset('basic'))
    await vi.runAllTimersAsync()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('gives up after the bounded number of restarts, then restarts on request', async () => {
    vi.useFakeTimers()
    const { made, connect } = engines()
    let t = 0
    const client = createSupervisedClient(connect, { maxRestarts: 2, now: () => t })
    const c = collect(client.listen)
    client.load(preset('basic'))
    await vi.runAllTimersAsync()
    for (let i = 0; i < 3; i++) {
      made.at(-1)!.crash()
      await vi.runAllTimersAsync()
      t += 1000
    }
    expect(c.reports.map((r) => r.type)).toEqual(['restarted', 'restarted', 'stopped'])
    expect(made).toHaveLength(3)
    client.restart()
    await vi.runAllTimersAsync()
    expect(made).toHaveLength(4)
    expect(logHash(c.log())).toBe(logHash(runToEnd(preset('basic')).log))
  })

  it('forgets restarts older than the window', async () => {
    vi.useFakeTimers()
    const { made, connect } = engines()
    let t = 0
    const client = createSupervisedClient(connect, { maxRestarts: 1, restartWindowMs: 10_000, now: () => t })
    const c = collect(client.listen)
    client.load(preset('basic'))
    await vi.runAllTimersAsync()
    made.at(-1)!.crash()
    await vi.runAllTimersAsync()
    t += 20_000
    made.at(-1)!.crash()
    await vi.runAllTimersAsync()
    expect(c.reports.map((r) => r.type)).toEqual(['restarted', 'restarted'])
  })
})
