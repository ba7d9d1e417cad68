import { describe, expect, it } from 'vitest'
import { moduleFor } from '../engine/index.ts'
import { presetById } from '../scenarios/presets.ts'
import { brokenVariants } from './BrokenVariantButton.tsx'

describe('brokenVariants', () => {
  it('names the variants switched on, in each protocol’s own words', () => {
    const paxos = moduleFor('paxos')
    const config = { ...paxos.config.defaults(), bugs: { amnesiaOnCrash: true, smallQuorum: true } }
    expect(brokenVariants(paxos, config)).toEqual([
      'Acceptor forgets on crash',
      'Quorums too small to intersect',
    ])
    const mp = moduleFor('multipaxos')
    const mpConfig = mp.config.defaults() as { bugs: Record<string, boolean> }
    expect(brokenVariants(mp, { ...mpConfig, bugs: { ...mpConfig.bugs, noDedup: true } })).toEqual([
      expect.stringMatching(/dedup/i),
    ])
  })

  it('is empty for a correct protocol and for the lecture’s examples', () => {
    expect(brokenVariants(moduleFor('paxos'), moduleFor('paxos').config.defaults())).toEqual([])
    expect(brokenVariants(moduleFor('multipaxos'), moduleFor('multipaxos').config.defaults())).toEqual([])
    const basic = presetById('basic')!
    expect(brokenVariants(moduleFor('paxos'), basic.scenario.config)).toEqual([])
  })
})
