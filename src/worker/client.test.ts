import { describe, expect, it } from 'vitest'
import { forkRunInput, logHash, runToEnd, type RunInput, type SimEvent } from '../engine/index.ts'
import { presetById } from '../scenarios/presets.ts'
import { toRunInput } from '../scenarios/scenario.ts'
import { createInThreadClient, type EngineClient } from './client.ts'
import type { ClientReply } from './protocol.ts'

const preset = (id: string): RunInput => toRunInput(presetById(id)!.scenario)

/** Collects the log the way the store does and resolves when the current generation is done. */
function collector(client: EngineClient) {
  let log: SimEvent[] = []
  const replies: ClientReply[] = []
  let waiting: ((r: ClientReply) => void) | null = null
  client.listen((r) => {
    replies.push(r)
    if (r.type === 'reset') log = log.slice(0, r.logLength)
    if (r.type === 'events') log = [...log.slice(0, r.from), ...r.events]
    if ((r.type === 'done' || r.type === 'error') && waiting) waiting(r)
  })
  return {
    replies,
    log: () => log,
    done: () => new Promise<ClientReply>((resolve) => (waiting = resolve)),
  }
}

describe('in-thread engine client', () => {
  it('gives the same log as a direct runToEnd (determinism across the boundary)', async () => {
    for (const id of ['basic', 'racing-adopt', 'dueling']) {
      const client = createInThreadClient({ batchEvents: 100 })
      const c = collector(client)
      const done = c.done()
      client.load(preset(id))
      const last = await done
      expect(last.type).toBe('done')
      expect(logHash(c.log())).toBe(logHash(runToEnd(preset(id)).log))
      client.dispose()
    }
  })

  it('sends events in bounded batches, each only once', async () => {
    const client = createInThreadClient({ batchEvents: 200 })
    const c = collector(client)
    const done = c.done()
    client.load(preset('dueling'))
    await done
    const batches = c.replies.filter((r) => r.type === 'events')
    expect(batches.length).toBeGreaterThan(3)
    let next = 0
    for (const b of batches) {
      expect(b.from).toBe(next)
      next = b.from + b.events.length
    }
    expect(next).toBe(c.log().length)
  })

  it('forks: keeps the shared prefix, resends only the new future, equals a fresh run', async () => {
    const client = createInThreadClient()
    const c = collector(client)
    let done = c.done()
    client.load(preset('basic'))
    await done
    const before = c.log().length
    done = c.done()
    client.fork(10, { type: 'crash', pid: 2 })
    const last = await done
    const reset = c.replies.filter((r) => r.type === 'reset').at(-1)
    expect(reset?.type === 'reset' && reset.logLength).toBeGreaterThan(0)
    expect(reset?.type === 'reset' && reset.logLength).toBeLessThan(before)
    const expected = runToEnd(forkRunInput(preset('basic'), 10, { type: 'crash', pid: 2 }))
    expect(logHash(c.log())).toBe(logHash(expected.log))
    expect(last.type === 'done' && last.recorded).toEqual(expected.recorded)
  })

  it('ignores replies of a superseded generation', async () => {
    const client = createInThreadClient({ batchEvents: 50 })
    const c = collector(client)
    const done = c.done()
    const g1 = client.load(preset('dueling'))
    const g2 = client.load(preset('basic'))
    expect(g2).toBeGreaterThan(g1)
    await done
    expect(c.replies.every((r) => r.gen === g2)).toBe(true)
    expect(logHash(c.log())).toBe(logHash(runToEnd(preset('basic')).log))
  })

  it('reports a fork before any load as an error', async () => {
    const client = createInThreadClient()
    const c = collector(client)
    const done = c.done()
    client.fork(0, { type: 'heal' })
    const r = await done
    expect(r.type).toBe('error')
  })
})
