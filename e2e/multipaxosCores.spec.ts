import { expect, openApp, shot, test } from './fixtures.ts'

/**
 * Issue 13, "use the user's cores": on a device that reports 4 cores the Multi-Paxos check
 * splits its frontier across 3 shard workers (one core is left to the page) and still reads
 * 343,796 states; on 2 cores it runs as one search.
 */

const panel = (page: import('@playwright/test').Page) => page.locator('.explorer-panel')

async function openMultiPaxos(page: import('@playwright/test').Page, cores: number): Promise<void> {
  await page.addInitScript((n) => {
    Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => n })
  }, cores)
  await openApp(page)
  await page.keyboard.press('e')
  await panel(page)
    .getByRole('button', { name: /Model-check Paxos.tla/ })
    .click()
  await panel(page).getByLabel('Model', { exact: true }).selectOption({ label: 'Multi-Paxos (SMR model)' })
}

test('4 cores: 3 shard workers check the small model and find 343,796 states, as one search does', async ({
  page,
}) => {
  test.setTimeout(180_000)
  const shards: string[] = []
  page.on('worker', (w) => {
    if (w.url().includes('shard.worker')) shards.push(w.url())
  })
  await openMultiPaxos(page, 4)
  await expect(panel(page)).toContainText(
    'Splits the search across 3 workers (this device reports 4 cores), with the same counts.',
  )
  await panel(page).getByRole('button', { name: 'Check', exact: true }).click()
  const verdict = panel(page).locator('.explorer-verdict')
  await expect(verdict).toContainText('343,796 states, every one linearizable, no deadlock', {
    timeout: 150_000,
  })
  await expect(verdict).toContainText('736,012 states generated, depth 28')
  expect(shards).toHaveLength(3)
  await shot(page, 'explorer-multipaxos-3-workers')
})

test('4 cores: a broken variant still gets the shortest run to its violation', async ({ page }) => {
  await openMultiPaxos(page, 4)
  await panel(page).getByLabel('Broken variant').selectOption({ label: 'Commit with one accept too few' })
  await panel(page).getByRole('button', { name: 'Check', exact: true }).click()
  const verdict = panel(page).locator('.explorer-verdict')
  await expect(verdict).toContainText('Linearizability violated after 10 steps', { timeout: 60_000 })
  await expect(panel(page).locator('.explorer-sequence li')).toHaveCount(10)
})

test('2 cores: one search, and the form says why', async ({ page }) => {
  await openMultiPaxos(page, 2)
  await expect(panel(page)).toContainText(
    'Runs as one search (this device reports 2 cores; one is left to the page).',
  )
})
