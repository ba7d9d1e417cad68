/**
 * Proof that a rendering change changes only timing: steps two builds through the same runs and
 * compares, after every step, the HTML of everything the user reads (top bar, banners, side panels,
 * time controls and narration, the screen reader's live region, the lane headers and the
 * diagram's arrows and labels): `npx tsx bench/browserSameHtml.ts <baseURL-A> <baseURL-B> [steps]`.
 * Each step is a → press; the page is read once the step's frames have painted (two animation
 * frames and a task), so panels that follow a frame later are read after they caught up. Prints
 * the number of snapshots compared and every difference; exits 1 if there is one.
 */
import { chromium, type Page } from '@playwright/test'
import { multiPaxosLink } from './browserMultiPaxos.ts'

/** What is compared, by selector; the live region by its `aria-live`. */
const PARTS = [
  '.topbar',
  '.banners',
  '.sidebar',
  '.bottombar',
  '[aria-live="polite"]',
  '.tl-heads',
  '.tl-arrows',
  '.tl-labels',
]

const RUNS = ['/?preset=racing-adopt', '/?preset=mp-leader-crash', '/?preset=message-loss']

async function settled(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 30))),
      ),
  )
}

async function snapshots(base: string, url: string, steps: number): Promise<string[][]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  })
  try {
    const context = await browser.newContext({
      baseURL: base,
      viewport: { width: 1280, height: 720 },
      serviceWorkers: 'block',
      // Travel copies come and go with the animation's timing; reduced motion has none.
      reducedMotion: 'reduce',
    })
    const page = await context.newPage()
    await page.goto(url)
    await page.waitForFunction(
      () => !/computing/.test(document.querySelector('.position')?.textContent ?? 'computing'),
      undefined,
      { timeout: 60_000 },
    )
    await page.locator('.tl-diagram').focus()
    await settled(page)
    const out: string[][] = []
    for (let i = 0; i <= steps; i++) {
      if (i > 0) await page.keyboard.press('ArrowRight')
      await settled(page)
      out.push(
        await page.evaluate(
          (parts) =>
            parts.map((sel) => [...document.querySelectorAll(sel)].map((e) => e.outerHTML).join('\n')),
          PARTS,
        ),
      )
    }
    return out
  } finally {
    await browser.close()
  }
}

async function main(): Promise<void> {
  const [a, b, stepsArg = '50'] = process.argv.slice(2)
  if (!a || !b) throw new Error('usage: tsx bench/browserSameHtml.ts <baseURL-A> <baseURL-B> [steps]')
  const steps = Number(stepsArg)
  let compared = 0
  let differences = 0
  for (const url of [...RUNS, multiPaxosLink().url]) {
    const [left, right] = [await snapshots(a, url, steps), await snapshots(b, url, steps)]
    left.forEach((parts, step) =>
      parts.forEach((html, k) => {
        compared++
        if (html === right[step]?.[k]) return
        differences++
        const other = right[step]?.[k] ?? ''
        let at = 0
        while (at < html.length && html[at] === other[at]) at++
        console.log(`${url.slice(0, 40)} step ${step} ${PARTS[k]} differs at ${at}:`)
        console.log(`  A …${html.slice(Math.max(0, at - 80), at + 120)}`)
        console.log(`  B …${other.slice(Math.max(0, at - 80), at + 120)}`)
      }),
    )
  }
  console.log(`${compared} snapshots compared, ${differences} differ`)
  if (differences > 0) process.exit(1)
}

await main()
