import type { Page } from '@playwright/test'
import { expect, openApp, position, settled, shot, test } from './fixtures.ts'

/**
 * Work a link opens over is set aside and offered back (store/setAside.ts): a link pasted into
 * the open page, and the offer surviving a reload.
 */

const picker = (page: Page) => page.getByLabel('Choose an example run')
const banner = (page: Page) => page.locator('.set-aside-banner')

/** The basic example's link (its address once opened). */
async function basicLink(page: Page): Promise<string> {
  await openApp(page, '?preset=basic')
  await expect(page).toHaveURL(/#s=1\./)
  return new URL(page.url()).hash
}

/** Change the example on screen: a phase on, then its first message in flight dropped. */
async function changeIt(page: Page): Promise<string> {
  await page.getByRole('button', { name: /^Phase \(/ }).click()
  await settled(page)
  await page.locator('.inflight-item').first().click()
  await page.getByRole('button', { name: 'Drop' }).click()
  await settled(page)
  await expect(picker(page).locator('option:checked')).toHaveText(/\(changed\)$/)
  return (await position(page).textContent()) ?? ''
}

/** Racing proposers with one message dropped by hand: the picker says "(changed)". */
async function changedRacing(page: Page): Promise<string> {
  await openApp(page, '?preset=racing-adopt')
  return changeIt(page)
}

/** Paste `hash` into the address bar of the open page (a same-document navigation). */
async function followLink(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h
  }, hash)
  await expect(picker(page)).toHaveValue('basic')
  await settled(page)
}

test('a link pasted into the open page sets the changed run aside, and Restore brings it back', async ({
  page,
}) => {
  const basic = await basicLink(page)
  const where = await changedRacing(page)
  await followLink(page, basic)
  await expect(banner(page)).toContainText('Your changed run of “')
  await shot(page, 'set-aside-pasted-link')
  await banner(page).getByRole('button', { name: 'Restore it' }).click()
  await settled(page)
  await expect(banner(page)).toHaveCount(0)
  await expect(picker(page).locator('option:checked')).toHaveText(/\(changed\)$/)
  await expect(position(page)).toHaveText(where)
})

