import { expect, openApp, position, settled, shot, skipPhase1, test } from './fixtures.ts'

/**
 * The explorer on Multi-Paxos (issue 11): its goals are Multi-Paxos's, and on the skip-phase-1
 * broken variant it finds the shortest run in which two commands are chosen in one slot (the
 * invariant the example's own ⚠ pill names), opened on the diagram at the violation, named in
 * lecture words.
 */

const panel = (page: import('@playwright/test').Page) => page.locator('.explorer-panel')

test('skip phase 1: the explorer finds two commands chosen in slot 1', async ({ page }) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1280, height: 800 })
  await openApp(page, '?preset=mp-bug-skip-phase1')
  await page.getByRole('button', { name: 'Explore', exact: true }).click()
  // Multi-Paxos's goals, one per invariant in its words; none of single-decree Paxos's.
  const goal = panel(page).getByLabel('Goal')
  await expect(goal).toHaveValue('slot-agreement')
  await expect(goal.locator('option')).toHaveText([
    'Any invariant violation',
    'Violated: per-slot agreement (never two different commands chosen in one slot)',
    'Violated: executed prefixes agree across replicas',
    'Violated: each client command is executed at most once',
    'Violated: the client-observed history is linearizable',
    'a command is chosen in some slot',
    'a new leader fills a hole with a no-op',
    'a lagging replica catches up',
    'Livelock: no slot chosen for N steps while a client waits',
  ])
  // It starts where the example sets its stage (P5 cut off, then back), not at step 0.
  await expect(panel(page)).toContainText('From step 26 of this example, keeping what sets its stage')

  await panel(page).getByRole('button', { name: 'Find a violation' }).click()
  const verdict = panel(page).locator('.explorer-verdict')
  await expect(verdict).toContainText(
    'Violated: per-slot agreement (never two different commands chosen in one slot). Slot 1: C1.1:put(a1) (chosen by a majority at ballot 1.1) and noop (chosen by a majority at ballot 2.5)',
    { timeout: 150_000 },
  )
  await settled(page)
  // Opened at the violation; the run goes on to its step limit, but that is not where we are.
  await expect(position(page)).toContainText('step 54/')
  await expect(position(page)).not.toContainText('stopped at Max steps')
  // The verdict names the goal it searched for, and the one-click button still looks for it with
  // the found run loaded (it said "Any invariant violation" beside a result for another goal).
  await expect(verdict).toContainText(
    'Found (goal: “Violated: per-slot agreement (never two different commands chosen in one slot)”)',
  )
  await expect(panel(page).locator('.explorer-find-goal')).toContainText(
    'Looks for: Violated: per-slot agreement',
  )
  // One number for the schedule's length: 28 steps and 2 changes are 30 moves, the depth shown.
  await expect(verdict).toContainText('a schedule of 30 moves from step 26 to step 54')
  await expect(panel(page).locator('.explorer-stats')).toContainText('Depth30')
  // The lesson is the run's first violation: no earlier one this search did not look for.
  await expect(panel(page).locator('.explorer-earlier')).toHaveCount(0)
  // Finished: no part-filled progress bar left behind.
  await expect(panel(page).locator('progress')).toHaveCount(0)
  await expect(verdict).toContainText('It is on the diagram now, at step 54')
  await expect(page.locator('.badge-bad')).toContainText('Violated: per-slot agreement')
  await expect(page.locator('.badge-bad')).toContainText('step 54')
  await expect(
    page.locator('.tl-label-alarm').filter({ hasText: 'Violated: per-slot agreement' }),
  ).toBeVisible()
  // What the explorer added to the preset's stage, in the lecture's words, each showing its step.
  const changes = panel(page).getByRole('list', { name: 'What the explorer changed' }).getByRole('button')
  await expect(changes).toHaveText(['step 26 asked C1 to send a write', 'step 27 crashed P1'])
  await shot(page, 'multipaxos-explorer-skip-phase1')
  await changes.nth(1).click()
  await expect(position(page)).toContainText('step 27/')
  await expect(page.locator('.proc-card').first()).toContainText('down')
  await panel(page).getByRole('button', { name: 'Back to step 54' }).click()
  await expect(position(page)).toContainText('step 54/')
})

test('the livelock goal finds dueling leaders committing nothing while a client waits', async ({ page }) => {
  await openApp(page, '?preset=mp-dueling-leaders')
  await page.keyboard.press('e')
  await panel(page).getByLabel('Goal').selectOption('livelock')
  await panel(page).getByLabel('Steps without a commit (N)').fill('40')
  await panel(page).getByLabel('Client requests').fill('0')
  await panel(page).getByRole('button', { name: 'Search schedules' }).click()
  await expect(panel(page).locator('.explorer-verdict')).toContainText(
    '40 steps without a slot chosen while C1 waits for C1.1:put(a1)',
    { timeout: 60_000 },
  )
  await expect(panel(page).locator('.explorer-verdict')).toContainText(
    "The explorer changed nothing: the run's own schedule reaches the goal.",
  )
})

