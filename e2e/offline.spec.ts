import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { serveUnderPrefix } from '../scripts/serve.ts'
import { expect, openApp, position, settled, test } from './fixtures.ts'

/** Wait until the service worker is active and controls this page (clientsClaim makes it so). */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 })
    .toBe(true)
}

test('after one visit the app works offline: reload, pick an example, step', async ({ page, context }) => {
  await openApp(page)
  await waitForServiceWorker(page)
  await context.setOffline(true)
  await page.reload()
  await expect(position(page)).toContainText('step 0/28')
  await expect(position(page)).not.toContainText('computing')
  // The engine worker chunk came from the precache too: stepping needs it.
  await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText('step 1/28')
  await page.getByLabel('Choose an example run').selectOption('racing-adopt')
  await expect(position(page)).toContainText('step 0/48')
  await page.keyboard.press('Shift+ArrowRight')
  await expect(position(page)).not.toContainText('step 0/48')
  // A deep link (another path under the same scope) falls back to the cached app shell.
  await page.goto('./?preset=basic')
  await expect(position(page)).toContainText('step 0/28')
  await context.setOffline(false)
})

test('the service worker precaches the app shell, worker chunks included', async ({ page }) => {
  await openApp(page)
  await waitForServiceWorker(page)
  const cached = await page.evaluate(async () => {
    const urls: string[] = []
    for (const name of await caches.keys()) {
      const cache = await caches.open(name)
      for (const req of await cache.keys()) urls.push(new URL(req.url).pathname)
    }
    return urls
  })
  expect(cached).toContain('/index.html')
  expect(cached.some((u) => /\/assets\/index-[\w-]+\.js$/.test(u))).toBe(true)
  expect(cached.some((u) => /\/assets\/index-[\w-]+\.css$/.test(u))).toBe(true)
  expect(cached.some((u) => /\/assets\/engine\.worker-[\w-]+\.js$/.test(u))).toBe(true)
  expect(cached.some((u) => /\/assets\/explorer\.worker-[\w-]+\.js$/.test(u))).toBe(true)
  expect(cached.some((u) => u.endsWith('.map'))).toBe(false)
})

test('the build works from a sub-path, service worker and offline included', async ({ page, context }) => {
  const server = await serveUnderPrefix(process.env.PW_DIST ?? 'dist', '/deep/sub/path/', 0)
  try {
    const { port } = server.address() as AddressInfo
    const base = `http://127.0.0.1:${port}/deep/sub/path/`
    await page.goto(`${base}?preset=racing-adopt`)
    await expect(position(page)).toContainText('step 0/48')
    await page.keyboard.press('Shift+ArrowRight')
    await settled(page)
    await expect(position(page)).not.toContainText('step 0/48')
    await waitForServiceWorker(page)
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)
    expect(scope).toBe(base)
    await context.setOffline(true)
    await page.reload()
    // The reload restores the work (from the address or local storage), now from the precache.
    await expect(position(page)).toContainText(/step \d+\/48/)
    await expect(position(page)).not.toContainText('computing')
    await page.keyboard.press('Home')
    await page.keyboard.press('ArrowRight')
    await expect(position(page)).toContainText('step 1/48')
    await context.setOffline(false)
  } finally {
    server.closeAllConnections()
    await new Promise((done) => server.close(done))
  }
})

test('a new deployment replaces the cached version (autoUpdate)', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'synod-deploy-'))
  cpSync(process.env.PW_DIST ?? 'dist', dir, { recursive: true })
  const server = await serveUnderPrefix(dir, '/app/', 0)
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/app/`
    await page.goto(base)
    await expect(position(page)).toContainText(/step \d+\/\d+/)
    await waitForServiceWorker(page)
    const marker = page.locator('meta[name="synod-deploy"]')
    await expect(marker).toHaveCount(0)
    // "Deploy" version 2: a changed index.html, and a sw.js whose precache revision says so.
    const html = readFileSync(join(dir, 'index.html'), 'utf8')
    writeFileSync(
      join(dir, 'index.html'),
      html.replace('<title>', '<meta name="synod-deploy" content="2" />\n    <title>'),
    )
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8')
    const next = sw.replace(/(url:"index\.html",revision:")[0-9a-f]+"/, '$1deploy2"')
    expect(next).not.toBe(sw)
    writeFileSync(join(dir, 'sw.js'), next)
    // Browsers check sw.js for changes on navigation (Chromium after a short delay, which rapid
    // reloads keep postponing); trigger that check now. The new worker then installs the new
    // files, takes over at once, and the next load shows the new version.
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.ready).update()
    })
    await expect
      .poll(
        async () => {
          await page.reload()
          return marker.count()
        },
        { timeout: 20_000, intervals: [500] },
      )
      .toBe(1)
    await expect(position(page)).toContainText(/step \d+\/\d+/)
  } finally {
    server.closeAllConnections()
    await new Promise((done) => server.close(done))
    rmSync(dir, { recursive: true, force: true })
  }
})