test('a link pasted over an unchanged example, or over its own run, offers nothing back', async ({
  page,
}) => {
  const basic = await basicLink(page)
  await openApp(page, '?preset=racing-adopt')
  await page.getByRole('button', { name: /^Step \(/ }).click()
  await followLink(page, basic)
  // The changed run's own link at an earlier step only moves the cursor back.
  const where = await changedRacing(page)
  await expect(page).toHaveURL(/#s=1\./)
  await expect.poll(() => new URL(page.url()).hash).not.toBe(basic)
  // The address follows the cursor after a short delay (urlSync.ts SYNC_DELAY_MS).
  await page.waitForTimeout(800)
  const own = new URL(page.url()).hash
  await page.getByRole('button', { name: /^Step \(/ }).click()
  await expect.poll(() => new URL(page.url()).hash).not.toBe(own)
  await page.evaluate((h) => {
    window.location.hash = h
  }, own)
  await expect(position(page)).toHaveText(where)
  await page.waitForTimeout(300)
  await expect(page.locator('.notice-banner')).toHaveCount(0)
})

test('the offer survives a reload until it is restored or dismissed', async ({ page }) => {
  const basic = await basicLink(page)
  const where = await changedRacing(page)
  await followLink(page, basic)
  await expect(banner(page)).toBeVisible()
  await page.reload()
  await settled(page)
  await expect(picker(page)).toHaveValue('basic')
  await expect(banner(page)).toContainText('Your changed run of “')
  await banner(page).getByRole('button', { name: 'Restore it' }).click()
  await settled(page)
  await expect(position(page)).toHaveText(where)
  await expect(picker(page).locator('option:checked')).toHaveText(/\(changed\)$/)
  // Set aside once more, then dismissed: a reload offers nothing.
  await followLink(page, basic)
  await banner(page)
    .getByRole('button', { name: /^Dismiss/ })
    .click()
  await expect(banner(page)).toHaveCount(0)
  await page.reload()
  await settled(page)
  await expect(picker(page)).toHaveValue('basic')
  await page.waitForTimeout(300)
  await expect(page.locator('.notice-banner')).toHaveCount(0)
})

test('another example picked over a changed run sets it aside (the picker and the gallery), and Restore brings it back', async ({
  page,
}) => {
  const where = await changedRacing(page)
  await picker(page).selectOption('basic')
  await settled(page)
  await expect(banner(page)).toContainText('Your changed run of “')
  await banner(page).getByRole('button', { name: 'Restore it' }).click()
  await settled(page)
  await expect(position(page)).toHaveText(where)
  await expect(picker(page).locator('option:checked')).toHaveText(/\(changed\)$/)
  // The gallery too.
  await page.getByRole('button', { name: 'Examples' }).click()
  await page.locator('.gallery-item', { hasText: 'Basic run' }).first().click()
  await settled(page)
  await expect(banner(page)).toContainText('Your changed run of “')
  // An unchanged example picked over another: nothing to offer back.
  await banner(page)
    .getByRole('button', { name: /^Dismiss/ })
    .click()
  await picker(page).selectOption('racing-adopt')
  await settled(page)
  await page.waitForTimeout(300)
  await expect(banner(page)).toHaveCount(0)
})

/**
 * The kept work is kept only in IndexedDB (localStorage refuses it, as it does large work), and
 * reading it back at the next start-up waits until the test calls `window.releaseKeptWork()`:
 * the window in which a pasted link used to replace it without a word (issue 14).
 */
async function slowKeptWork(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key === 'synod.work.v1') throw new DOMException('full', 'QuotaExceededError')
      setItem.call(this, key, value)
    }
    if (!sessionStorage.getItem('slowKeptWork')) return
    let release = (): void => undefined
    const released = new Promise<void>((resolve) => (release = resolve))
    Object.assign(window, { releaseKeptWork: release })
    const open = IDBFactory.prototype.open
    IDBFactory.prototype.open = function (name: string, version?: number) {
      const real = open.call(this, name, version)
      // The app's handlers go on a stand-in; its success waits for the release.
      const late = {
        onsuccess: null as null | (() => void),
        onerror: null as null | (() => void),
        onupgradeneeded: null as null | (() => void),
        onblocked: null as null | (() => void),
        get result() {
          return real.result
        },
        get error() {
          return real.error
        },
      }
      real.onupgradeneeded = () => late.onupgradeneeded?.()
      real.onerror = () => late.onerror?.()
      real.onblocked = () => late.onblocked?.()
      real.onsuccess = () => void released.then(() => late.onsuccess?.())
      return late as unknown as IDBOpenDBRequest
    }
  })
}

test('a link pasted while the kept work is still being read opens, and the kept work is set aside', async ({
  page,
}) => {
  await slowKeptWork(page)
  const basic = await basicLink(page)
  const where = await changedRacing(page)
  await page.evaluate(() => sessionStorage.setItem('slowKeptWork', '1'))
  await page.goto('/')
  await expect(position(page)).toContainText('computing')
  await page.evaluate((h) => {
    window.location.hash = h
  }, basic)
  await expect(picker(page)).toHaveValue('basic')
  await page.evaluate(() => (window as unknown as { releaseKeptWork: () => void }).releaseKeptWork())
  await settled(page)
  await expect(picker(page)).toHaveValue('basic')
  await expect(banner(page)).toContainText('Your changed run of “')
  await banner(page).getByRole('button', { name: 'Restore it' }).click()
  await settled(page)
  await expect(picker(page).locator('option:checked')).toHaveText(/\(changed\)$/)
  await expect(position(page)).toHaveText(where)
})

