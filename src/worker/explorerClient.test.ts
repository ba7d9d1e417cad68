import { describe, expect, it } from 'vitest'
import type { ExplorerReply } from './explorerProtocol.ts'
import { createExplorerInThreadClient } from './explorerInThread.ts'

describe('explorer client', () => {
  it('passes on only the replies of the newest search', async () => {
    const client = createExplorerInThreadClient()
    const seen: ExplorerReply[] = []
    const done = new Promise<void>((resolve) => {
      client.listen((r) => {
        seen.push(r)
        if (r.type === 'done') resolve()
      })
    })
    client.spec({ acceptors: 4, values: 2, maxBallot: 2 }, { maxStates: 5_000_000, maxDepth: 1_000 })
    const gen = client.spec({ acceptors: 2, values: 1, maxBallot: 1 }, { maxStates: 1_000, maxDepth: 100 })
    await done
    expect(seen.every((r) => r.gen === gen)).toBe(true)
    const last = seen[seen.length - 1]
    expect(last?.type === 'done' && last.outcome.mode === 'spec' && !last.outcome.cancelled).toBe(true)
    client.dispose()
  })
})
