import { strToU8, zlibSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { presetById } from './presets.ts'
import { decodeScenarioLink, decodeScenarioLinkInSlices, encodeScenarioHash, toBase64Url } from './url.ts'

/**
 * Links are decoded on the app's main thread in slices with a turn for the page between them
 * (urlSync.ts), so a link that inflates to megabytes never holds the page in one long task
 * (issue 14: a 5 KB link inflating to 3.9 MB, or a bomb refused at 4 MB, was one 330–360 ms task
 * at load). The sliced decoder must say exactly what the one-task decoder says.
 */
const racingHash = `#${encodeScenarioHash(presetById('racing-adopt')!.scenario)}`
/** A valid scenario padded with 3.9 MB of spaces: a 5 KB link (valid JSON; Synod never writes it). */
const padded = `#s=1.${toBase64Url(
  zlibSync(strToU8(`{"format":2,"protocol":"paxos","title":"padded"${' '.repeat(3_900_000)}}`), { level: 9 }),
)}`
/** 48 MB of spaces: refused once past the 4 MB limit. */
const bomb = `#s=1.${toBase64Url(zlibSync(new Uint8Array(48_000_000).fill(32), { level: 9 }))}`

const links: Record<string, string> = {
  racing: racingHash,
  padded,
  bomb,
  truncated: racingHash.slice(0, Math.floor(racingHash.length * 0.7)),
  corrupt: `#s=1.${toBase64Url(strToU8('not zlib at all'))}`,
  'no scenario': '#x=1',
  'newer version': '#s=9.abc',
  'not JSON': `#s=1.${toBase64Url(zlibSync(strToU8('{nope'), { level: 9 }))}`,
}

describe('decoding a link in slices', () => {
  for (const [name, link] of Object.entries(links)) {
    it(`says what the one-task decoder says: ${name}`, async () => {
      const turn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))
      expect(await decodeScenarioLinkInSlices(link, turn)).toEqual(decodeScenarioLink(link))
    })
  }

  it('gives the page a turn between slices of a link that inflates to megabytes', async () => {
    for (const link of [padded, bomb]) {
      let turns = 0
      const turn = (): Promise<void> => {
        turns++
        return Promise.resolve()
      }
      await decodeScenarioLinkInSlices(link, turn)
      // A slice is 512 compressed bytes; these links hold several such slices.
      expect(turns).toBeGreaterThan(5)
    }
  })

  it('a turn that is not needed (null) lets decoding go on in the same task', async () => {
    let asked = 0
    const r = await decodeScenarioLinkInSlices(padded, () => {
      asked++
      return null
    })
    expect(r).toEqual(decodeScenarioLink(padded))
    expect(asked).toBeGreaterThan(0)
  })
})
