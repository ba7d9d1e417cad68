import type { Page } from '@playwright/test'
import { cursorStep, expect, openApp, position, procCard, settled, shot, test } from './fixtures.ts'

/** The run's event-log fingerprint, exposed by the Share control. */
const logHash = async (page: Page): Promise<string> => {
  const el = page.locator('.share')
  await expect(el).not.toHaveAttribute('data-log-hash', '')
  return (await el.getAttribute('data-log-hash')) ?? ''
}

/** Open the File menu (unless open already). */
async function openFileMenu(page: Page): Promise<void> {
  const menu = page.locator('details.file-menu')
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click()
}

/** Crash P3 at step 8 (a fork of the basic run), then move to step 12. */
async function makeOwnRun(page: Page): Promise<void> {
  await openApp(page)
  await page.getByRole('button', { name: /^Phase \(/ }).click()
  await expect(position(page)).toContainText('step 8/')
  await page.locator('.tl-lane-header[data-pid="3"]').click()
  const menu = page.locator('section', { has: page.locator('#pmenu-title') })
  await menu.getByRole('button', { name: 'Crash P3' }).click()
  await settled(page)
  await expect(procCard(page, 3)).toContainText('down')
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: /^Step \(/ }).click()
  await expect(page).toHaveURL(/#s=1\./)
}

test('Share copies a link that replays the identical run in a fresh browser', async ({ page, browser }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await makeOwnRun(page)
  const step = await cursorStep(page)
  const hash = await logHash(page)
  await page.getByRole('button', { name: 'Share' }).click()
  await expect(page.locator('.share-status')).toHaveText('Link copied')
  const link = await page.evaluate(() => navigator.clipboard.readText())
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#s=1\.[\w-]+$/)
  // Address bar and Share agree once the debounced update has landed.
  await expect(page).toHaveURL(link)
  await shot(page, 'share')

  const fresh = await browser.newContext()
  const other = await fresh.newPage()
  const errors: string[] = []
  other.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  await other.goto(link)
  await expect(position(other)).not.toContainText('computing')
  expect(await cursorStep(other)).toBe(step)
  expect(await logHash(other)).toBe(hash)
  await expect(procCard(other, 3)).toContainText('down')
  // Reload: the link (and the locally kept work) reproduce the same run again.
  await other.reload()
  await expect(position(other)).not.toContainText('computing')
  expect(await cursorStep(other)).toBe(step)
  expect(await logHash(other)).toBe(hash)
  expect(errors).toEqual([])
  await fresh.close()
})

test('without a clipboard the link appears selected in a field', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }))
  await openApp(page, '?preset=racing-adopt')
  await page.getByRole('button', { name: 'Share' }).click()
  const field = page.getByLabel('Link to this run: copy it')
  await expect(field).toBeFocused()
  await expect(field).toHaveValue(/#s=1\./)
  await shot(page, 'share-manual')
})

test('the work survives a reload, until Start fresh', async ({ page }) => {
  await makeOwnRun(page)
  const hash = await logHash(page)
  const step = await cursorStep(page)
  // Drop the link: the locally kept work alone must restore the run.
  await page.goto('/')
  await expect(position(page)).not.toContainText('computing')
  expect(await cursorStep(page)).toBe(step)
  expect(await logHash(page)).toBe(hash)
  await openFileMenu(page)
  await page.getByRole('button', { name: 'Start fresh' }).click()
  await page.getByRole('button', { name: 'Keep it' }).click()
  expect(await logHash(page)).toBe(hash)
  await openFileMenu(page)
  await page.getByRole('button', { name: 'Start fresh' }).click()
  await page.getByRole('button', { name: 'Discard and start fresh' }).click()
  await settled(page)
  await expect(page.getByLabel('Choose an example run')).toHaveValue('basic')
  await expect(position(page)).toContainText('step 0/28')
  await page.goto('/')
  await expect(position(page)).toContainText('step 0/28')
})

