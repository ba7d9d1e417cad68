import { expect, openApp, position, settled, test } from './fixtures.ts'

/**
 * A Multi-Paxos run is spoken of in Multi-Paxos's words (issues 10, 11): the first-time hint, the
 * explorer's request budget, the step-limit banner and spec mode's model come from the run's
 * protocol, not from single-decree Paxos.
 */

const panel = (page: import('@playwright/test').Page) => page.locator('.explorer-panel')

test('the first-time hint says how to make a Multi-Paxos client send a command, not how to propose', async ({
  page,
}) => {
  await openApp(page, '?preset=mp-steady')
  const hint = page.locator('.hint')
  await expect(hint).toContainText('click a client (C1…) to send it a put or get')
  await expect(hint).not.toContainText('propose')
  // What the hint promises works: clicking C1 offers a request.
  await page.locator('.tl-lane-header[data-pid="6"]').click()
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeVisible()
})

test('the step-limit banner does not say Paxos finished', async ({ page }) => {
  await openApp(page, '?preset=mp-steady')
  await page.locator('body').press('End')
  await settled(page)
  const banner = page.locator('.limit-banner')
  await expect(banner).toContainText('step limit (Max steps)')
  await expect(banner).not.toContainText('Paxos')
  // Every command was answered: the story is told, so no call to raise Max steps.
  await expect(banner).toContainText("Every client's commands have been answered")
  await expect(banner).not.toContainText('Raise Max steps')
})

test("the explorer's request budget and spec mode's model follow the Multi-Paxos run", async ({ page }) => {
  await openApp(page, '?preset=mp-leader-crash')
  await page.getByRole('button', { name: 'Explore', exact: true }).click()
  const budgets = panel(page).locator('.explorer-budgets').first()
  await expect(budgets.getByLabel('Client requests')).toBeVisible()
  await expect(budgets).not.toContainText('Proposals')

  await panel(page)
    .getByRole('button', { name: /Model-check Paxos.tla/ })
    .click()
  const model = panel(page).getByLabel('Model', { exact: true })
  await expect(model).toHaveValue('multipaxos')
  // The user's own pick wins over the run's protocol, and stays.
  await model.selectOption('paxos')
  await expect(panel(page).getByRole('button', { name: 'Check the spec' })).toBeVisible()
  await panel(page).getByRole('button', { name: 'Find a schedule' }).click()
  await panel(page)
    .getByRole('button', { name: /Model-check Paxos.tla/ })
    .click()
  await expect(model).toHaveValue('paxos')
  await expect(position(page)).toContainText('step')
})

test('a single-decree Paxos run keeps its own words and Paxos.tla', async ({ page }) => {
  await openApp(page, '?preset=basic')
  await expect(page.locator('.hint')).toContainText('click a process to propose')
  await page.getByRole('button', { name: 'Explore', exact: true }).click()
  await expect(panel(page).locator('.explorer-budgets').first().getByLabel('Proposals')).toBeVisible()
  await panel(page)
    .getByRole('button', { name: /Model-check Paxos.tla/ })
    .click()
  await expect(panel(page).getByLabel('Model', { exact: true })).toHaveValue('paxos')
})

test("the help dialog teaches the run's protocol: Multi-Paxos's election and slots, not a proposer's value", async ({
  page,
}) => {
  await openApp(page, '?preset=mp-steady')
  await page.getByRole('button', { name: /Help/ }).click()
  const help = page.getByRole('dialog', { name: 'How to read Synod' })
  await expect(help).toContainText('Leader election (phase 1, once for every slot).')
  await expect(help).toContainText('Click a client (C1…) to send it a put or get')
  await expect(help).not.toContainText('propose a value')
  await page.keyboard.press('Escape')
  // The shortcuts too: a round is a slot's commit or a leader attempt, and there are no learners to run until.
  await page.keyboard.press('?')
  const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(keys).toContainText('Forward one round (a slot is chosen, or a new ballot starts phase 1)')
  await expect(keys).not.toContainText('Run until decided')
  await expect(keys).not.toContainText('ballot succeeds')
  await page.keyboard.press('Escape')
  // Back on single-decree Paxos, the same dialog speaks of proposers and values again.
  await page.getByLabel('Choose an example run').selectOption('basic')
  await page.getByRole('button', { name: /Help/ }).click()
  await expect(help).toContainText('Phase 1 (prepare / promise).')
  await expect(help).toContainText('Click a process to propose a value')
  await expect(help).not.toContainText('Leader election')
})

test('mp-bug-commit-short: after P1 commits and crashes, the chip does not say "Nothing committed yet"', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await openApp(page, '?preset=mp-bug-commit-short')
  const chip = page.locator('.topbar .chip').first()
  await page.locator('.tl-diagram').focus()
  const stepTo = async (step: number) => {
    for (let i = 0; i < 60 && !(await position(page).textContent())?.includes(`step ${step}/`); i++)
      await page.keyboard.press('ArrowRight')
    await settled(page)
  }
  await stepTo(29)
  await expect(chip).toContainText('Committed: 1')
  await stepTo(31)
  // P1 committed slot 1 and C1 has its answer; P1's crash took that knowledge with it.
  await expect(chip).toContainText('No replica knows a commit now (P1 crashed)')
  await expect(chip).not.toContainText('yet')
  await expect(chip).toHaveAttribute('title', /^P1 committed slot 1, then crashed/)
})
