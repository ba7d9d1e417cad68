import { expect, openApp, position, test } from './fixtures.ts'

test('predict, then reveal: a Think beat takes a guess and answers with the reason', async ({ page }) => {
  await openApp(page, '?preset=racing-adopt')
  for (let i = 0; i < 22; i++) await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText('step 22/48')
  const beat = page.locator('.beat')
  await expect(beat).toContainText('Which value must P3 propose?')
  const guesses = beat.getByRole('group', { name: 'Your prediction' })
  await expect(guesses.getByRole('button')).toHaveCount(3)

  await guesses.getByRole('button', { name: '20, its own value' }).click()
  const result = beat.getByRole('status')
  await expect(result).toContainText('Not quite.')
  await expect(result).toContainText('the answer is “10, the value P2 reports”')
  await expect(result).toContainText('10 may already be chosen')

  // Try again by keyboard: the choices come back and Enter picks one.
  await beat.getByRole('button', { name: 'Try again' }).click()
  await guesses.getByRole('button', { name: '10, the value P2 reports' }).focus()
  await page.keyboard.press('Enter')
  await expect(result).toContainText('Right.')

  // The next step reveals it on the diagram; the question and its answer belong to their beat.
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('.beat')).toContainText('P3 proposes 10, not its own 20')
  await expect(page.locator('.predict')).toHaveCount(0)
})

test('a Multi-Paxos example asks too: the new leader’s slots 3 and 4, answered before the run shows them', async ({
  page,
}) => {
  await openApp(page, '?preset=mp-leader-crash')
  for (let i = 0; i < 79; i++) await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText('step 79/200')
  const beat = page.locator('.beat')
  await expect(beat.locator('.beat-tag')).toHaveText('Think')
  await expect(beat).toContainText('what will it propose in slot 3, and in slot 4?')
  const guesses = beat.getByRole('group', { name: 'Your prediction' })
  await expect(guesses.getByRole('button')).toHaveCount(3)
  await guesses.getByRole('button', { name: '3: C1.2:put(a2); 4: a no-op' }).click()
  await expect(beat.getByRole('status')).toContainText('Right.')
  await expect(beat.getByRole('status')).toContainText('P2 fills the hole with a no-op')
})
