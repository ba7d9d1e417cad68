import type { Page, Worker } from '@playwright/test'
import { cursorStep, expect, openApp, position, procCard, settled, shot, test } from './fixtures.ts'

/**
 * Worker supervision. The app has no test hook: Playwright reaches into the engine worker itself
 * (`page.workers()` + `worker.evaluate`) and breaks it the way real failures do: an uncaught error
 * (the worker's `onerror` fires) or a worker that closes itself and never answers again (only the
 * supervisor's reply timeout can notice that).
 */

/** The engine worker (not the explorer's): the newest one, since a restart makes a new one. */
async function engineWorker(page: Page): Promise<Worker> {
  await expect.poll(() => page.workers().filter((w) => w.url().includes('engine')).length).toBeGreaterThan(0)
  const all = page.workers().filter((w) => w.url().includes('engine'))
  return all[all.length - 1] as Worker
}

/** Throw an uncaught error inside the worker, on its next task. */
async function crashWorker(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    setTimeout(() => {
      throw new Error('injected engine failure')
    }, 0)
  })
}

/** What the user sees of the run: the read-out, the cards, the in-flight list, the arrows. */
async function fingerprint(page: Page) {
  return {
    position: await position(page).textContent(),
    cards: await page.locator('.proc-card').allTextContents(),
    inFlight: await page.locator('.inflight-item').allTextContents(),
    arrows: await page.locator('.tl-arrow').count(),
  }
}

const banner = (page: Page) =>
  page
    .getByRole('status')
    .filter({ hasText: 'The simulation engine stopped; restarted it and restored your run.' })

test('a crashed engine is replaced and the run restored, forks included', async ({ page }) => {
  await openApp(page, '?preset=racing-adopt')
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText('step 6/')
  // An intervention (a fork of the run) must survive the restart too.
  await page.locator('.tl-lane-header[data-pid="3"]').click()
  await page.getByRole('button', { name: 'Crash P3' }).click()
  await settled(page)
  await page.keyboard.press('Escape')
  await expect(procCard(page, 3)).toContainText('down')
  const before = await fingerprint(page)
  const firstWorker = await engineWorker(page)

  await crashWorker(firstWorker)
  await expect(banner(page)).toBeVisible()
  await settled(page)
  await shot(page, 'engine-restarted')
  expect(await fingerprint(page)).toEqual(before)
  expect(await engineWorker(page)).not.toBe(firstWorker)

  // Stepping and acting still work with the new engine.
  const step = await cursorStep(page)
  await page.keyboard.press('ArrowRight')
  await expect.poll(() => cursorStep(page)).toBe(step + 1)
  await page.locator('.tl-lane-header[data-pid="3"]').click()
  await page.getByRole('button', { name: 'Recover P3' }).click()
  await settled(page)
  await expect(procCard(page, 3)).not.toContainText('down')
  await page.getByRole('button', { name: 'OK' }).first().click()
  await expect(banner(page)).toHaveCount(0)
})

test('an engine that goes silent is noticed by the reply timeout and replaced', async ({ page }) => {
  await openApp(page)
  await page.getByRole('button', { name: /^Phase \(/ }).click()
  await expect(position(page)).toContainText('step 8/')
  const worker = await engineWorker(page)
  // Closing itself, the worker drops every later message without a word.
  await worker.evaluate(() => (globalThis as unknown as { close(): void }).close())
  await page.locator('.tl-lane-header[data-pid="2"]').click()
  await page.getByRole('button', { name: 'Crash P2' }).click()
  await page.keyboard.press('Escape')
  await expect(banner(page)).toBeVisible({ timeout: 15_000 })
  await settled(page)
  await expect(position(page)).toContainText('step 8/')
  await expect(procCard(page, 2)).toContainText('down')
  await expect(page.locator('.feed-line.current', { hasText: 'P2 crashes' })).toBeVisible()
})

test('after repeated failures the engine stays stopped until the user restarts it', async ({ page }) => {
  await openApp(page, '?preset=racing-adopt')
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight')
  const before = await fingerprint(page)
  // Three restarts are allowed within a minute; the fourth failure stops the engine.
  for (let i = 0; i < 4; i++) {
    const replaced = i < 3 ? page.waitForEvent('worker') : null
    await crashWorker(await engineWorker(page))
    await replaced
    await settled(page)
  }
  const alert = page.getByRole('alert').filter({ hasText: 'keeps failing' })
  await expect(alert).toBeVisible()
  await shot(page, 'engine-stopped')
  await alert.getByRole('button', { name: 'Restart' }).click()
  await expect(alert).toHaveCount(0)
  await settled(page)
  expect(await fingerprint(page)).toEqual(before)
  await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText('step 5/')
})

test('a run stopped by its step limit says so, and where to raise it', async ({ page }) => {
  await openApp(page, '?preset=dueling')
  const limit = page.locator('.limit-banner')
  await expect(limit).toHaveCount(0)
  await page.keyboard.press('End')
  await expect(limit).toContainText('step limit (Max steps), not because it had nothing left to do')
  await shot(page, 'limit-steps')
  await limit.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByRole('dialog')).toBeVisible()
})
