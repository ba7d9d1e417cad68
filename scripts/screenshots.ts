/**
 * Refreshes the screenshots the docs show, on purpose (the e2e suite writes its own screenshots to
 * the ignored test-results/screenshots/ and never touches these). Run after a visible change:
 *
 *   npm run screenshots        # builds, then writes every file listed in DOC_SHOTS
 *
 * It serves dist/ on a free port, opens each shot's link in Debian's Chromium with reduced motion,
 * steps the cursor to the shot's step and saves the page.
 */
import { chromium, type Page } from '@playwright/test'
import { freePort } from './freePort.ts'
import { serveUnderPrefix } from './serve.ts'

interface DocShot {
  /** Where the docs expect it, from the project root. */
  readonly out: string
  readonly query: string
  /** The cursor step to show (stepped to with the → key, as a user would). */
  readonly step: number
  readonly width: number
  readonly height: number
}

/** Every screenshot a doc shows (grep docs/ and README.md for `.png` before adding one). */
export const DOC_SHOTS: readonly DocShot[] = [
  // README.md: the lecture's racing example, P3's ballot 2.3 adopting P1's value 10 (a beat).
  { out: 'docs/screenshot.png', query: '?preset=racing-adopt', step: 23, width: 1280, height: 720 },
]

/** The cursor step of the "step 3/24 · tick 10" read-out, or -1 while it reads otherwise. */
async function cursorStep(page: Page): Promise<number> {
  const text = (await page.locator('.position').textContent()) ?? ''
  if (text.includes('computing')) return -1
  const m = /step (\d+)\//.exec(text)
  return m ? Number(m[1]) : -1
}

async function waitFor(what: string, ok: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await ok()) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`timed out waiting for ${what}`)
}

async function take(page: Page, base: string, shot: DocShot): Promise<void> {
  await page.setViewportSize({ width: shot.width, height: shot.height })
  await page.goto(`${base}/${shot.query}`)
  await waitFor('the run', async () => (await cursorStep(page)) >= 0)
  await page.keyboard.press('Home')
  await waitFor('step 0', async () => (await cursorStep(page)) === 0)
  for (let s = 1; s <= shot.step; s++) {
    await page.keyboard.press('ArrowRight')
    await waitFor(`step ${s}`, async () => (await cursorStep(page)) === s)
  }
  await page.mouse.move(0, 0)
  await page.screenshot({ path: shot.out })
  console.log(`saved ${shot.out} (${shot.query}, step ${shot.step})`)
}

const port = await freePort()
const server = await serveUnderPrefix('dist', '/', port)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
})
try {
  const context = await browser.newContext({ reducedMotion: 'reduce' })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  for (const shot of DOC_SHOTS) await take(page, `http://127.0.0.1:${port}`, shot)
  if (errors.length > 0) throw new Error(`the page reported errors:\n${errors.join('\n')}`)
} finally {
  await browser.close()
  server.close()
}
