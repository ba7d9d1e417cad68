import { expect, openApp, position, settled, shot, test } from './fixtures.ts'

/** Understanding a counterexample: lecture words, the explorer's changes, opened at the violation. */

const panel = (page: import('@playwright/test').Page) => page.locator('.explorer-panel')
const RAW_IDS = /no-accept-below-promise|promise-monotonic|Stability violated|SAFETY VIOLATED|\(agreement\)/

test('a found violation is named in lecture words, lists its changes, and opens at the violation', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 })
  await openApp(page, '?preset=bug-amnesia')
  await page.getByRole('button', { name: 'Explore', exact: true }).click()
  await panel(page).getByRole('button', { name: 'Find a violation' }).click()
  const verdict = panel(page).locator('.explorer-verdict')
  await expect(verdict).toContainText('Violated: Agreement: at most one value is chosen or decided', {
    timeout: 60_000,
  })
  await settled(page)
  // Opened at the step where two values are chosen, not at step 0.
  await expect(position(page)).toContainText('step 18/')
  await expect(verdict).toContainText('It is on the diagram now, at step 18')
  // The same name on the diagram, in the narration and in the badge; never a raw rule id.
  await expect(page.locator('.tl-label-alarm').filter({ hasText: 'Violated: Agreement' })).toBeVisible()
  await expect(page.locator('body')).not.toContainText(RAW_IDS)
  // What the explorer changed, each a button that shows its step.
  const changes = panel(page).getByRole('list', { name: 'What the explorer changed' }).getByRole('button')
  await expect(changes).toHaveText([
    'step 7 crashed P1',
    'step 7 recovered P1',
    'step 7 asked P2 to propose X',
    'step 16 crashed P2',
  ])
  await shot(page, 'explorer-counterexample-1024')
  await changes.nth(3).focus()
  await page.keyboard.press('Enter')
  await expect(position(page)).toContainText('step 16/')
  await expect(page.locator('.proc-card').nth(1)).toContainText('down')
  // Back to the violation, then the whole run from the start: playback pauses at the violation.
  await panel(page).getByRole('button', { name: 'Back to step 18' }).click()
  await expect(position(page)).toContainText('step 18/')
  await panel(page).getByRole('button', { name: 'Play from the start' }).click()
  await expect(page.getByRole('button', { name: /^Pause/ })).toBeVisible()
  await expect(position(page)).toContainText('step 18/', { timeout: 30_000 })
  await expect(page.getByRole('button', { name: /^Play/ }).first()).toBeVisible()
})

test("spec mode says it checks correct Paxos.tla, not the scenario's bug", async ({ page }) => {
  await openApp(page, '?preset=bug-amnesia')
  await page.keyboard.press('e')
  await panel(page)
    .getByRole('button', { name: /Model-check Paxos.tla/ })
    .click()
  const note = "The scenario's broken variant “No stable storage” is not part of this model"
  await expect(panel(page).locator('.explorer-form .explorer-warning')).toContainText(note)
  await panel(page).getByLabel('Max ballot (ballots 0..b)').fill('1')
  await panel(page).getByRole('button', { name: 'Check the spec' }).click()
  const verdict = panel(page).locator('.explorer-verdict')
  await expect(verdict).toContainText('agreement holds (exhaustive', { timeout: 30_000 })
  await expect(verdict).toContainText(
    "Model checked: Lamport's Paxos.tla, the correct protocol, with 3 acceptors, 2 values, ballots 0..1 and quorums of 2",
  )
  await expect(verdict).toContainText(note)
  await shot(page, 'explorer-spec-says-its-model')
})
