/**
 * What the slow steps of the bench's step probe wait for: `npx tsx bench/browserStepTail.ts
 * <baseURL> [url|mp] [steps]` presses → `steps` times (default 50, 120 ms apart, as `stepLatency`
 * in `browserMeasures.ts` does, with the same probes) under a DevTools trace, and splits each
 * step's latency (key event time → its frame painted, minus the idle wait for the frame) into: the
 * wait before the key is dispatched, the key's task (React's render and commit), tasks between it
 * and the frame, and the frame (style, layout, prepaint, paint, layerize, commit), each as wall /
 * thread ms (wall much longer than thread time: the thread was descheduled, another thread or
 * process had the core). Prints the thread time per step of every thread of the page (renderer,
 * raster, the display compositor Viz), the slowest steps next to the median ones, and the steps
 * by class (starting a travel or not; what was animating when the key came). Writes nothing.
 *
 * Options (environment): BENCH_GAP_MS (pace), BENCH_REDUCED=1 (reduced motion), BENCH_CSS (a style
 * sheet added, for ablations), BENCH_NO_ANIM=class,… (Web Animations of those elements end at
 * once), BENCH_CATS (more trace categories), BENCH_TRACE_OUT / BENCH_ROWS_OUT (keep the trace /
 * the per-step rows as JSON), BENCH_COMPACT=1 (one line of summary).
 */
import { chromium, type Page } from '@playwright/test'
import { writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { multiPaxosLink } from './browserMultiPaxos.ts'
import { installProbes, probeKeys, type BenchWindow } from './browserProbes.ts'
import { cpuPerThread, r1, stepRows, type Press, type TraceEvent } from './stepTailTrace.ts'

const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 120)

/** Capture listener registered before the app: when each key press is dispatched. */
function recordPresses(): void {
  const w = window as unknown as { __presses: Press[] }
  w.__presses = []
  window.addEventListener(
    'keydown',
    (e) => {
      const dispatchedAt = performance.now()
      w.__presses.push({
        key: e.key,
        t0: e.timeStamp,
        dispatchedAt,
        travelBoxes: document.querySelectorAll('.tl-travel > *').length,
        glide: document
          .getAnimations()
          .some((a) => (a.effect as KeyframeEffect | null)?.target?.classList.contains('tl-pan') ?? false),
      })
    },
    { capture: true },
  )
}

async function openTraced(page: Page, url: string): Promise<void> {
  await page.addInitScript('globalThis.__name = (f) => f')
  await page.addInitScript(`globalThis.__probeKeys = ${probeKeys.toString()}`)
  await page.addInitScript(recordPresses)
  // Ablation: BENCH_NO_ANIM=class,… makes the Web Animations of elements with those classes end at
  // once (e.g. tl-pan: the follow glide; tl-travel-shaft,tl-travel-head: the travel).
  if (process.env.BENCH_CSS)
    await page.addInitScript(
      `document.addEventListener('DOMContentLoaded', () => { const s = new CSSStyleSheet(); s.replaceSync(${JSON.stringify(process.env.BENCH_CSS)}); document.adoptedStyleSheets = [...document.adoptedStyleSheets, s] })`,
    )
  if (process.env.BENCH_NO_ANIM)
    await page.addInitScript(`{
      const skip = ${JSON.stringify(process.env.BENCH_NO_ANIM.split(','))}
      const animate = Element.prototype.animate
      Element.prototype.animate = function (k, o) {
        const off = skip.some((c) => this.classList.contains(c))
        return animate.call(this, k, off ? { ...o, duration: 1 } : o)
      }
    }`)
  await page.addInitScript(installProbes)
  await page.goto(url)
  await page.waitForFunction(
    () => ((window as unknown as BenchWindow).__bench?.firstRender ?? 0) > 0,
    undefined,
    {
      timeout: 60_000,
    },
  )
  await page.locator('.tl-diagram').focus()
}

/** The bench's presses (`pressSteps`): → every 120 ms, Home (left out) at the end of the run. */
async function press(page: Page, count: number): Promise<void> {
  const samples = (): Promise<number> =>
    page.evaluate(() => (window as unknown as BenchWindow).__bench.steps.length)
  for (let i = 0; i < count; i++) {
    const atEnd = await page.evaluate(() => {
      const m = /step (\d+)\/(\d+)/.exec(document.querySelector('.position')?.textContent ?? '')
      return m !== null && m[1] === m[2]
    })
    if (atEnd) {
      const n = await samples()
      await page.keyboard.press('Home')
      await page.waitForFunction((k) => (window as unknown as BenchWindow).__bench.steps.length > k, n)
      await page.evaluate(() => (window as unknown as BenchWindow).__bench.steps.pop())
      await page.waitForTimeout(GAP_MS)
    }
    const before = await samples()
    await page.keyboard.press('ArrowRight')
    await page.waitForTimeout(GAP_MS)
    await page.waitForFunction((n) => (window as unknown as BenchWindow).__bench.steps.length > n, before)
  }
}