const BROKEN: [string, RegExp][] = [
  // A real link cut in half, as a chat client might truncate it.
  ['#s=1.eNqVUstu2zAQ_BWBZ6EgqVeiW5AAbYAeBCe3hAeW2kjbUKRBUnZcw__ulRI7L6A2', /looks truncated/],
  // Cut at a length no encoder makes (4k + 1 characters): truncated too, not "invalid characters".
  ['#s=1.eNqVUstu2zAQ_BWBZ6EgqVeiW5AAbYAeBCe3hAeW2kjbUKRBUnZcw__ulRI7L6A2e', /looks truncated/],
  ['#s=9.eNqrVkrO', /newer Synod \(link version 9/],
  ['#s=1.@@@@', /corrupted \(invalid characters\)/],
  ['#s=x', /malformed/],
]

for (const [hash, message] of BROKEN) {
  test(`a broken link (${hash.slice(0, 8)}…, ${hash.length} characters) explains itself and keeps the previous work`, async ({
    page,
  }) => {
    await makeOwnRun(page)
    const kept = await logHash(page)
    const step = await cursorStep(page)
    // Opened afresh (a new page load, not a hash change in the open page).
    await page.goto('about:blank')
    await page.goto(`/${hash}`)
    await expect(page.getByText(message)).toBeVisible()
    await expect(page.getByText('Your current work is unchanged')).toBeVisible()
    await expect(position(page)).not.toContainText('computing')
    expect(await logHash(page)).toBe(kept)
    expect(await cursorStep(page)).toBe(step)
    // The address goes back to the work on screen, so a reload opens it without the error.
    // (A broken `#s=1.eNq…` link matches the pattern too: wait until it is replaced.)
    await expect.poll(() => new URL(page.url()).hash).not.toBe(hash)
    await expect(page).toHaveURL(/#s=1\.[\w-]{20,}$/)
    await page.reload()
    await expect(position(page)).not.toContainText('computing')
    expect(await logHash(page)).toBe(kept)
    expect(await cursorStep(page)).toBe(step)
    await expect(page.getByText('This link could not be opened')).toHaveCount(0)
  })
}

test('a link pasted into the open page loads it; a broken one keeps the work', async ({ page }) => {
  await openApp(page, '?preset=basic')
  await expect(page).toHaveURL(/#s=1\./)
  const basic = page.url()
  await openApp(page, '?preset=racing-adopt')
  await page.getByRole('button', { name: /^Step \(/ }).click()
  const racing = await logHash(page)
  await page.evaluate((url) => {
    window.location.hash = new URL(url).hash
  }, basic)
  await expect(page.getByLabel('Choose an example run')).toHaveValue('basic')
  await expect(position(page)).toContainText('step 0/28')
  expect(await logHash(page)).not.toBe(racing)
  const before = await logHash(page)
  const own = page.url()
  const entries = await page.evaluate(() => history.length)
  await page.evaluate(() => {
    window.location.hash = '#s=1.AAAA'
  })
  await expect(page.getByText('This link could not be opened')).toBeVisible()
  expect(await logHash(page)).toBe(before)
  // The address is the work's link again, in place of the broken one (replaced, not a new entry
  // after it): a reload shows the work, not the error.
  await expect(page).toHaveURL(own)
  expect(await page.evaluate(() => history.length)).toBe(entries + 1)
  await page.reload()
  await expect(page.getByLabel('Choose an example run')).toHaveValue('basic')
  expect(await logHash(page)).toBe(before)
  await expect(page.getByText('This link could not be opened')).toHaveCount(0)
})

test('a changed example keeps "(changed)" through its link, and presenter mode does not tell its old story', async ({
  page,
  browser,
}) => {
  await openApp(page, '?preset=racing-adopt')
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
  await page.locator('.tl-lane-header[data-pid="5"]').click()
  const menu = page.locator('section', { has: page.locator('#pmenu-title') })
  await menu.getByRole('button', { name: 'Crash P5' }).click()
  await settled(page)
  const title = page.locator('.preset-picker-title')
  await expect(title).toHaveText('Racing: P3 completes P1’s value (changed)')
  await expect(page).toHaveURL(/#s=1\./)
  const link = page.url()

  const fresh = await browser.newContext()
  const other = await fresh.newPage()
  await other.goto(link)
  await expect(position(other)).not.toContainText('computing')
  await expect(other.locator('.preset-picker-title')).toHaveText('Racing: P3 completes P1’s value (changed)')
  await other.keyboard.press('p')
  await other.keyboard.press('Home')
  const caption = other.locator('.presenter-caption')
  await expect(caption).toContainText('Racing: P3 completes P1’s value (changed):')
  await expect(caption).toContainText('may no longer hold')
  await expect(caption).not.toContainText('P3 must propose')
  await fresh.close()
})

test('in a fresh profile a broken link says what shows instead, not that work was kept', async ({ page }) => {
  await page.goto('/#s=1.eNqVUstu2zAQ_BWBZ6EgqVeiW5AAbYAeBCe3hAeW2kjbUKRBUnZcw__ulRI7L6A2e')
  await expect(page.getByText('This link could not be opened')).toContainText(
    'looks truncated (its end is missing: was only part of it copied?). Showing the example “Basic run” instead.',
  )
  await expect(page.getByText('Your current work is unchanged')).toHaveCount(0)
  await expect(page.getByLabel('Choose an example run')).toHaveValue('basic')
})