test('a student ticks "skip phase 1" on the lecture preset; Find a violation shows two commands chosen in slot 3', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1280, height: 800 })
  await openApp(page, '?preset=mp-leader-crash')
  await page.getByRole('button', { name: 'Explore', exact: true }).click()
  // The lecture's run is correct: nothing to find with one click.
  await expect(panel(page).getByRole('button', { name: 'Find a violation' })).toHaveCount(0)
  await skipPhase1(page)

  await panel(page).getByRole('button', { name: 'Find a violation' }).click()
  const verdict = panel(page).locator('.explorer-verdict')
  // Any violation, as the button says: the first the run breaks, the one the header names.
  await expect(verdict).toContainText(
    'Violated: per-slot agreement (never two different commands chosen in one slot). Slot 3: C1.2:put(a2) (chosen by a majority at ballot 1.1) and noop (chosen by a majority at ballot 2.4)',
    { timeout: 150_000 },
  )
  await settled(page)
  const changes = panel(page).getByRole('list', { name: 'What the explorer changed' }).getByRole('button')
  await expect(changes).toHaveText([
    'step 64 dropped #50 (accept 1.1 3=C1.2:put(a2), P1→P4)',
    'step 74 crashed P1',
  ])
  await expect(page.locator('.badge-bad')).toContainText('Violated: per-slot agreement')
  await expect(page.locator('.badge-bad')).toContainText('step 90')
  await expect(verdict).toContainText('It is on the diagram now, at step 90')
  await expect(
    page.locator('.tl-label-alarm').filter({ hasText: 'Violated: per-slot agreement' }),
  ).toBeVisible()
  await shot(page, 'multipaxos-explorer-skip-phase1-toggled')
})

// Issue 11's "Done means", on the form's own button (tester6 #1: it searched from step 0 without
// the lecture's requests and found nothing, while "Find a violation" found the run).
test('a student ticks "skip phase 1" on the lecture preset, picks "executed prefixes agree" and Search schedules finds two replicas executing different commands in one slot', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1280, height: 800 })
  await openApp(page, '?preset=mp-leader-crash')
  await skipPhase1(page)
  await page.getByRole('button', { name: 'Explore', exact: true }).click()
  await panel(page)
    .getByLabel('Goal')
    .selectOption({ label: 'Violated: executed prefixes agree across replicas' })
  await expect(panel(page)).toContainText('From step 49 of this run, keeping what sets its stage')
  await panel(page).getByRole('button', { name: 'Search schedules' }).click()
  const verdict = panel(page).locator('.explorer-verdict')
  await expect(verdict).toContainText(
    /Violated: executed prefixes agree across replicas\. Slot \d+: P\d executed \S+, P\d executed/,
    {
      timeout: 150_000,
    },
  )
  // The form's search shows its run when asked (the one-click button loads it at once).
  await panel(page).getByRole('button', { name: 'Load onto the diagram' }).click()
  await settled(page)
  // The run breaks per-slot agreement first (two commands chosen in slot 3, then executed): the
  // header names that one, and the verdict says it came earlier than the goal.
  await expect(page.locator('.badge-bad')).toContainText('Violated: per-slot agreement')
  await expect(panel(page).locator('.explorer-earlier')).toContainText('per-slot agreement')
})

// QA: on mp-steady the one-click search once reported step 87 (executed prefixes) of a run whose
// header said "Violated · step 76" (per-slot agreement), and the diagram stayed at ticks 0-55,
// the cursor out of sight: the found run has the seed and settings of the run on screen, so it
// kept that run's view, and with follow off nothing brought the cursor back.
test('Find a violation on mp-steady with skip phase 1: the first violation, shown at the cursor', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1280, height: 900 })
  await openApp(page, '?preset=mp-steady')
  await skipPhase1(page)
  // The student had looked around: follow is off and the view is at the start of the run.
  const diagram = page.locator('.tl-diagram')
  await diagram.focus()
  await page.keyboard.press('f')
  await expect(page.getByRole('button', { name: 'Follow the newest events' })).toHaveAttribute(
    'aria-pressed',
    'false',
  )
  await page.getByRole('button', { name: 'Explore', exact: true }).click()
  await panel(page).getByRole('button', { name: 'Find a violation' }).click()
  const verdict = panel(page).locator('.explorer-verdict')
  await expect(verdict).toContainText('Violated: per-slot agreement', { timeout: 150_000 })
  await settled(page)
  await expect(verdict).toContainText('from step 0 to step 54')
  await expect(position(page)).toContainText('step 54/')
  await expect(page.locator('.badge-bad')).toContainText('step 54')
  await expect(verdict).toContainText('It is on the diagram now, at step 54')
  await expect(verdict).not.toContainText('Before that')
  // The cursor's pill is on screen, inside the diagram, left of the explorer panel.
  const pill = page.locator('.tl-cursor')
  await expect(pill).toContainText('step 54')
  await expect(pill).toBeInViewport()
  const box = (await pill.boundingBox())!
  const plot = (await diagram.boundingBox())!
  const side = (await panel(page).boundingBox())!
  expect(box.x).toBeGreaterThanOrEqual(plot.x)
  expect(box.x + box.width).toBeLessThanOrEqual(Math.min(plot.x + plot.width, side.x))
})

// QA: a goal that breaks no rule was shown in the red violation box, its words without a full stop.
test('a goal that is not a violation is shown as a finding, not in the violation box', async ({ page }) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1280, height: 900 })
  await openApp(page, '?preset=mp-steady')
  await skipPhase1(page)
  await page.getByRole('button', { name: 'Explore', exact: true }).click()
  await panel(page).getByLabel('Goal').selectOption({ label: 'a new leader fills a hole with a no-op' })
  await panel(page).getByRole('button', { name: 'Find the shortest run' }).click()
  const verdict = panel(page).locator('.explorer-verdict')
  await expect(verdict).toContainText('Found', { timeout: 150_000 })
  await expect(verdict).not.toHaveClass(/\bbad\b/)
  await expect(verdict).toHaveClass(/\bfound\b/)
  await expect(verdict.locator('.explorer-found-what')).toHaveText(/^P\d fills slot [\d, ]+ with a no-op\.$/)
})