async function main(): Promise<void> {
  const [base, which = '/?preset=racing-adopt', stepsArg = '50'] = process.argv.slice(2)
  // `mp`: the bench's Multi-Paxos 1,000-command run (bench/browserMultiPaxos.ts).
  const url = which === 'mp' ? multiPaxosLink().url : which
  if (!base) throw new Error('usage: tsx bench/browserStepTail.ts <baseURL> [url] [steps]')
  const count = Number(stepsArg)
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--enable-precise-memory-info',
    ],
  })
  const loadBefore = loadavg()[0] ?? 0
  try {
    const context = await browser.newContext({
      baseURL: base,
      viewport: { width: 1280, height: 720 },
      serviceWorkers: 'block',
      reducedMotion: process.env.BENCH_REDUCED === '1' ? 'reduce' : 'no-preference',
    })
    const page = await context.newPage()
    await openTraced(page, url)
    const cdp = await context.newCDPSession(page)
    const events: TraceEvent[] = []
    cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])))
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
    const cats = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'toplevel']
    if (process.env.BENCH_CATS) cats.push(...process.env.BENCH_CATS.split(','))
    await cdp.send('Tracing.start', { categories: cats.join(','), transferMode: 'ReportEvents' })
    // Align the page's clock with the trace's: a TimeStamp event stamped at a known performance.now().
    const alignAt = await page.evaluate(() => {
      const t = performance.now()
      console.timeStamp('steptail-align')
      return t
    })
    await press(page, count)
    const steps = await page.evaluate(() => (window as unknown as BenchWindow).__bench.steps)
    const presses = await page.evaluate(() => (window as unknown as { __presses: Press[] }).__presses)
    await cdp.send('Tracing.end')
    await complete
    if (process.env.BENCH_TRACE_OUT) writeFileSync(process.env.BENCH_TRACE_OUT, JSON.stringify(events))
    const { rows, pid } = stepRows(events, steps, presses, alignAt)
    const byLatency = [...rows].sort((x, y) => y.latency - x.latency)
    const mid = Math.floor(byLatency.length / 2)
    const avg = (
      xs: typeof rows,
      k: 'latency' | 'inputDelay' | 'mainWallInWindow' | 'mainCpuInWindow' | 'rasterInWindow',
    ) => r1(xs.reduce((s, r) => s + r[k], 0) / Math.max(1, xs.length))
    const slow = byLatency.slice(0, 5)
    const median = byLatency.slice(mid - 3, mid + 3)
    const summary = (xs: typeof rows) => ({
      latency: avg(xs, 'latency'),
      inputDelay: avg(xs, 'inputDelay'),
      mainWall: avg(xs, 'mainWallInWindow'),
      mainCpu: avg(xs, 'mainCpuInWindow'),
      raster: avg(xs, 'rasterInWindow'),
    })
    const { pageCpu, cpuPerStep } = cpuPerThread(events, pid, rows.length)
    console.log(
      JSON.stringify({
        pageCpu,
        cpuPerStep,
        load: [r1(loadBefore), r1(loadavg()[0] ?? 0)],
        steps: rows.length,
        p95: byLatency[rows.length - Math.ceil(0.95 * rows.length)]?.latency,
        median: byLatency[mid]?.latency,
        slowest5: summary(slow),
        median6: summary(median),
        // Steps that started a travel (the next press found its boxes) against the others.
        byTravelStart: Object.fromEntries(
          ([true, false] as const).map((k) => {
            const xs = rows.filter((r, i) => (rows[i + 1]?.travelBoxes ?? 0) > 0 === k)
            const lat = xs.map((r) => r.latency).sort((x, y) => x - y)
            const cpu = xs.map((r) => r.mainCpuInWindow).sort((x, y) => x - y)
            return [
              k ? 'starts' : 'not',
              `${xs.length} steps, latency median ${lat[Math.floor(lat.length / 2)] ?? '-'}, main cpu median ${cpu[Math.floor(cpu.length / 2)] ?? '-'}`,
            ]
          }),
        ),
        // Steps by what was animating when the key came: the previous step's travel, a glide.
        byAnimation: Object.fromEntries(
          (['travel', 'glide', 'both', 'none'] as const).map((k) => {
            const xs = rows
              .filter(
                (r) => (r.travelBoxes > 0 ? (r.glide ? 'both' : 'travel') : r.glide ? 'glide' : 'none') === k,
              )
              .map((r) => r.latency)
              .sort((x, y) => x - y)
            return [
              k,
              `${xs.length} steps, median ${xs[Math.floor(xs.length / 2)] ?? '-'}, max ${xs[xs.length - 1] ?? '-'}`,
            ]
          }),
        ),
      }),
    )
    // One line per step: the slowest, then the ones around the median.
    if (process.env.BENCH_ROWS_OUT)
      writeFileSync(
        process.env.BENCH_ROWS_OUT,
        JSON.stringify(rows.map((r, i) => ({ ...r, startsTravel: (rows[i + 1]?.travelBoxes ?? 0) > 0 }))),
      )
    const starts = rows.filter((_, i) => (rows[i + 1]?.travelBoxes ?? 0) > 0).slice(0, 6)
    for (const [title, xs] of [
      ['slowest', slow],
      ['around the median', median],
      ['starting a travel', starts],
    ] as const) {
      console.log(`-- ${title}`)
      for (const { tasks: ts, ...r } of xs) {
        console.log(JSON.stringify(r))
        for (const t of ts) console.log('   ', JSON.stringify(t))
      }
    }
  } finally {
    await browser.close()
  }
}

await main()
