/**
 * What the slow steps of the bench's step probe wait for: `npx tsx bench/browserStepTail.ts
 * <baseURL> [url] [steps]` presses → `steps` times (default 50, 120 ms apart, as `stepLatency` in
 * `browserMeasures.ts` does, with the same probes) under a DevTools trace, and splits each step's
 * latency (key event time → its frame painted, minus the idle wait for the frame) into: the wait
 * before the key is dispatched (and which tasks ran then), the key's task (React's render and
 * commit), tasks between it and the frame, and the frame itself (style, layout, prepaint, paint,
 * layerize, commit), with wall and thread time (a task whose wall time is much longer than its
 * thread time was descheduled: another thread or process had the core). Prints the slowest steps
 * next to the median ones. Writes nothing. `BENCH_TRACE_OUT=f.json` keeps the trace.
 */
import { chromium, type Page } from '@playwright/test'
import { writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { installProbes, probeKeys, type BenchWindow } from './browserProbes.ts'

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  tdur?: number
  tid: number
  pid: number
  args?: { data?: Record<string, unknown> }
}

interface Press {
  key: string
  /** The key event's `timeStamp` and when it was dispatched (a capture listener that runs first). */
  t0: number
  dispatchedAt: number
  /** Animations running when it was dispatched: a travel's boxes, a follow glide. */
  travelBoxes: number
  glide: boolean
}

const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 120)
const r1 = (x: number): number => Math.round(x * 10) / 10

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

/** Which kind of work a top-level task ran, from the events inside it. */
function kindOf(inner: TraceEvent[]): string {
  const names = new Set(inner.map((e) => e.name))
  const events = inner
    .filter((e) => e.name === 'EventDispatch')
    .map((e) => (e.args?.data as { type?: string } | undefined)?.type)
  if (events.length > 0) return `event:${[...new Set(events)].join('+')}`
  if (names.has('Paint') || names.has('Commit'))
    return names.has('FireAnimationFrame') ? 'frame+raf' : 'frame'
  if (names.has('FireAnimationFrame')) return 'raf'
  if (names.has('TimerFire')) return 'timer'
  if (names.has('FunctionCall')) return 'script'
  if (names.has('MinorGC') || names.has('MajorGC')) return 'gc'
  return 'other'
}

