import { expect, openApp, position, procCard, settled, test } from './fixtures.ts'

/**
 * A newcomer's test (issue 14): crashing a minority process after the decision made the 48-step
 * racing-adopt lesson run 2,000 steps of lost re-sends to the step limit. The run now rests once
 * every process that is up knows the decision, says why, and recovering the process goes on.
 */
test('a minority crash after the decision: the run rests, says why, and the process learns once it recovers', async ({
  page,
}) => {
  await openApp(page, '?preset=racing-adopt')
  for (let i = 0; i < 22; i++) await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText('step 22/48')
  await page.locator('.tl-lane-header[data-pid="5"]').click()
  await page.getByRole('button', { name: 'Crash P5' }).click()
  await settled(page)
  await page.keyboard.press('Escape')
  await expect(position(page)).toContainText(/step 22\/44\b/)
  await page.keyboard.press('End')
  await expect(position(page)).toContainText('step 44/44')
  await expect(page.locator('.feed-line.current').last()).toContainText(
    'would go to P5, which is down, and be lost; every other process knows the decision. Nothing more happens unless P5 recovers',
  )
  // Not the step-limit banner: the run did not stop at Max steps.
  await expect(page.getByText(/stopped at Max steps|Raise Max steps/)).toHaveCount(0)
  await expect(page.locator('.chip-chosen')).toContainText('decided 4/5')

  await page.locator('.tl-lane-header[data-pid="5"]').click()
  await page.getByRole('button', { name: 'Recover P5' }).click()
  await settled(page)
  await page.keyboard.press('Escape')
  await page.keyboard.press('End')
  await expect(page.locator('.chip-chosen')).toContainText('decided 5/5')
  await expect(procCard(page, 5)).not.toContainText('down')
})
