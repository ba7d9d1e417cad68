import { expect, openApp, shot, test } from './fixtures.ts'

const panel = (page: import('@playwright/test').Page) => page.locator('.explorer-panel')
const statesShown = async (page: import('@playwright/test').Page): Promise<number> =>
  Number(((await page.getByTestId('multipaxos-states').textContent()) ?? '0').replace(/,/g, ''))

async function openMultiPaxos(page: import('@playwright/test').Page): Promise<void> {
  await openApp(page)
  await page.keyboard.press('e')
  await panel(page)
    .getByRole('button', { name: /Model-check Paxos.tla/ })
    .click()
  await panel(page).getByLabel('Model', { exact: true }).selectOption({ label: 'Multi-Paxos (SMR model)' })
}

test('Multi-Paxos: 3 replicas, one write, one read: 343,796 states, linearizable, no deadlock', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await openMultiPaxos(page)
  await expect(panel(page).getByLabel('Replicas', { exact: true })).toHaveValue('3')
  await expect(panel(page).getByLabel('Writes', { exact: true })).toHaveValue('1')
  await expect(panel(page).getByLabel('Reads', { exact: true })).toHaveValue('1')
  await panel(page).getByRole('button', { name: 'Check', exact: true }).click()
  await expect(panel(page).locator('.explorer-verdict')).toContainText(
    '343,796 states, every one linearizable, no deadlock',
    { timeout: 90_000 },
  )
  await expect(panel(page).locator('.explorer-verdict')).toContainText('736,012 states generated, depth 28')
  await shot(page, 'explorer-multipaxos-exhaustive')
})

test('Multi-Paxos: committing with one accept too few gives the stale read, step by step', async ({
  page,
}) => {
  await openMultiPaxos(page)
  await panel(page).getByLabel('Broken variant').selectOption({ label: 'Commit with one accept too few' })
  await panel(page).getByRole('button', { name: 'Check', exact: true }).click()
  const verdict = panel(page).locator('.explorer-verdict')
  await expect(verdict).toContainText('Linearizability violated after 10 steps', { timeout: 30_000 })
  await expect(verdict).toContainText('r1 returned "nil" though w1 was acknowledged before r1 was requested')
  await expect(panel(page).locator('.explorer-sequence li')).toHaveCount(10)
  await expect(panel(page).locator('.explorer-sequence li').first()).toContainText('BecomeLeader')
})

test('Multi-Paxos: a long check shows progress and Cancel stops it', async ({ page }) => {
  await openMultiPaxos(page)
  await panel(page).getByLabel('Writes', { exact: true }).fill('2')
  await panel(page)
    .getByRole('checkbox', { name: /Symmetry reduction/ })
    .uncheck()
  await panel(page).getByRole('button', { name: 'Check', exact: true }).click()
  await expect.poll(() => statesShown(page), { timeout: 20_000 }).toBeGreaterThan(20_000)
  await panel(page).getByRole('button', { name: 'Cancel' }).click()
  await expect(panel(page).locator('.explorer-verdict')).toContainText(/Cancelled after [\d,]+ states/)
  // The Paxos.tla form is still there, untouched, when switching back.
  await panel(page).getByLabel('Model', { exact: true }).selectOption('paxos')
  await expect(panel(page).getByRole('button', { name: 'Check the spec' })).toBeVisible()
})
