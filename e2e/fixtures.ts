import { test as base, expect, type Page } from '@playwright/test'

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** True for URLs the app may load: the local server, and inline data/blob URLs. */
function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url)
  if (protocol === 'data:' || protocol === 'blob:') return true
  return LOCAL_HOSTS.has(hostname)
}

/**
 * Every test fails on a console error, an uncaught exception or a request that leaves
 * localhost; `problems` is checked after the test body.
 */
export const test = base.extend<{ problems: string[] }>({
  problems: [
    async ({ page }, use) => {
      const problems: string[] = []
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`)
      })
      page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`))
      page.on('request', (req) => {
        if (!isLocal(req.url())) problems.push(`external request: ${req.url()}`)
      })
      await use(problems)
      expect(problems).toEqual([])
    },
    { auto: true },
  ],
})

export { expect }

/**
 * How long a test may wait for a run of tens of thousands of steps to be computed on opening. The
 * default 5 s held on a quiet machine (about 2 s for 40,000 steps) but not at a load of 12 on two
 * cores, where a land run read "step 0/7778 · computing…" at 5 s. What such a test checks is what
 * is drawn meanwhile and after, not how fast (speed is `npm run bench`'s).
 */
export const LONG_RUN_MS = 60_000

/**
 * Open the app (optionally with a query) and wait until the worker has computed the run. A long
 * run (the bench's 1,000 commands) passes a longer `timeout`: on a busy 2-core machine computing
 * it takes more than the default 5 s.
 */
export async function openApp(page: Page, query = '', timeout?: number): Promise<void> {
  await page.goto(`/${query}`)
  await expect(position(page)).toContainText(/step \d+\/\d+/)
  await expect(position(page)).not.toContainText('computing', { timeout })
}

/**
 * Wait until the worker has finished recomputing the run after an action and the side panels show
 * the step the diagram shows (they follow a step one frame later: `store/panelsFollow.ts`).
 */
export async function settled(page: Page): Promise<void> {
  await expect(position(page)).not.toContainText('computing')
  await expect(page.locator('html[data-panels-behind]')).toHaveCount(0)
}

/**
 * Wait until the side panels show the step the diagram shows: after a step they follow once its
 * frame has painted (an animation frame, then a task: `store/panelsFollow.ts`). A test that reads a
 * panel once, without a retrying assertion, waits for this first.
 */
export async function panelsCaughtUp(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(() => resolve()), 0)),
      ),
  )
  await expect(page.locator('html[data-panels-behind]')).toHaveCount(0)
}

/**
 * Wait until the diagram stands still and draws the step the read-out says: a step can start a
 * follow glide, and the diagram can draw a step a frame after the read-out shows it. A point read
 * from an arrow before then lands elsewhere when the click or tap comes (CI tapped a heartbeat
 * delivered at that very step). Still means every arrow in flight at the same screen place for
 * several frames in a row.
 */
export async function diagramStill(page: Page): Promise<void> {
  await settled(page)
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))
    const where = () =>
      [...document.querySelectorAll('.tl-diagram .tl-arrow.tl-in-flight')]
        .map((g) => {
          const r = g.getBoundingClientRect()
          return `${g.getAttribute('data-msg-id')}@${r.x},${r.y},${r.width},${r.height}`
        })
        .join(' ')
    let last = where()
    for (let i = 0, still = 0; i < 600; i++) {
      await frame()
      const now = where()
      still = now === last ? still + 1 : 0
      if (still >= 5) return
      last = now
    }
    throw new Error('the diagram did not stand still for 5 frames in 600')
  })
}

/** The "step 3/24 · tick 10" read-out of the transport bar. */
export const position = (page: Page) => page.locator('.position')

/** The cursor step shown in the read-out. */
export async function cursorStep(page: Page): Promise<number> {
  const text = (await position(page).textContent()) ?? ''
  const m = /step (\d+)\//.exec(text)
  return m ? Number(m[1]) : -1
}

/** The card (row) of process `pid` in the sidebar. */
export const procCard = (page: Page, pid: number) => page.locator('.proc-card').nth(pid - 1)

/**
 * Saves a screenshot for people to look at after a run, in the ignored test-results/screenshots/:
 * a test run never rewrites tracked files. The screenshots the docs show are refreshed on purpose
 * by `npm run screenshots` (scripts/screenshots.ts).
 */
export const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/${name}.png` })

/** Tick "new leader skips phase 1" in Settings and apply it (the run restarts). */
export async function skipPhase1(page: Page): Promise<void> {
  await page.locator('details.more-menu > summary').click()
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: /Settings/ })
  await dialog.getByLabel('Bug: new leader skips phase 1').check()
  await dialog.getByRole('button', { name: 'Apply and restart' }).click()
  await expect(dialog).toBeHidden()
  await settled(page)
}
