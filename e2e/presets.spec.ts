import { expect, openApp, position, settled, shot, test } from './fixtures.ts'
import { protocolPresetIds } from '../src/engine/index.ts'

/**
 * Every example reaches the outcome its explanation promises (mirrors src/scenarios/golden.test.ts):
 * the chosen value and how many decided, a livelock with nothing chosen, or a safety violation.
 */
const OUTCOMES: Record<string, { chosen: string } | { livelock: true } | { violated: true }> = {
  basic: { chosen: 'Chosen: 10 · decided 5/5' },
  'failed-prepare': { chosen: 'Chosen: B · decided 5/5' },
  'racing-adopt': { chosen: 'Chosen: 10 · decided 5/5' },
  dueling: { livelock: true },
  'dueling-backoff': { chosen: 'Chosen: B · decided 5/5' },
  'minority-crash': { chosen: 'Chosen: 10 · decided 5/5' },
  'majority-crash': { chosen: 'Chosen: 10 · decided 5/5' },
  'message-loss': { chosen: 'Chosen: 10 · decided 5/5' },
  partition: { chosen: 'Chosen: B · decided 5/5' },
  'flexible-quorums': { chosen: 'Chosen: A · decided 5/5' },
  'bug-ignore-prior': { violated: true },
  'bug-accept-below-promise': { violated: true },
  'bug-amnesia': { violated: true },
  'bug-small-quorum': { violated: true },
  'bug-duplicate-ballots': { violated: true },
}

for (const [id, outcome] of Object.entries(OUTCOMES)) {
  test(`?preset=${id} loads and reaches its outcome`, async ({ page }) => {
    await openApp(page, `?preset=${id}`)
    await expect(page.getByLabel('Choose an example run')).toHaveValue(id)
    await expect(position(page)).toContainText('step 0/')
    // A deliberately broken protocol says so in the top bar, before it misbehaves.
    const broken = page.getByRole('button', { name: /^Broken variant on:/ })
    if ('violated' in outcome) await expect(broken).toBeVisible()
    else await expect(broken).toHaveCount(0)
    await page.getByRole('button', { name: /^Jump to end/ }).click()
    await settled(page)
    if ('chosen' in outcome) {
      await expect(page.locator('.chip-chosen')).toHaveText(outcome.chosen)
      await expect(page.getByText('All invariants hold')).toBeVisible()
    } else if ('livelock' in outcome) {
      await expect(page.getByText('Nothing chosen yet')).toBeVisible()
      await expect(page.getByText('All invariants hold')).toBeVisible()
    } else {
      await expect(page.locator('.badge-bad')).toContainText(/violated/i)
      await expect(page.locator('.chip-conflict')).toContainText(' and ')
    }
  })
}

test('the broken-variant badge names the variant and opens the settings where it is switched on', async ({
  page,
}) => {
  await openApp(page, '?preset=mp-bug-skip-phase1')
  const broken = page.getByRole('button', {
    name: 'Broken variant on: new leader skips phase 1. ',
    exact: false,
  })
  await expect(broken).toBeVisible()
  await broken.click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByRole('checkbox', { name: 'Bug: new leader skips phase 1' })).toBeChecked()
  await dialog.getByRole('checkbox', { name: 'Bug: new leader skips phase 1' }).uncheck()
  await dialog.getByRole('button', { name: 'Apply and restart' }).click()
  await expect(page.getByRole('button', { name: /^Broken variant on:/ })).toHaveCount(0)
})

test('the examples gallery is grouped, explained and keyboard navigable', async ({ page }) => {
  await openApp(page)
  await page.getByRole('button', { name: 'Examples' }).click()
  const dialog = page.getByRole('dialog', { name: 'Examples' })
  for (const group of ['Lecture examples', 'Failures', 'Broken variants'])
    await expect(dialog.getByRole('heading', { name: group })).toBeVisible()
  // Every Paxos example, every other protocol's preset (Multi-Paxos), and the close button.
  await expect(dialog.getByRole('button')).toHaveCount(
    Object.keys(OUTCOMES).length + protocolPresetIds().length + 1,
  )
  await expect(dialog).toContainText('Ballots must be unique')
  await shot(page, 'gallery')
  const racing = dialog.getByRole('button', { name: /^Racing: P3 completes/ })
  await racing.focus()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Shift+Tab')
  await expect(racing).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(page.getByLabel('Choose an example run')).toHaveValue('racing-adopt')
  await expect(position(page)).toContainText('step 0/48')
})
