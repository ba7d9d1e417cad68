import { deflateSync, inflateSync } from 'node:zlib'
import type { Page } from '@playwright/test'
import { expect, openApp, position, settled, test } from './fixtures.ts'

/**
 * A link's "cursor" beyond the end of its run shows the run's end, whichever way the link
 * arrives: tester6 pasted the run on screen with "cursor": 199999 and saw "step 199999/135"
 * (opened fresh, or over another run, the same link showed 135/135).
 */

/** The scenario in the app's own link for the run on screen. */
async function linkedScenario(page: Page): Promise<{ cursor?: number }> {
  await expect(page).toHaveURL(/#s=1\./)
  const payload = new URL(page.url()).hash.replace(/^#s=1\./, '')
  return JSON.parse(inflateSync(Buffer.from(payload, 'base64url')).toString('utf8'))
}

/** The app's own link for the run on screen, with its cursor set to `cursor`. */
async function linkAt(page: Page, cursor: number): Promise<string> {
  const bytes = deflateSync(Buffer.from(JSON.stringify({ ...(await linkedScenario(page)), cursor })))
  return `#s=1.${Buffer.from(bytes).toString('base64url')}`
}

test('a link to the run on screen, at a step past its end, shows the end', async ({ page }) => {
  await openApp(page, '?preset=mp-steady')
  await page.getByRole('button', { name: /^Step \(/ }).click()
  await expect(position(page)).toContainText('step 1/135')
  const beyond = await linkAt(page, 199_999)
  await page.evaluate((hash) => (window.location.hash = hash), beyond)
  await expect(position(page)).toContainText('step 135/135')
  // The address follows: a reload opens the end, not the step past it.
  await expect.poll(async () => (await linkedScenario(page)).cursor).toBe(135)
})

test('the same link opened fresh, or over another run, shows the end too', async ({ page }) => {
  await openApp(page, '?preset=mp-steady')
  await page.getByRole('button', { name: /^Step \(/ }).click()
  const beyond = await linkAt(page, 199_999)
  await openApp(page, `?preset=basic`)
  await page.evaluate((hash) => (window.location.hash = hash), beyond)
  await expect(position(page)).toContainText('step 135/135')
  await page.goto('about:blank')
  await page.goto(`/${beyond}`)
  await settled(page)
  await expect(position(page)).toContainText('step 135/135')
})
