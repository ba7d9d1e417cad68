import { expect, openApp, position, procCard, settled, shot, test } from './fixtures.ts'

test('keyboard only: propose, step, select and drop/deliver a message, crash, scrub', async ({ page }) => {
  await openApp(page)
  // Propose: a digit opens that process's actions with the caret in the value field.
  await page.keyboard.press('3')
  await expect(page.getByLabel('Propose value')).toBeFocused()
  await page.keyboard.type('B')
  await page.keyboard.press('Enter')
  await settled(page)
  await expect(page.locator('.feed')).toContainText('P3 is asked to propose value B')
  // Proposed: the menu closes and the lane has the focus, so the next keys step (not type).
  await expect(page.locator('#pmenu-title')).toHaveCount(0)
  await expect(page.locator('.tl-lane-header[data-pid="3"]')).toBeFocused()
  // Escape from a process's menu goes back to its lane too.
  await page.keyboard.press('2')
  await expect(page.getByLabel('Propose value')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(page.locator('#pmenu-title')).toHaveCount(0)
  await expect(page.locator('.tl-lane-header[data-pid="2"]')).toBeFocused()

  // Step with the arrow keys and a clicker's PageDown.
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('PageDown')
  await expect(position(page)).toContainText('step 2/')
  await expect(page.locator('[aria-live="polite"]')).toContainText('Step 2.')

  // Select an in-flight message from the list and drop it.
  await page.keyboard.press('i')
  const first = page.locator('.inflight-item').first()
  await expect(first).toBeFocused()
  // Self-messages are never lost (docs/engine): go down the list to one between two processes.
  for (let k = 0; k < 12; k++) {
    await page.keyboard.press('ArrowDown')
    const label = await page.evaluate(() => document.activeElement?.textContent ?? '')
    const ends = /P(\d)→P(\d)/.exec(label)
    if (ends && ends[1] !== ends[2]) break
  }
  await page.keyboard.press('Enter')
  const inspector = page.locator('section', { has: page.locator('#msg-title') })
  await expect(inspector).toContainText('In flight')
  const title = (await page.locator('#msg-title').textContent()) ?? ''
  const id = /#(\d+)/.exec(title)?.[1]
  await page.keyboard.press('Delete')
  await settled(page)
  await expect(page.locator('.feed-line.current', { hasText: `#${id} (` })).toContainText('dropped by hand')

  // Select another and deliver it now.
  await page.keyboard.press('i')
  await page.keyboard.press('Enter')
  const title2 = (await page.locator('#msg-title').textContent()) ?? ''
  const id2 = /#(\d+)/.exec(title2)?.[1]
  await page.keyboard.press('n')
  await settled(page)
  await expect(page.locator('.feed-line.current', { hasText: 'Out of turn' })).toBeVisible()
  expect(id2).not.toBe(id)

  // Crash P4 from its menu, reached with Tab.
  await page.keyboard.press('4')
  await expect(page.getByLabel('Propose value')).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Crash P4' })).toBeFocused()
  await page.keyboard.press('Enter')
  await settled(page)
  await expect(procCard(page, 4)).toContainText('down')
  await page.keyboard.press('Escape')

  // Scrub: Tab to the slider and move it with the keyboard.
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab')
    const onSlider = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))
    if (onSlider === 'Time: scheduler step') break
  }
  await expect(page.getByLabel('Time: scheduler step')).toBeFocused()
  await page.keyboard.press('End')
  const end = await page.getByLabel('Time: scheduler step').getAttribute('max')
  await expect(position(page)).toContainText(`step ${end}/${end}`)
  await page.keyboard.press('ArrowLeft')
  await expect(position(page)).toContainText(`step ${Number(end) - 1}/`)
  await shot(page, 'keyboard')

  // The ? overlay lists the shortcuts; Escape closes it.
  await page.keyboard.press('Shift+Slash')
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(dialog).toBeVisible()
  await shot(page, 'shortcuts')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
})

test('keyboard: arrows in the diagram are focusable and Enter selects one', async ({ page }) => {
  await openApp(page)
  const arrow = page.locator('.tl-arrow.tl-in-flight').first()
  await arrow.focus()
  await page.keyboard.press('Enter')
  await expect(page.locator('#msg-title')).toBeVisible()
  await expect(page.locator('.tl-arrow.tl-selected')).toHaveCount(1)
})

