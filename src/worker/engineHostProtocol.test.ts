import { describe, expect, it } from 'vitest'
import { logHash, protocolPreset, runProtocolPreset, type SimEvent } from '../engine/index.ts'
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
