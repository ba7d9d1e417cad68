import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { defaultConfig } from '../src/engine/index.ts'
import type { Scenario } from '../src/scenarios/scenario.ts'
import { encodeScenarioHash } from '../src/scenarios/url.ts'
import { expect, openApp, position, settled, test } from './fixtures.ts'

/** Hostile strings: if any of them were ever parsed as HTML or a URL, something would run. */
const XSS = {
  script: '<script>alert(1)</script>',
  img: '<img src=x onerror=alert(1)>',
  js: 'javascript:alert(1)',
}
/** Proposed values are at most 24 characters, so they carry shorter payloads. */
const VALUES = ['<script>alert(1)', '<svg onload=alert(1)>', 'javascript:alert(1)']

/** A scenario whose every free-text field carries a payload; built in Node, like a shared link. */
function hostileScenario(): Scenario {
  return {
    engine: 1,
    seed: 7,
    config: defaultConfig(),
    title: `${XSS.script} ${XSS.img}`,
    description: `${XSS.img} ${XSS.js} ${XSS.script}`,
    interventions: VALUES.map((value, i) => ({ step: 0, action: { type: 'propose', pid: i + 1, value } })),
    beats: [
      { step: 1, text: `${XSS.script} beat one` },
      { step: 2, text: `${XSS.img} beat two` },
      { step: 3, text: `${XSS.js} beat three` },
    ],
  }
}

/** Fails the test when a dialog (alert, confirm, prompt) opens, which would mean script ran. */
function forbidDialogs(page: Page): string[] {
  const fired: string[] = []
  page.on('dialog', (d) => {
    fired.push(`${d.type()}: ${d.message()}`)
    void d.dismiss()
  })
  return fired
}

/** Escape, and wait until the dialog has really closed (shortcuts are ignored while one is open). */
async function closeDialog(page: Page): Promise<void> {
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)
}

/** Elements a payload would have injected: none may exist. */
async function expectNothingInjected(page: Page): Promise<void> {
  expect(await page.locator('body script, img[src="x"], [onerror], [onload]').count()).toBe(0)
  expect(await page.locator('svg[onload], a[href^="javascript:" i]').count()).toBe(0)
}

test('the built index.html carries the strict Content-Security-Policy', async ({ page, problems }) => {
  const dist = process.env.PW_DIST ?? 'dist'
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const served = await (await page.request.get('/')).text()
  for (const text of [html, served]) {
    const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(text)
    expect(m, 'CSP meta missing').not.toBeNull()
    const policy = m?.[1] ?? ''
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
      "worker-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'none'",
    ])
      expect(policy).toContain(directive)
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/)
    // No inline script at all: every <script> has a src.
    expect(text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
  }
  await openApp(page)
  const meta = page.locator('meta[http-equiv="Content-Security-Policy"]')
  await expect(meta).toHaveCount(1)
  // The policy is live: an inline script injected now is refused and never runs.
  const ran = await page.evaluate(() => {
    const w = window as unknown as { __inline?: boolean }
    const s = document.createElement('script')
    s.textContent = 'window.__inline = true'
    document.body.append(s)
    s.remove()
    return w.__inline === true
  })
  expect(ran).toBe(false)
  // That refusal is the one console error this test expects; any other still fails it.
  const refused = problems.findIndex((p) => /Content Security Policy/i.test(p) && /inline/i.test(p))
  expect(refused, problems.join('\n')).toBeGreaterThanOrEqual(0)
  problems.splice(refused, 1)
})

test('hostile proposed values typed into the UI show literally and run nothing', async ({ page }) => {
  const fired = forbidDialogs(page)
  await openApp(page)
  for (const [i, value] of VALUES.entries()) {
    await page.keyboard.press(String(i + 2))
    await expect(page.getByLabel('Propose value')).toBeFocused()
    await page.keyboard.type(value)
    await page.keyboard.press('Enter')
    await settled(page)
    await page.keyboard.press('Escape')
  }
  for (const value of VALUES) await expect(page.locator('.feed')).toContainText(value)
  await page.keyboard.press('End')
  await expect(position(page)).not.toContainText('computing')
  await expectNothingInjected(page)
  expect(fired).toEqual([])
})

test('a #s= link full of markup loads as plain text and runs nothing', async ({ page }) => {
  const fired = forbidDialogs(page)
  await page.goto(`/#${encodeScenarioHash(hostileScenario())}`)
  await expect(position(page)).toContainText(/step \d+\/\d+/)
  await expect(position(page)).not.toContainText('computing')
  await expectNothingInjected(page)
  expect(fired).toEqual([])
  // Until the start-up code reads `#s=` links, the app shows its basic example instead.
  const loaded = (await page.getByLabel('Choose an example run').inputValue()) !== 'basic'
  test.skip(!loaded, 'this build does not load #s= links at start-up yet')
  for (const value of VALUES) await expect(page.locator('.feed')).toContainText(value)
  for (let step = 1; step <= 3; step++) {
    await page.keyboard.press('ArrowRight')
    await expect(page.locator('.beat')).toContainText(hostileScenario().beats?.[step - 1]?.text ?? '')
  }
  await page.keyboard.press('End')
  await expectNothingInjected(page)
  expect(fired).toEqual([])
})

test('a full session stays on its own origin: load, step, propose, every dialog', async ({ page }) => {
  const requests: string[] = []
  page.on('request', (r) => requests.push(r.url()))
  await openApp(page)
  const origin = new URL(page.url()).origin
  await page.getByRole('button', { name: /^Step \(/ }).click()
  await page.keyboard.press('2')
  await page.keyboard.type('v2')
  await page.keyboard.press('Enter')
  await settled(page)
  await closeDialog(page)
  await page.locator('.inflight-item').first().click()
  await expect(page.locator('#msg-title')).toBeVisible()
  await page.locator('details.more-menu > summary').click()
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible()
  await closeDialog(page)
  await page.locator('details.more-menu > summary').click()
  await page.getByRole('button', { name: 'Partition the network' }).click()
  await expect(page.getByRole('dialog', { name: 'Network partition' })).toBeVisible()
  await closeDialog(page)
  await page.keyboard.press('?')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  await closeDialog(page)
  await page.getByRole('button', { name: /^Help/ }).click()
  await expect(page.getByRole('dialog', { name: 'How to read Synod' })).toBeVisible()
  await closeDialog(page)
  await page.getByRole('button', { name: 'Examples' }).click()
  await expect(page.getByRole('dialog', { name: 'Examples' })).toBeVisible()
  await closeDialog(page)
  await page.getByRole('button', { name: 'Explore', exact: true }).click()
  await expect(page.locator('.explorer-panel')).toBeVisible()
  await page.getByRole('button', { name: 'Share' }).click()
  await page.getByRole('button', { name: 'Present' }).click()
  await expect(page.locator('.presenter')).toBeVisible()
  await closeDialog(page)
  await page.locator('details.more-menu > summary').click()
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: /^Theme/ }).click()
  await page.keyboard.press('End')
  await settled(page)
  const foreign = requests.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u))
  expect(foreign).toEqual([])
})
