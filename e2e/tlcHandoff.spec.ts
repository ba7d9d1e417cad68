import { strFromU8, unzipSync } from 'fflate'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, openApp, test } from './fixtures.ts'

const panel = (page: import('@playwright/test').Page) => page.locator('.explorer-panel')
const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'multipaxos-stale-read.tlc.json')

async function openSpecMode(page: import('@playwright/test').Page): Promise<void> {
  await openApp(page)
  await page.keyboard.press('e')
  await panel(page)
    .getByRole('button', { name: /Model-check Paxos.tla/ })
    .click()
}

test('a TLC counterexample (-dumpTrace json) is replayed and listed step by step', async ({ page }) => {
  await openSpecMode(page)
  await panel(page)
    .getByLabel(/Load a TLC trace/)
    .setInputFiles(fixture)
  const verdict = panel(page).locator('.explorer-import .explorer-verdict')
  await expect(verdict).toContainText('TLC trace of MultiPaxos.tla (3 replicas, 1 writes, 1 reads')
  await expect(verdict).toContainText('Linearizability is violated in its last state')
  await expect(verdict.locator('.explorer-sequence li')).toHaveCount(10)
  await expect(verdict.locator('.explorer-sequence li').last()).toContainText('client sees Ack r1 → "nil"')
})

test('a file that is not a TLC trace is refused with the reason', async ({ page }) => {
  await openSpecMode(page)
  await panel(page)
    .getByLabel(/Load a TLC trace/)
    .setInputFiles({
      name: 'x.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"state": [[1, {"x": 1}]]}'),
    })
  await expect(panel(page).getByRole('alert')).toContainText(
    "Not a trace Synod can replay: the variables x are neither Paxos.tla's",
  )
})

test('Export for TLC downloads MC.tla, MC.cfg and the README for the chosen model', async ({ page }) => {
  await openSpecMode(page)
  await panel(page).getByLabel('Model', { exact: true }).selectOption('multipaxos')
  await panel(page).getByLabel('Replicas', { exact: true }).fill('5')
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel(page).getByRole('button', { name: 'Export for TLC' }).click(),
  ])
  expect(download.suggestedFilename()).toBe('synod-multipaxos-5r-1w-1r-b2-tlc.zip')
  const files = unzipSync(readFileSync(await download.path()))
  expect(Object.keys(files).sort()).toEqual(['MC.cfg', 'MC.tla', 'README.md'])
  expect(strFromU8(files['MC.cfg'] as Uint8Array)).toContain('Replicas = {s1, s2, s3, s4, s5}')
  expect(strFromU8(files['README.md'] as Uint8Array)).toContain('-workers auto')
})
