import type { Page, Route } from '@playwright/test'
import { expect, openApp, position, test } from './fixtures.ts'

/**
 * The explorer, the dialogs and presenter mode are chunks of their own (src/ui/lazyParts.tsx):
 * fetched in idle time after the first render, shown with their usual focus however late they
 * arrive, precached for offline use, and a chunk that cannot be fetched says so.
 */

/** Hold every request for a chunk whose file name starts with `name` until `release` is called. */
async function holdChunk(page: Page, name: string): Promise<{ release: () => void; asked: () => boolean }> {
  let asked = false
  let release: () => void = () => undefined
  const gate = new Promise<void>((done) => (release = done))
  await page.route(new RegExp(`/assets/${name}-[\\w-]+\\.js$`), async (route: Route) => {
    asked = true
    await gate
    await route.continue()
  })
  return { release, asked: () => asked }
}

test('the lazy parts are fetched in idle time after the first render, without any click', async ({
  page,
}) => {
  const chunks: string[] = []
  page.on('request', (r) => {
    const m = /\/assets\/(ExplorerPanel|PresetGallery|ConfigDialog|HelpDialog|PresenterView|exports)-/.exec(
      r.url(),
    )
    if (m) chunks.push(m[1] as string)
  })
  await openApp(page, '?preset=racing-adopt')
  await expect
    .poll(() => [...new Set(chunks)].sort(), { timeout: 15_000 })
    .toEqual(['ConfigDialog', 'ExplorerPanel', 'HelpDialog', 'PresenterView', 'PresetGallery', 'exports'])
})

/**
 * A chunk held back by the test: the requests must reach the page's router, so no service worker
 * may answer them from its precache (it installs during the first load and, on a busy machine,
 * may already control the page when the key is pressed).
 */
test.describe('a chunk that arrives late', () => {
  test.use({ serviceWorkers: 'block' })

  test('a dialog whose chunk arrives late still opens focused, and gives focus back', async ({ page }) => {
    const held = await holdChunk(page, 'ShortcutsDialog')
    await openApp(page, '?preset=basic')
    await page.locator('body').press('?')
    await expect.poll(held.asked).toBe(true)
    // Nothing is shown while it loads: the page is unchanged, no empty dialog.
    await expect(page.locator('dialog[open]')).toHaveCount(0)
    held.release()
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect(dialog).toBeVisible()
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('dialog[open]') !== null))
      .toBe(true)
    await page.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)
  })

  test('the explorer opens from the keyboard while its chunk loads, then focuses its heading', async ({
    page,
  }) => {
    const held = await holdChunk(page, 'ExplorerPanel')
    await openApp(page, '?preset=basic')
    const sidebarBox = await page.locator('.sidebar').boundingBox()
    await page.keyboard.press('e')
    await expect.poll(held.asked).toBe(true)
    // Nothing half-drawn while it loads, and nothing moves: the panel lies over the sidebar.
    await expect(page.locator('.explorer-panel')).toHaveCount(0)
    held.release()
    const heading = page.getByRole('heading', { name: 'Explorer' })
    await expect(heading).toBeFocused()
    expect(await page.locator('.sidebar').boundingBox()).toEqual(sidebarBox)
    // Closing gives the focus back to the Explore button, as before the panel was lazy.
    await page.keyboard.press('Escape')
    await expect(page.locator('.explorer-panel')).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Explore', exact: true })).toBeFocused()
  })

  test('presenter mode entered while its chunk loads shows the real view once it arrives', async ({
    page,
  }) => {
    const held = await holdChunk(page, 'PresenterView')
    await openApp(page, '?preset=basic')
    await page.keyboard.press('p')
    await expect.poll(held.asked).toBe(true)
    // No empty presenter frame that a script (or a user) could mistake for the view.
    await expect(page.locator('.presenter')).toHaveCount(0)
    held.release()
    await expect(page.locator('.presenter-transport')).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(page.getByRole('button', { name: 'Present', exact: true })).toBeFocused()
  })
})

test.describe('without a service worker (nothing cached)', () => {
  // A service worker would fetch the chunk for its precache behind the page's back.
  test.use({ serviceWorkers: 'block' })

  test('a chunk that cannot be fetched says so, the app stays usable, and Try again loads it', async ({
    page,
    problems,
  }) => {
    const chunk = /\/assets\/ConfigDialog-[\w-]+\.js$/
    await page.route(chunk, (route) => route.abort('internetdisconnected'))
    await openApp(page, '?preset=basic')
    await page.locator('body').press('s')
    const failed = page.getByRole('dialog', { name: 'This dialog could not be opened' })
    await expect(failed.getByRole('alert')).toContainText('could not load the configuration dialog')
    await expect(failed.getByRole('alert')).toContainText('offline')
    // The rest of the app is still there (no white screen) once the message is closed.
    await page.keyboard.press('Escape')
    await expect(failed).toHaveCount(0)
    await page.keyboard.press('ArrowRight')
    await expect(position(page)).toContainText('step 1/')
    // Back online: Try again fetches the chunk anew.
    await page.locator('body').press('s')
    await expect(failed).toBeVisible()
    await page.unroute(chunk)
    await failed.getByRole('button', { name: 'Try again' }).click()
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible()
    // The failed fetches and React's report of the caught error are expected here, nothing else.
    const expected = /ERR_INTERNET_DISCONNECTED|Failed to fetch dynamically imported module|ConfigDialog/
    const other = problems.filter((p) => !expected.test(p))
    problems.length = 0
    expect(other).toEqual([])
  })

  test('an export whose code cannot be fetched says so in a notice', async ({ page, problems }) => {
    await page.route(/\/assets\/exports-[\w-]+\.js$/, (route) => route.abort('internetdisconnected'))
    await openApp(page, '?preset=basic')
    const menu = page.locator('details.file-menu')
    await menu.locator('summary').click()
    await menu.getByRole('button', { name: 'Export diagram (SVG)' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'could not load the exports' })).toBeVisible()
    const expected = /ERR_INTERNET_DISCONNECTED/
    const other = problems.filter((p) => !expected.test(p))
    problems.length = 0
    expect(other).toEqual([])
  })
})

test('offline after one visit, the lazy parts open from the precache', async ({ page, context }) => {
  await openApp(page, '?preset=basic')
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 })
    .toBe(true)
  await context.setOffline(true)
  // A fresh load: nothing in memory, every chunk from the service worker's cache.
  await page.reload()
  await expect(position(page)).toContainText('step 0/28')
  await page.getByRole('button', { name: 'Help: how to read the diagram' }).click()
  await expect(page.getByRole('dialog', { name: 'How to read Synod' })).toBeVisible()
  await page.keyboard.press('Escape')
  await page.keyboard.press('e')
  await expect(page.getByRole('heading', { name: 'Explorer' })).toBeFocused()
  await page.keyboard.press('Escape')
  await page.keyboard.press('p')
  await expect(page.locator('.presenter-caption')).toBeVisible()
  await page.keyboard.press('Escape')
  await context.setOffline(false)
})
