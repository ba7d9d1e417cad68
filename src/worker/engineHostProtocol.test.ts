import { describe, expect, it } from 'vitest'
import {
  forkRunInput,
  logHash,
  protocolPreset,
  runProtocolPreset,
  simulatorFor,
  type Intervention,
  type SimEvent,
} from '../engine/index.ts'
import { anyPresetById } from '../scenarios/presets.ts'
import { toRunInput } from '../scenarios/scenario.ts'
import { EngineHost } from './engineHost.ts'
import type { EngineReply } from './protocol.ts'

describe('the engine host runs the scenario’s protocol', () => {
  it('computes a Multi-Paxos preset exactly as the CLI does', () => {
    const replies: EngineReply[] = []
    const queue: (() => void)[] = []
    const host = new EngineHost(
      (r) => replies.push(r),
      (fn) => queue.push(fn),
    )
    host.handle({
      type: 'load',
      id: 1,
      gen: 1,
      held: 0,
      input: toRunInput(anyPresetById('mp-leader-crash')!.scenario),
    })
    while (queue.length > 0) queue.shift()!()
    const log = replies.flatMap((r) => (r.type === 'events' ? r.events : [])) as SimEvent[]
    const found = protocolPreset('mp-leader-crash')!
    expect(logHash(log)).toBe(logHash(runProtocolPreset(found.module, found.preset).log as SimEvent[]))
    expect(replies.at(-1)).toMatchObject({ type: 'done', halted: 'steps' })
  })
})

describe('the engine host forks with the engine’s own time travel', () => {
  /** The client's log from the replies (resets cut it, events extend it), as the store keeps it. */
  function clientLog(replies: readonly EngineReply[]): SimEvent[] {
    let log: SimEvent[] = []
    for (const r of replies) {
      if (r.type === 'reset') log = log.slice(0, r.logLength)
      if (r.type === 'events') log = [...log.slice(0, r.from), ...(r.events as SimEvent[])]
    }
    return log
  }

  it.each(['basic', 'mp-leader-crash'])(
    '%s: forks back, forward and mid-run give the forked inputs’ run',
    (id) => {
      const replies: EngineReply[] = []
      const queue: (() => void)[] = []
      const host = new EngineHost(
        (r) => replies.push(r),
        (fn) => queue.push(fn),
        40,
      )
      let input = toRunInput(anyPresetById(id)!.scenario)
      let gen = 1
      host.handle({ type: 'load', id: gen, gen, held: 0, input })
      while (queue.length > 0) queue.shift()!()
      const forks: [number, Intervention, boolean][] = [
        [6, { type: 'crash', pid: 2 }, true],
        [3, { type: 'heal' }, false], // mid-run: the previous fork is still being computed
        [20, { type: 'recover', pid: 2 }, true],
      ]
      for (const [step, action, finish] of forks) {
        gen++
        host.handle({ type: 'fork', id: gen, gen, held: clientLog(replies).length, step, action })
        input = forkRunInput(input, step, action)
        queue.shift()!()
        if (finish) while (queue.length > 0) queue.shift()!()
      }
      while (queue.length > 0) queue.shift()!()
      const fresh = simulatorFor(input)
      fresh.run()
      expect(logHash(clientLog(replies))).toBe(logHash(fresh.log as SimEvent[]))
      expect(replies.at(-1)).toMatchObject({ type: 'done', recorded: fresh.recorded })
    },
  )
})