test('keyboard: the top bar menus open with the arrow keys and Escape returns focus', async ({ page }) => {
  await openApp(page)
  const toggle = page.locator('details.more-menu > summary')
  await toggle.focus()
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await page.keyboard.press('ArrowDown')
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await expect(page.getByRole('button', { name: 'Partition the network…' })).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('button', { name: 'Settings…' })).toBeFocused()
  await page.keyboard.press('End')
  await expect(page.getByRole('button', { name: /^Theme/ })).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('button', { name: 'Partition the network…' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(toggle).toBeFocused()
  await expect(page.locator('details.more-menu')).not.toHaveAttribute('open')
  // Enter opens it too, and a dialog opened from it hands focus back to the toggle.
  await page.keyboard.press('Enter')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await expect(dialog).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(toggle).toBeFocused()
  // Space on the File toggle opens the menu rather than playing the run.
  await page.locator('details.file-menu > summary').focus()
  await page.keyboard.press(' ')
  await expect(page.locator('details.file-menu')).toHaveAttribute('open')
  await page.keyboard.press('Escape')
  await expect(page.locator('details.file-menu')).not.toHaveAttribute('open')
})

test('keyboard: F, C and H act wherever the focus is (not only in the diagram), never while typing', async ({
  page,
}) => {
  await openApp(page, '?preset=mp-steady')
  const colours = () => page.locator('html').getAttribute('data-colours')
  const follow = page.locator('.tl-follow')
  const quiet = page.locator('.tl-quiet-toggle')
  // Focus on a panel button, far from the diagram.
  await page.getByRole('button', { name: /^Step \(/ }).focus()
  const before = await colours()
  await page.keyboard.press('c')
  await expect.poll(colours).not.toBe(before)
  await page.keyboard.press('C')
  await expect.poll(colours).toBe(before)
  await expect(follow).toHaveAttribute('aria-pressed', 'true')
  await page.keyboard.press('f')
  await expect(follow).toHaveAttribute('aria-pressed', 'false')
  await page.keyboard.press('F')
  await expect(follow).toHaveAttribute('aria-pressed', 'true')
  await expect(quiet).toHaveAttribute('aria-pressed', 'false')
  await page.keyboard.press('h')
  await expect(quiet).toHaveAttribute('aria-pressed', 'true')
  await page.keyboard.press('h')
  await expect(quiet).toHaveAttribute('aria-pressed', 'false')
  // With the diagram focused, each key acts once (not twice, which would look like nothing).
  await page.locator('.tl-diagram').first().focus()
  await page.keyboard.press('f')
  await expect(follow).toHaveAttribute('aria-pressed', 'false')
  await page.keyboard.press('f')

  // Typing in a field: the letters are text.
  await page.locator('.tl-lane-header[data-pid="6"]').click()
  const box = page.locator('#propose-value')
  await box.first().focus()
  await page.keyboard.type('cfh')
  await expect(box.first()).toHaveValue(/cfh$/)
  expect(await colours()).toBe(before)
  await expect(follow).toHaveAttribute('aria-pressed', 'true')
  await expect(quiet).toHaveAttribute('aria-pressed', 'false')
  await page.keyboard.press('Escape')

  // The shortcuts list them with the global keys; H only where there are routine messages.
  await page.locator('body').press('?')
  const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  const acting = keys.locator('table', { has: page.locator('caption', { hasText: 'Acting' }) })
  await expect(acting).toContainText('Follow the cursor on or off')
  await expect(acting).toContainText('Lecture colours on or off')
  await expect(acting).toContainText('Hide or show routine messages')
  await expect(
    keys.locator('table', { has: page.locator('caption', { hasText: 'When the diagram has focus' }) }),
  ).not.toContainText('Follow')
  await page.keyboard.press('Escape')
  await page.getByLabel('Choose an example run').selectOption('basic')
  await page.locator('body').press('?')
  await expect(keys).toContainText('Lecture colours on or off')
  await expect(keys).not.toContainText('routine messages')
})

// QA: in the help dialog Tab went dialog → Close → the page's body, out of the modal.
test('Tab and Shift+Tab stay inside the help and shortcut dialogs', async ({ page }) => {
  await openApp(page, '?preset=basic')
  const inDialog = () => page.evaluate(() => document.activeElement?.closest('dialog[open]') !== null)
  const check = async (title: string) => {
    const dialog = page.getByRole('dialog', { name: title })
    await expect(dialog).toBeVisible()
    const stops = await dialog
      .locator('button:visible, a[href]:visible, input:visible, select:visible')
      .count()
    for (let i = 0; i < stops + 2; i++) {
      await page.keyboard.press('Tab')
      expect(await inDialog(), `Tab ${i + 1} in “${title}”`).toBe(true)
    }
    for (let i = 0; i < stops + 2; i++) {
      await page.keyboard.press('Shift+Tab')
      expect(await inDialog(), `Shift+Tab ${i + 1} in “${title}”`).toBe(true)
    }
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
  }
  await page.getByRole('button', { name: 'Help: how to read the diagram' }).click()
  await check('How to read Synod')
  await page.keyboard.press('?')
  await check('Keyboard shortcuts')
})
