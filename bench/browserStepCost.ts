/**
 * Where a step's time goes, from a DevTools timeline trace: `npx tsx bench/browserStepCost.ts
 * <baseURL> [path]` against a served build (`npx vite build && npx vite preview --port N`).
 * Steps `racing-adopt` (or `path`) 30 times with → and prints, per step: the keydown task (React's
 * render and commit run inside it), style, layout, paint recording and raster time, and how many
 * Paint events there were, once with motion and once with reduced motion (no follow glide).
 * `Performance.getMetrics` gives the same task/script/style/layout split (`TaskDuration` etc.) but
 * not paint and raster, which are what a layer split would save. See docs/PERFORMANCE.md.
 */
import { chromium, type Browser } from '@playwright/test'

const STEPS = 30
const WARMUP = 5
/** Between keys: long enough for a step's glide (220 ms) and travel to finish. */
const GAP_MS = 300

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  tid: number
  args?: { data?: { type?: string } }
}

type Split = Record<'keydownMs' | 'styleMs' | 'layoutMs' | 'paintMs' | 'rasterMs' | 'paints', number>

function splitOf(events: readonly TraceEvent[]): Split {
  const out: Split = { keydownMs: 0, styleMs: 0, layoutMs: 0, paintMs: 0, rasterMs: 0, paints: 0 }
  const ms = (e: TraceEvent) => (e.dur ?? 0) / 1000 / STEPS
  for (const e of events) {
    if (e.ph !== 'X') continue
    if (e.name === 'EventDispatch' && e.args?.data?.type === 'keydown') out.keydownMs += ms(e)
    else if (e.name === 'UpdateLayoutTree') out.styleMs += ms(e)
    else if (e.name === 'Layout') out.layoutMs += ms(e)
    else if (e.name === 'Paint') {
      out.paintMs += ms(e)
      out.paints += 1 / STEPS
    } else if (e.name === 'RasterTask') out.rasterMs += ms(e)
  }
  const r = (x: number) => Math.round(x * 100) / 100
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, r(v)])) as Split
}

async function measure(browser: Browser, url: string, reducedMotion: boolean): Promise<Split> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 720 },
    reducedMotion: reducedMotion ? 'reduce' : 'no-preference',
  })
  const page = await context.newPage()
  await page.goto(url)
  await page.waitForSelector('.tl-arrow')
  await page.locator('.tl-diagram').focus()
  for (let i = 0; i < WARMUP; i++) {
    await page.keyboard.press('ArrowRight')
    await page.waitForTimeout(100)
  }
  const cdp = await context.newCDPSession(page)
  const events: TraceEvent[] = []
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])))
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  })
  for (let i = 0; i < STEPS; i++) {
    await page.keyboard.press('ArrowRight')
    await page.waitForTimeout(GAP_MS)
  }
  await cdp.send('Tracing.end')
  await complete
  await context.close()
  return splitOf(events)
}

async function main(): Promise<void> {
  const [base, path = '/?preset=racing-adopt'] = process.argv.slice(2)
  if (!base) throw new Error('usage: tsx bench/browserStepCost.ts <baseURL> [path]')
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' })
  try {
    const url = new URL(path, base).href
    console.log('per step, motion:        ', JSON.stringify(await measure(browser, url, false)))
    console.log('per step, reduced motion:', JSON.stringify(await measure(browser, url, true)))
  } finally {
    await browser.close()
  }
}

await main()
