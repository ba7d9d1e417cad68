import { randomBytes } from 'node:crypto'
import type { Page } from '@playwright/test'
import { cursorStep, expect, openApp, position, procCard, settled, shot, test } from './fixtures.ts'

/** Kept work (IndexedDB / localStorage), links too large to make, and the autosave/hash race. */

const picker = (page: Page) => page.getByLabel('Choose an example run')

async function importJson(page: Page, name: string, json: string): Promise<void> {
  const menu = page.locator('details.file-menu')
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click()
  await page
    .getByLabel('Scenario file to open')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(json) })
}

/** 9,000 interventions (far past the old 200,000-character autosave cap) and 200 beats of noise. */
function largeRun(): string {
  // Random text does not compress, so these beats alone are too large for a link.
  const noise = (n: number) => randomBytes(n).toString('base64').slice(0, n)
  return JSON.stringify({
    format: 1,
    title: 'A large run',
    interventions: [
      { step: 0, type: 'propose', pid: 1, value: 'big' },
      ...Array.from({ length: 9_000 }, (_, i) => ({ step: 30 + (i % 20), type: 'heal' })),
    ],
    beats: Array.from({ length: 200 }, (_, i) => ({ step: 1000 + i, text: noise(500) })),
  })
}

test('a run too large for a link is kept across reloads, and Share offers the file', async ({ page }) => {
  await openApp(page)
  await importJson(page, 'large.json', largeRun())
  await settled(page)
  await expect(picker(page)).toContainText('A large run')
  await page.getByRole('button', { name: /^Step \(/ }).click()
  await page.getByRole('button', { name: /^Step \(/ }).click()
  await expect(position(page)).toContainText('step 2/')
  const total = (await position(page).textContent())?.match(/step \d+\/(\d+)/)?.[1]
  // No link the app would refuse: the address carries none.
  await expect.poll(() => new URL(page.url()).hash).toBe('')
  await page.getByRole('button', { name: 'Share' }).click()
  await expect(page.getByRole('alert')).toContainText('No link: this run is too large for a link')
  await expect(page.getByRole('button', { name: 'Save scenario file…' }).first()).toBeFocused()
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Save scenario file…' }).first().click()
  expect((await download).suggestedFilename()).toBe('a-large-run.synod.json')
  await page.reload()
  await settled(page)
  await expect(picker(page)).toContainText('A large run')
  await expect(position(page)).toContainText(`step 2/${total}`)
})

test('when the work cannot be kept, the app says so', async ({ page }) => {
  await page.addInitScript(() => {
    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    }
    Storage.prototype.setItem = full
    IDBObjectStore.prototype.put = full
  })
  await openApp(page, '?preset=racing-adopt')
  await page.getByRole('button', { name: /^Step \(/ }).click()
  await expect(
    page.getByText(
      /Your work could not be kept in this browser \(the browser’s storage|Your work could not be kept in this browser \(the browser's storage/,
    ),
  ).toBeVisible()
  await expect(page.getByText(/Save it with File → Save scenario file/)).toBeVisible()
})

test('"(changed)" survives a reload', async ({ page }) => {
  await openApp(page, '?preset=racing-adopt')
  await page.getByRole('button', { name: /^Phase \(/ }).click()
  await page.locator('.tl-lane-header[data-pid="3"]').click()
  const menu = page.locator('section', { has: page.locator('#pmenu-title') })
  await menu.getByRole('button', { name: 'Crash P3' }).click()
  await settled(page)
  await expect(procCard(page, 3)).toContainText('down')
  await expect(picker(page).locator('option:checked')).toHaveText(/\(changed\)$/)
  const label = await picker(page).locator('option:checked').textContent()
  await expect(page).toHaveURL(/#s=1\./)
  await page.reload()
  await settled(page)
  await expect(procCard(page, 3)).toContainText('down')
  await expect(picker(page).locator('option:checked')).toHaveText(label ?? '')
})

test('a link followed while a write of the kept work is due is opened, not overwritten', async ({ page }) => {
  await openApp(page, '?preset=basic')
  await expect(page).toHaveURL(/#s=1\./)
  const basic = new URL(page.url()).hash
  await openApp(page, '?preset=racing-adopt')
  await page.getByRole('button', { name: /^Step \(/ }).click()
  await page.goto('/')
  await settled(page)
  await expect(picker(page)).toHaveValue('racing-adopt')
  // Make the delayed address write fall due, then navigate to the link before it runs: the
  // timer and the hashchange event are then both queued, the timer first.
  await page.evaluate((hash) => {
    const step = [...document.querySelectorAll('button')].find((b) =>
      /^Step \(/.test(b.title || b.getAttribute('aria-label') || b.textContent || ''),
    )
    step?.click()
    const until = performance.now() + 450
    while (performance.now() < until) {
      // busy: the 300 ms write timer expires meanwhile
    }
    window.location.hash = hash
  }, basic)
  await expect(picker(page)).toHaveValue('basic')
  await expect(position(page)).toContainText('step 0/28')
  await page.waitForTimeout(600)
  await expect(picker(page)).toHaveValue('basic')
  expect(new URL(page.url()).hash).toBe(basic)
  expect(await cursorStep(page)).toBe(0)
})

test('a broken link that arrives while a write is due leaves the address on the work', async ({ page }) => {
  await openApp(page, '?preset=racing-adopt')
  const broken = '#s=1.@@@@'
  // The step schedules the delayed address write; the broken link arrives before it runs.
  await page.evaluate((hash) => {
    const step = [...document.querySelectorAll('button')].find((b) => /^Step \(/.test(b.title))
    step?.click()
    window.location.hash = hash
  }, broken)
  await expect(page.getByText('This link could not be opened')).toBeVisible()
  await expect(page).not.toHaveURL(/@@@@/)
  expect(await cursorStep(page)).toBe(1)
  // The address is the stepped work's link: a reload opens it at step 1, without the error.
  await page.waitForTimeout(700)
  await page.reload()
  await expect(picker(page)).toHaveValue('racing-adopt')
  expect(await cursorStep(page)).toBe(1)
  await expect(page.getByText('This link could not be opened')).toHaveCount(0)
})

test('a broken link beside ?preset= keeps the kept work, as its banner says', async ({ page }) => {
  await openApp(page, '?preset=racing-adopt')
  const step = page.getByRole('button', { name: /^Step \(/ })
  for (let i = 0; i < 7; i++) await step.click()
  await expect(position(page)).toContainText('step 7/')
  // A real link cut short, as a chat client might truncate it.
  await expect(page).toHaveURL(/#s=1\./)
  const cut = page.url().split('#s=1.')[1]?.slice(0, 40) ?? ''
  await page.goto('about:blank')
  await page.goto(`/?preset=basic#s=1.${cut}`)
  await expect(page.getByText('Your current work is unchanged')).toBeVisible()
  await expect(position(page)).not.toContainText('computing')
  await expect(picker(page)).toHaveValue('racing-adopt')
  expect(await cursorStep(page)).toBe(7)
  await page.reload()
  await settled(page)
  await expect(picker(page)).toHaveValue('racing-adopt')
  expect(await cursorStep(page)).toBe(7)
})

test('an example link opened in another tab keeps the changed run aside and offers it back', async ({
  page,
}) => {
  await openApp(page, '?preset=racing-adopt')
  await page.getByRole('button', { name: /^Phase \(/ }).click()
  await page.locator('.tl-lane-header[data-pid="3"]').click()
  const menu = page.locator('section', { has: page.locator('#pmenu-title') })
  await menu.getByRole('button', { name: 'Crash P3' }).click()
  await settled(page)
  await expect(picker(page).locator('option:checked')).toHaveText(/\(changed\)$/)
  await expect(page).toHaveURL(/#s=1\./)
  const step = await cursorStep(page)
  // A link on the lecture slides, opened in another tab of the same browser.
  const other = await page.context().newPage()
  await openApp(other, '?preset=basic')
  await expect(picker(other)).toHaveValue('basic')
  const banner = other.locator('.set-aside-banner')
  await expect(banner).toContainText('Your changed run of “')
  await shot(other, 'set-aside-banner')
  await page.close()
  await banner.getByRole('button', { name: 'Restore it' }).click()
  await settled(other)
  await expect(banner).toHaveCount(0)
  await expect(picker(other).locator('option:checked')).toHaveText(/\(changed\)$/)
  await expect(procCard(other, 3)).toContainText('down')
  expect(await cursorStep(other)).toBe(step)
  // A reload (the kept work is the restored run) offers nothing.
  await other.reload()
  await settled(other)
  await expect(procCard(other, 3)).toContainText('down')
  await expect(other.locator('.set-aside-banner')).toHaveCount(0)
})

test('an example link over an unchanged example offers nothing back', async ({ page }) => {
  await openApp(page, '?preset=racing-adopt')
  await page.getByRole('button', { name: /^Step \(/ }).click()
  await expect(page).toHaveURL(/#s=1\./)
  const other = await page.context().newPage()
  await openApp(other, '?preset=basic')
  await settled(other)
  await expect(other.locator('.notice-banner')).toHaveCount(0)
})
