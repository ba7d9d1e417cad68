import { expect, openApp, position, settled, shot, test } from './fixtures.ts'

/**
 * Acting early in an example keeps the example's later actions that still mean the same, and the
 * app says what it kept and removed (store/laterActions.ts; tester4 defect 2: the race became the
 * basic run, silently).
 */
test('racing-adopt: a drop at step 6 keeps P3’s proposal at step 8 and says so', async ({ page }) => {
  await openApp(page, '?preset=racing-adopt')
  await expect(position(page)).toContainText('/48')
  const diagram = page.locator('.tl-diagram')
  await diagram.focus()
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText('step 6/')
  await page.locator('.inflight-item[data-msg-id="7"]').click()
  await page.getByRole('button', { name: 'Drop' }).click()
  await settled(page)
  const notice = page.locator('.notice-banner', { hasText: 'Your drop at step 6' })
  await expect(notice).toContainText("kept the example's later actions at their steps")
  await expect(notice).toContainText('asked P3 to propose 20')
  await shot(page, 'later-actions-kept')
  // The race still happens: far longer than the basic run's 27 steps.
  const total = Number(/\/(\d+)/.exec((await position(page).textContent()) ?? '')?.[1])
  expect(total).toBeGreaterThan(40)
  await page.keyboard.press('End')
  await expect(page.locator('.feed')).toContainText('P3')
})

test('from the keyboard: OK on the notice leaves the focus on the diagram, not the page', async ({
  page,
}) => {
  await openApp(page, '?preset=racing-adopt')
  const diagram = page.locator('.diagram-pane .tl-diagram')
  await diagram.focus()
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight')
  await page.locator('.inflight-item[data-msg-id="7"]').click()
  await page.getByRole('button', { name: 'Drop' }).click()
  await settled(page)
  const ok = page
    .locator('.notice-banner', { hasText: 'Your drop at step 6' })
    .getByRole('button', { name: 'OK' })
  await ok.focus()
  await page.keyboard.press('Enter')
  await expect(ok).toHaveCount(0)
  await expect(diagram).toBeFocused()
  // The next key works on the run.
  await page.keyboard.press('Home')
  await expect(position(page)).toContainText('step 0/')
})