async function main(): Promise<void> {
  const [base, url = '/?preset=racing-adopt', stepsArg = '50'] = process.argv.slice(2)
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
    const align = events.find(
      (e) => e.name === 'TimeStamp' && (e.args?.data as { message?: string })?.message === 'steptail-align',
    )
    if (!align) throw new Error('no alignment stamp in the trace')
    const toTrace = (ms: number): number => align.ts + (ms - alignAt) * 1000
    const mainTid = align.tid
    const pid = align.pid
    const main = events.filter((e) => e.tid === mainTid && e.ph === 'X').sort((a, b) => a.ts - b.ts)
    // Outermost tasks only (the scheduler's RunTask nests inside the thread's).
    const tasks: TraceEvent[] = []
    for (const e of main.filter((x) => x.name === 'RunTask' || x.name === 'ThreadControllerImpl::RunTask')) {
      const last = tasks[tasks.length - 1]
      if (last && e.ts < last.ts + (last.dur ?? 0)) continue
      tasks.push(e)
    }
    const inside = (t: TraceEvent) =>
      main.filter((e) => e !== t && e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0))
    const rasters = events.filter((e) => e.pid === pid && e.ph === 'X' && e.name === 'RasterTask')
    const overlap = (e: TraceEvent, a: number, b: number) =>
      Math.max(0, Math.min(b, e.ts + (e.dur ?? 0)) - Math.max(a, e.ts)) / 1000
    // Steps with a sample: the → presses that came after tracing began (Home samples were popped).
    const rights = presses.filter((p) => p.key === 'ArrowRight').slice(-steps.length)
    const rows = steps.map(([commit, paint, idle], i) => {
      const p = rights[i] as Press
      const a = toTrace(p.t0)
      const b = toTrace(p.t0 + paint)
      const dispatched = toTrace(p.dispatchedAt)
      const inWindow = tasks.filter((t) => t.ts + (t.dur ?? 0) > a && t.ts < b)
      const parts = inWindow.map((t) => {
        const kids = inside(t)
        // Wall / thread ms of the outermost events of each phase.
        const phase = (...ns: string[]) => {
          let end = -1
          let wall = 0
          let cpu = 0
          for (const e of kids.filter((x) => ns.includes(x.name))) {
            if (e.ts < end) continue
            end = e.ts + (e.dur ?? 0)
            wall += (e.dur ?? 0) / 1000
            cpu += (e.tdur ?? e.dur ?? 0) / 1000
          }
          return wall < 0.05 ? undefined : `${r1(wall)}/${r1(cpu)}`
        }
        return {
          kind: kindOf(kids),
          at: r1((t.ts - a) / 1000),
          wallCpu: `${r1((t.dur ?? 0) / 1000)}/${r1((t.tdur ?? t.dur ?? 0) / 1000)}`,
          wall: (t.dur ?? 0) / 1000,
          script: phase('FunctionCall', 'EventDispatch', 'FireAnimationFrame', 'RunMicrotasks'),
          style: phase('UpdateLayoutTree'),
          layout: phase('Layout'),
          prePaint: phase('PrePaint'),
          paint: phase('Paint'),
          layerize: phase('Layerize'),
          commit: phase('Commit'),
          gc: phase('MinorGC', 'MajorGC', 'V8.GC_SCAVENGER'),
        }
      })
      const before = inWindow.filter((t) => t.ts < dispatched && t.ts + (t.dur ?? 0) <= dispatched + 1)
      return {
        i,
        latency: r1(paint - idle),
        commit: r1(commit),
        idle: r1(idle),
        inputDelay: r1(p.dispatchedAt - p.t0),
        travelBoxes: p.travelBoxes,
        glide: p.glide,
        busyBeforeKey: r1(before.reduce((s, t) => s + overlap(t, a, dispatched), 0)),
        mainWallInWindow: r1(inWindow.reduce((s, t) => s + overlap(t, a, b), 0)),
        mainCpuInWindow: r1(inWindow.reduce((s, t) => s + (t.tdur ?? t.dur ?? 0), 0) / 1000),
        rasterInWindow: r1(rasters.reduce((s, e) => s + overlap(e, a, b), 0)),
        tasks: parts.filter((t) => t.wall >= 0.3).map(({ wall: _w, ...t }) => t),
      }
    })
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
    // Thread time per step on every traced thread (top-level tasks), by process and thread name:
    // the step's whole cost on two cores, not only the main thread's.
    const threadName = new Map<string, string>()
    for (const e of events.filter((x) => x.ph === 'M' && x.name === 'thread_name'))
      threadName.set(`${e.pid}:${e.tid}`, String((e.args as { name?: string } | undefined)?.name ?? '?'))
    const cpuBy: Record<string, number> = {}
    const lastEnd = new Map<string, number>()
    for (const e of events
      .filter((x) => x.ph === 'X' && (x.name === 'ThreadControllerImpl::RunTask' || x.name === 'RunTask'))
      .sort((x, y) => x.ts - y.ts)) {
      const key = `${e.pid}:${e.tid}`
      if (e.ts < (lastEnd.get(key) ?? -1)) continue
      lastEnd.set(key, e.ts + (e.dur ?? 0))
      const who = `${e.pid === pid ? 'renderer' : `pid ${e.pid}`} ${threadName.get(key) ?? e.tid}`
      cpuBy[who] = (cpuBy[who] ?? 0) + (e.tdur ?? 0) / 1000
    }
    // The raster workers run RasterTasks outside RunTask events.
    cpuBy['renderer raster'] = rasters.reduce((t, e) => t + (e.tdur ?? e.dur ?? 0), 0) / 1000
    // The renderer's threads and the display compositor (Viz), which draws every frame in software
    // here: the page's own CPU per step (the browser process mostly serves the test driver).
    const pageCpu = r1(
      Object.entries(cpuBy)
        .filter(([k]) => k.startsWith('renderer') || k.includes('Viz'))
        .reduce((t, [, v]) => t + v, 0) / rows.length,
    )
    const cpuPerStep = Object.fromEntries(
      Object.entries(cpuBy)
        .map(([k, v]) => [k, r1(v / rows.length)] as const)
        .filter(([, v]) => v >= 0.1)
        .sort((x, y) => y[1] - x[1]),
    )
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