test('from the keyboard: Restore it and Dismiss leave the focus on the diagram, not the page', async ({
  page,
}) => {
  const where = await changedRacing(page)
  // A keyboard user browsing examples: ↓ in the picker opens the next one over the changed run.
  await picker(page).focus()
  await page.keyboard.press('ArrowDown')
  await settled(page)
  const restore = banner(page).getByRole('button', { name: 'Restore it' })
  await expect(restore).toBeVisible()
  for (let i = 0; i < 40 && !(await restore.evaluate((b) => b === document.activeElement)); i++)
    await page.keyboard.press('Tab')
  await expect(restore).toBeFocused()
  await page.keyboard.press('Enter')
  await settled(page)
  await expect(banner(page)).toHaveCount(0)
  await expect(position(page)).toHaveText(where)
  const diagram = page.locator('.diagram-pane .tl-diagram')
  await expect(diagram).toBeFocused()
  // The next key works on the restored run.
  await page.keyboard.press('Home')
  await expect(position(page)).toContainText('step 0/')
  // Dismiss too.
  await picker(page).focus()
  await page.keyboard.press('ArrowDown')
  await settled(page)
  const dismiss = banner(page).getByRole('button', { name: /^Dismiss/ })
  await dismiss.focus()
  await page.keyboard.press('Enter')
  await expect(banner(page)).toHaveCount(0)
  await expect(diagram).toBeFocused()
})

test('two changed runs replaced one after the other are both kept, across a reload; Restore swaps with a changed run', async ({
  page,
}) => {
  const racingAt = await changedRacing(page)
  await picker(page).selectOption('dueling')
  await settled(page)
  const duelingAt = await changeIt(page)
  // Restore over a changed run: the run on screen is set aside in its turn, not lost.
  await banner(page).getByRole('button', { name: 'Restore it' }).click()
  await settled(page)
  await expect(position(page)).toHaveText(racingAt)
  await expect(banner(page)).toContainText('Your changed run of “Dueling')
  // A third example over the changed racing run: both changed runs are kept, the newest first.
  await picker(page).selectOption('basic')
  await settled(page)
  await expect(banner(page)).toContainText('Your changed run of “Racing')
  await expect(banner(page)).toContainText('Next: your changed run of “Dueling')
  await shot(page, 'set-aside-two')
  await page.reload()
  await settled(page)
  await expect(banner(page)).toContainText('Your changed run of “Racing')
  await banner(page)
    .getByRole('button', { name: /^Dismiss/ })
    .click()
  await expect(banner(page)).toContainText('Your changed run of “Dueling')
  await expect(banner(page)).not.toContainText('Next:')
  await banner(page).getByRole('button', { name: 'Restore it' }).click()
  await settled(page)
  await expect(position(page)).toHaveText(duelingAt)
  await expect(banner(page)).toHaveCount(0)
})

test.describe('on a 390 × 844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

  test('the offer is short, its buttons are whole, and every lane stays in view', async ({ page }) => {
    await openApp(page, '?preset=racing-adopt')
    await page.getByRole('button', { name: /^Step/ }).first().tap()
    await settled(page)
    await page.getByRole('tab', { name: 'Messages' }).tap()
    // A message between two processes (a process's message to itself cannot be dropped).
    await page.locator('.inflight-item', { hasText: 'P1→P2' }).first().tap()
    await page.getByRole('button', { name: 'Drop' }).tap()
    await settled(page)
    await picker(page).selectOption('dueling')
    await settled(page)
    await expect(banner(page)).toContainText('was set aside when this run opened')
    await shot(page, 'set-aside-phone')
    for (const name of ['Restore it', /^Dismiss/]) {
      const button = banner(page).getByRole('button', { name })
      const box = (await button.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(390)
      expect(box.height).toBeGreaterThanOrEqual(44)
      // Its label is not cut: the text fits the button.
      expect(await button.evaluate((b) => b.scrollWidth <= b.clientWidth)).toBe(true)
    }
    const bannerBox = (await banner(page).boundingBox())!
    expect(bannerBox.height).toBeLessThanOrEqual(110)
    await expect(page.locator('.diagram-pane').getByText('P5', { exact: true })).toBeInViewport()
  })
})
