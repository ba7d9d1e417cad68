import { expect, openApp, position, settled, shot, test } from './fixtures.ts'

/**
 * tester4 defect 1: on the Multi-Paxos broken variants' examples, Explore → Search schedules with
 * the panel's own defaults found nothing, once saying "Not reachable … all 15,836 states were
 * explored" beside a run showing the violation: the search started at step 0, without the
 * example's partition and heal, which it has no budget for. It now starts where the example sets
 * its stage, and looks for the invariant the run's own ⚠ pill names.
 */

const panel = (page: import('@playwright/test').Page) => page.locator('.explorer-panel')

test('mp-bug-ignore-promises: Search schedules with the defaults finds the pill’s violation and loads it', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await page.setViewportSize({ width: 1280, height: 800 })
  await openApp(page, '?preset=mp-bug-ignore-promises')
  // The run's own ⚠ pill, at its end.
  await page.locator('.tl-diagram').focus()
  await page.keyboard.press('End')
  await settled(page)
  await expect(page.locator('.badge-bad')).toContainText('Violated: per-slot agreement')
  await page.keyboard.press('Home')
  await settled(page)

  await page.getByRole('button', { name: 'Explore', exact: true }).click()
  // The lesson is that same invariant, and the search starts at the example's stage.
  await expect(panel(page).getByLabel('Goal')).toHaveValue('slot-agreement')
  await expect(panel(page).locator('.explorer-form')).toContainText(
    'From step 55 of this example, keeping what sets its stage (partitioned the network into {P1, P2, P3, C1} | {P4, P5} at step 9; healed the partition at step 55)',
  )
  await panel(page).getByRole('button', { name: 'Search schedules' }).click()
  const verdict = panel(page).locator('.explorer-verdict')
  await expect(verdict).toContainText(
    'Violated: per-slot agreement (never two different commands chosen in one slot). Slot 1: C1.1:put(a1)',
    { timeout: 90_000 },
  )
  await expect(verdict).not.toContainText('Not reachable')
  const changes = panel(page).getByRole('list', { name: 'What the explorer changed' }).getByRole('button')
  await expect(changes).toHaveText(['step 55 crashed P1'])
  await panel(page).getByRole('button', { name: 'Load onto the diagram' }).click()
  await settled(page)
  await expect(position(page)).toContainText('step 73/')
  await expect(page.locator('.badge-bad')).toContainText('Violated: per-slot agreement')
  await expect(page.locator('.badge-bad')).toContainText('step 73')
  await shot(page, 'explorer-lesson-ignore-promises')
})

test('a search without the crash the run needs names the run’s own crash and campaign it left out', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await openApp(page, '?preset=mp-bug-ignore-promises')
  await page.getByRole('button', { name: 'Explore', exact: true }).click()
  // A student takes away the one crash the search may add: every state is explored, and the
  // verdict says which of the run's own changes were outside the search, so "not reachable"
  // is not read as "this bug cannot break agreement".
  await panel(page).getByLabel('Crashes').fill('0')
  await panel(page).getByRole('button', { name: 'Search schedules' }).click()
  const verdict = panel(page).locator('.explorer-verdict')
  await expect(verdict).toContainText('Not reachable within these budgets', { timeout: 90_000 })
  await expect(verdict).toContainText('from step 55 with at most')
  await expect(verdict).toContainText(
    "Not among what the search can add, this run's own changes (crashed P1 at step 55; asked P5 to campaign for leadership at step 55) were left out: the run on the diagram may reach the goal only through them.",
  )
})

test('searched from the end of the run, the verdict says the run broke it before the search’s start', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await openApp(page, '?preset=mp-bug-ignore-promises')
  await page.locator('.tl-diagram').focus()
  await page.keyboard.press('End')
  await settled(page)
  await page.getByRole('button', { name: 'Explore', exact: true }).click()
  await panel(page).getByRole('button', { name: 'Search schedules' }).click()
  const verdict = panel(page).locator('.explorer-verdict')
  await expect(verdict).toContainText('Not reachable within these budgets', { timeout: 90_000 })
  await expect(verdict).toContainText(
    'This run already broke it at step 71 (Violated: per-slot agreement (never two different commands chosen in one slot)), before step',
  )
  await expect(verdict).toContainText('go back (Home) and search again')
})
