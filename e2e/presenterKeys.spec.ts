import type { Page } from '@playwright/test'
import { cursorStep, expect, openApp, position, test } from './fixtures.ts'

/** A clicker's keys at a 1024×768 projector: next, previous, blank; and `?` for the list. */
test.use({ viewport: { width: 1024, height: 768 } })

async function present(page: Page, preset: string): Promise<void> {
  await openApp(page, `?preset=${preset}`)
  await page.keyboard.press('p')
  await expect(page.locator('.presenter')).toBeVisible()
}

test("a clicker's blank key (B or .) blanks the screen; the next click shows it again where it was", async ({
  page,
}) => {
  await present(page, 'racing-adopt')
  await page.keyboard.press('PageDown')
  const before = await position(page).textContent()
  const blank = page.getByRole('button', { name: 'The screen is blank. Show it again (B)' })
  await page.keyboard.press('b')
  await expect(blank).toBeVisible()
  // The black covers the whole screen.
  expect(await blank.boundingBox()).toMatchObject({ x: 0, y: 0, width: 1024, height: 768 })
  // Space does not play the run unseen; the clicker's next only shows the screen again.
  await page.keyboard.press('Space')
  await page.keyboard.press('PageDown')
  await expect(blank).toBeHidden()
  await expect(position(page)).toHaveText(before!)
  await page.keyboard.press('.')
  await expect(blank).toBeVisible()
  await page.keyboard.press('.')
  await expect(blank).toBeHidden()
  // Esc on a blank screen shows it again, and stays in presenter mode.
  await page.keyboard.press('B')
  await page.keyboard.press('Escape')
  await expect(blank).toBeHidden()
  await expect(page.locator('.presenter')).toBeVisible()
  await page.keyboard.press('b')
  await blank.click()
  await expect(blank).toBeHidden()
})

test('blanking pauses a playing run; showing the screen again shows the same moment, still paused', async ({
  page,
}) => {
  await present(page, 'racing-adopt')
  const presenter = page.locator('.presenter')
  await page.keyboard.press('Space')
  await expect(presenter.getByRole('button', { name: 'Pause' })).toBeVisible()
  await page.keyboard.press('b')
  const blank = page.getByRole('button', { name: 'The screen is blank. Show it again (B)' })
  await expect(blank).toBeVisible()
  const atBlank = await cursorStep(page)
  // Playing on, the run would have moved several deliveries by now (the tester saw 0 → 6).
  await page.waitForTimeout(1500)
  expect(await cursorStep(page)).toBe(atBlank)
  await page.keyboard.press('b')
  await expect(blank).toBeHidden()
  await expect(presenter.getByRole('button', { name: 'Play' })).toBeVisible()
  await page.waitForTimeout(600)
  expect(await cursorStep(page)).toBe(atBlank)
})

test('? lists the keys in presenter mode, the presenter’s own among them, and the clicker works after', async ({
  page,
}) => {
  await present(page, 'racing-adopt')
  await page.keyboard.press('?')
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(dialog).toBeVisible()
  const presenterKeys = dialog.locator('table', {
    has: page.locator('caption', { hasText: 'In presenter mode' }),
  })
  await expect(presenterKeys).toContainText('by moments')
  await expect(presenterKeys.locator('tr', { hasText: 'beats, moments or steps' })).toContainText('G')
  await expect(presenterKeys.locator('tr', { hasText: 'Blank the screen' })).toContainText('B')
  await expect(dialog).not.toContainText('walk the narration beats')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(page.locator('.presenter')).toBeVisible()
  await page.keyboard.press('PageDown')
  await expect(position(page)).not.toContainText('step 0/')
})

test('after the scrubber is dragged, the clicker still steps forward and back, one step a click', async ({
  page,
}) => {
  await openApp(page, '?preset=mp-leader-crash')
  const slider = page.getByLabel('Time: scheduler step')
  const box = (await slider.boundingBox())!
  await page.mouse.move(box.x + 4, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 })
  await page.mouse.up()
  await expect(slider).toBeFocused()
  const from = Number(/step (\d+)\//.exec((await position(page).textContent()) ?? '')?.[1])
  expect(from).toBeGreaterThan(20)
  // A slider by itself would move a tenth of the run, backwards for PageDown.
  await page.keyboard.press('PageDown')
  await expect(position(page)).toContainText(`step ${from + 1}/`)
  await page.keyboard.press('PageDown')
  await expect(position(page)).toContainText(`step ${from + 2}/`)
  await page.keyboard.press('PageUp')
  await expect(position(page)).toContainText(`step ${from + 1}/`)
})

test('with "Clicker moves by" focused, the clicker still moves the run and the select keeps its choice', async ({
  page,
}) => {
  await present(page, 'mp-leader-crash')
  const select = page.getByLabel('Clicker moves by (G)')
  await expect(select).toHaveValue('moment')
  // Where Tab reaches it, or where it stays after being opened and closed without a change.
  await select.focus()
  await page.keyboard.press('PageDown')
  await expect(position(page)).not.toContainText('step 0/')
  await expect(select).toHaveValue('moment')
  const after = await cursorStep(page)
  await page.keyboard.press('PageDown')
  await expect.poll(() => cursorStep(page)).toBeGreaterThan(after)
  await page.keyboard.press('PageUp')
  await expect(position(page)).toContainText(`step ${after}/`)
  await expect(select).toHaveValue('moment')
})

test("the run's ends are marked: Previous is off at the start, Next off at the end, where the caption says End", async ({
  page,
}) => {
  await present(page, 'mp-leader-crash')
  const previous = page.getByRole('button', { name: 'Previous (← or PageUp)' })
  const next = page.getByRole('button', { name: 'Next (→ or PageDown)' })
  const caption = page.locator('.presenter-caption')
  await expect(previous).toHaveAttribute('aria-disabled', 'true')
  await expect(next).not.toHaveAttribute('aria-disabled', 'true')
  await expect(caption.locator('.end-tag')).toHaveCount(0)
  await page.keyboard.press('End')
  await expect(position(page)).toContainText('step 167/167')
  await expect(next).toHaveAttribute('aria-disabled', 'true')
  await expect(previous).not.toHaveAttribute('aria-disabled', 'true')
  await expect(caption.locator('.end-tag')).toHaveText('End')
  // Enter, a click or PageDown there goes nowhere; the button keeps the focus (a disabled one
  // would drop it to the page).
  await next.focus()
  await page.keyboard.press('Enter')
  await next.click({ force: true })
  await expect(next).toBeFocused()
  await page.keyboard.press('PageDown')
  await expect(position(page)).toContainText('step 167/167')
  await page.keyboard.press('PageUp')
  await expect(position(page)).not.toContainText('step 167/')
  await expect(next).not.toHaveAttribute('aria-disabled', 'true')
  await expect(caption.locator('.end-tag')).toHaveCount(0)
})
