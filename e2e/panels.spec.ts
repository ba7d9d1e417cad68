import { expect, openApp, position, settled, shot, test } from './fixtures.ts'

test('settings: a broken variant produces a visible violation, and the badge jumps to it', async ({
  page,
}) => {
  await openApp(page)
  // Partition, Settings and the theme live in the top bar's More menu.
  await page.locator('details.more-menu > summary').click()
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await expect(dialog).toBeVisible()
  await dialog.getByLabel(/Quorums too small/).check()
  await shot(page, 'settings')
  await dialog.getByRole('button', { name: 'Apply and restart' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.locator('#procs-title')).toContainText('quorum 2')
  // Split {P1, P2, P3} from {P4, P5}: with quorums of 2, both sides can choose a value.
  await page.locator('details.more-menu > summary').click()
  await page.getByRole('button', { name: 'Partition the network' }).click()
  await page
    .getByRole('dialog', { name: 'Network partition' })
    .getByRole('button', { name: 'Apply partition' })
    .click()
  await settled(page)
  await page.keyboard.press('4')
  await page.keyboard.type('20')
  await page.keyboard.press('Enter')
  await settled(page)
  await page.keyboard.press('Escape')
  await expect(position(page)).not.toContainText('computing')
  await page.keyboard.press('End')
  const badge = page.locator('.badge-bad')
  await expect(badge).toContainText('Violated')
  await page.keyboard.press('Home')
  await expect(page.getByText('All invariants hold')).toBeVisible()
  await page.keyboard.press('End')
  await badge.click()
  await expect(page.locator('.feed-line.current', { hasText: 'Violated: ' }).first()).toBeVisible()
  await shot(page, 'violation')
})

test('racing example driven like a lecture with a clicker', async ({ page }) => {
  await openApp(page, '?preset=racing-adopt')
  for (let i = 0; i < 8; i++) await page.keyboard.press('PageDown')
  await expect(position(page)).toContainText('step 8/48')
  await expect(page.locator('.beat')).toContainText('P3 now starts ballot 2.3')
  await shot(page, 'racing-beat')
  await page.keyboard.press(']')
  await page.keyboard.press('Shift+ArrowRight')
  await page.keyboard.press('d')
  await expect(page.locator('.chip-chosen')).toContainText('Chosen: 10')
  await shot(page, 'racing-decided')
  await page.keyboard.press('PageUp')
  await expect(position(page)).not.toContainText('step 48/48')
})

test('help and dark theme', async ({ page }) => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  await page.emulateMedia({ colorScheme: 'dark' })
  await openApp(page)
  // "Auto" follows the system, live.
  await expect.poll(background).toBe('rgb(18, 20, 23)')
  await page.emulateMedia({ colorScheme: 'light' })
  await expect.poll(background).toBe('rgb(255, 255, 255)')
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect.poll(background).toBe('rgb(18, 20, 23)')
  await page.keyboard.press('Shift+ArrowRight')
  await shot(page, 'dark')
  await page.getByRole('button', { name: /Help/ }).click()
  await expect(page.getByRole('dialog', { name: 'How to read Synod' })).toBeVisible()
  await shot(page, 'help')
  await page.keyboard.press('Escape')
  await page.locator('details.more-menu > summary').click()
  await page.getByRole('button', { name: /^Theme/ }).click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  // A chosen theme wins over the system's.
  await expect.poll(background).toBe('rgb(255, 255, 255)')
})

test('play runs the clock and pauses; no timers while paused', async ({ page }) => {
  await openApp(page)
  await page.getByLabel(/Playback speed/).selectOption('32')
  await page.keyboard.press('Space')
  await expect(page.getByRole('button', { name: 'Pause (Space)' })).toBeVisible()
  // The example's lecture beats pause playback (steps 7 and 14); Space continues.
  await expect(position(page)).toContainText('step 7/28')
  await expect(page.getByRole('button', { name: 'Play (Space)' })).toBeVisible()
  await expect(page.locator('.beat')).toBeVisible()
  await page.keyboard.press('Space')
  await expect(position(page)).toContainText('step 14/28')
  await page.keyboard.press('Space')
  await expect(position(page)).toContainText('step 28/28')
  // At the end the same button plays the run again from the start.
  await expect(page.getByRole('button', { name: 'Replay from the start (Space)' })).toBeVisible()
  await page.keyboard.press('Space')
  // …and stops again at the first lecture beat.
  await expect(position(page)).toContainText('step 7/28')
})

test('idle means idle: no timers or animation frames while paused', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __calls: { raf: number; timeout: number; interval: number } }
    w.__calls = { raf: 0, timeout: 0, interval: 0 }
    const raf = window.requestAnimationFrame.bind(window)
    const timeout = window.setTimeout.bind(window)
    const interval = window.setInterval.bind(window)
    window.requestAnimationFrame = (cb) => (w.__calls.raf++, raf(cb))
    window.setTimeout = ((fn: TimerHandler, ms?: number, ...a: unknown[]) => (
      w.__calls.timeout++,
      timeout(fn, ms, ...a)
    )) as typeof window.setTimeout
    window.setInterval = ((fn: TimerHandler, ms?: number, ...a: unknown[]) => (
      w.__calls.interval++,
      interval(fn, ms, ...a)
    )) as typeof window.setInterval
  })
  await openApp(page)
  await page.keyboard.press('ArrowRight')
  await page.waitForTimeout(1000)
  const calls = () => page.evaluate(() => ({ ...(window as unknown as { __calls: object }).__calls }))
  const before = await calls()
  await page.waitForTimeout(2000)
  expect(await calls()).toEqual(before)
})
