/**
 * The browser benchmark's measurements, one function each. Every function opens its own page in
 * the given context, drives it like a user and returns plain numbers. See docs/PERFORMANCE.md.
 */
import type { BrowserContext, CDPSession, Page } from '@playwright/test'
import { presetById } from '../src/scenarios/presets.ts'
import type { Scenario } from '../src/scenarios/scenario.ts'
import { encodeScenarioHash } from '../src/scenarios/url.ts'
import { installProbes, probeKeys, startFrames, stopFrames, type BenchWindow } from './browserProbes.ts'

export const median = (xs: readonly number[]): number => quantile(xs, 0.5)

/** The q-quantile (nearest rank) of a sample. */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b)
  if (s.length === 0) return 0
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number
}

const r1 = (x: number): number => Math.round(x * 10) / 10

/** The dueling preset with a higher step limit: ~2.5 events per step, no lecture beats. */
export function duelingLink(maxSteps: number): string {
  const preset = presetById('dueling')
  if (!preset) throw new Error('the dueling preset is missing')
  const { beats: _beats, ...rest } = preset.scenario
  const scenario: Scenario = { ...rest, config: { ...rest.config, maxSteps } }
  return `/#${encodeScenarioHash(scenario)}`
}

async function open(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage()
  // tsx (esbuild keepNames) wraps functions in `__name(…)`; serialized into the page they need it.
  await page.addInitScript('globalThis.__name = (f) => f')
  await page.addInitScript(`globalThis.__probeKeys = ${probeKeys.toString()}`)
  await page.addInitScript(installProbes)
  await page.goto(url)
  await page.waitForFunction(
    () => {
      const b = (window as unknown as BenchWindow).__bench
      return b !== undefined && b.firstRender !== null && b.firstRender > 0
    },
    undefined,
    { timeout: 60_000 },
  )
  return page
}

type Metrics = Record<string, number>
async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[]
  }
  return Object.fromEntries(list.map((m) => [m.name, m.value]))
}

/** Main-thread time split over an interval (CDP `Performance.getMetrics` deltas, in ms). */
export interface MainThreadSplit {
  taskMs: number
  scriptMs: number
  styleLayoutMs: number
  /** The rest of the main thread's tasks: paint recording, GC, parsing, hit testing, … */
  otherMs: number
}

async function during(page: Page, work: () => Promise<void>): Promise<MainThreadSplit> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
  const a = await metrics(cdp)
  await work()
  const b = await metrics(cdp)
  await cdp.detach()
  const d = (k: string): number => ((b[k] ?? 0) - (a[k] ?? 0)) * 1000
  const taskMs = d('TaskDuration')
  const scriptMs = d('ScriptDuration')
  const styleLayoutMs = d('RecalcStyleDuration') + d('LayoutDuration')
  return {
    taskMs: r1(taskMs),
    scriptMs: r1(scriptMs),
    styleLayoutMs: r1(styleLayoutMs),
    otherMs: r1(taskMs - scriptMs - styleLayoutMs),
  }
}

/** Navigation start → the diagram of `?preset=racing-adopt` drawn, computed and painted. */
export async function firstRender(context: BrowserContext, runs: number): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const page = await open(context, '/?preset=racing-adopt')
    out.push(r1(await page.evaluate(() => (window as unknown as BenchWindow).__bench.firstRender ?? 0)))
    await page.close()
  }
  return out
}

/** Time between two presses: a clicker's pace (a few per second), each press on a settled page. */
const PRESS_GAP_MS = 120

/** Press → `count` times (Home at the end of the run) and collect the probes' per-key numbers. */
async function pressSteps(page: Page, count: number): Promise<MainThreadSplit> {
  const atEnd = (): Promise<boolean> =>
    page.evaluate(() => {
      const m = /step (\d+)\/(\d+)/.exec(document.querySelector('.position')?.textContent ?? '')
      return m !== null && m[1] === m[2]
    })
  const samples = (): Promise<number> =>
    page.evaluate(() => (window as unknown as BenchWindow).__bench.steps.length)
  return during(page, async () => {
    for (let i = 0; i < count; i++) {
      if (await atEnd()) {
        // Back to the start: a jump, not a step, so its sample is left out.
        const n = await samples()
        await page.keyboard.press('Home')
        await page.waitForFunction((k) => (window as unknown as BenchWindow).__bench.steps.length > k, n)
        await page.evaluate(() => (window as unknown as BenchWindow).__bench.steps.pop())
        await page.waitForTimeout(PRESS_GAP_MS)
      }
      const before = await samples()
      await page.keyboard.press('ArrowRight')
      // The page is left alone between presses (no polling while it renders), as between two
      // clicks of a lecturer's clicker; the sample is certainly in by then.
      await page.waitForTimeout(PRESS_GAP_MS)
      await page.waitForFunction((n) => (window as unknown as BenchWindow).__bench.steps.length > n, before)
    }
  })
}

/** Latency numbers from the probes' per-key samples (see `probeKeys`). */
function stepStats(steps: readonly (readonly [number, number, number])[]) {
  const latency = steps.map(([, paint, idleBeforeFrame]) => paint - idleBeforeFrame)
  const paint = steps.map((s) => s[1])
  return {
    stepLatencyMsP95: r1(quantile(latency, 0.95)),
    stepLatencyMsMedian: r1(median(latency)),
    stepToPaintMsP95: r1(quantile(paint, 0.95)),
    stepToPaintMsMedian: r1(median(paint)),
    idleBeforeFrameMsMedian: r1(median(steps.map((s) => s[2]))),
    stepCommitMsP95: r1(
      quantile(
        steps.map((s) => s[0]),
        0.95,
      ),
    ),
    steps: steps.length,
  }
}

/**
 * Key press (→) → the step's arrows painted, over `count` steps of `url` (wrapping with Home).
 * `stepLatencyMs*` leave out the time the page sat idle waiting for the display's next frame (see
 * docs/PERFORMANCE.md); `stepToPaintMs*` are the raw key-to-paint times.
 */
export async function stepLatency(context: BrowserContext, url: string, count: number, nearEnd = false) {
  const page = await open(context, url)
  await page.locator('.tl-diagram').focus()
  if (nearEnd) {
    // Step through the last `count` steps of the run, where the panels have the most history.
    await page.keyboard.press('End')
    for (let i = 0; i < count; i++) await page.keyboard.press('ArrowLeft')
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))))
    await page.evaluate(() => ((window as unknown as BenchWindow).__bench.steps = []))
  }
  const split = await pressSteps(page, count)
  const steps = await page.evaluate(() => (window as unknown as BenchWindow).__bench.steps)
  await page.close()
  return { ...stepStats(steps), mainThreadPerStepMs: perUnit(split, steps.length) }
}

/**
 * The same key probe on a page that only changes one number per key: the floor any page has on
 * this machine (input dispatch, waiting for the frame, compositing). Printed next to the app's.
 */
export async function stepLatencyControl(context: BrowserContext, count: number) {
  const page = await context.newPage()
  await page.addInitScript('globalThis.__name = (f) => f')
  await page.goto('about:blank')
  await page.setContent('<p class="position">step 0/1000000</p>')
  await page.evaluate(() => {
    ;(window as unknown as BenchWindow).__bench = { steps: [] } as unknown as BenchWindow['__bench']
    let n = 0
    window.addEventListener('keydown', () => {
      n++
      const p = document.querySelector('.position')
      if (p) p.textContent = `step ${n}/1000000`
    })
  })
  await page.evaluate(probeKeys)
  await pressSteps(page, count)
  const steps = await page.evaluate(() => (window as unknown as BenchWindow).__bench.steps)
  await page.close()
  return stepStats(steps)
}

const perUnit = (s: MainThreadSplit, n: number): MainThreadSplit => ({
  taskMs: r1(s.taskMs / n),
  scriptMs: r1(s.scriptMs / n),
  styleLayoutMs: r1(s.styleLayoutMs / n),
  otherMs: r1(s.otherMs / n),
})

/** Press the mouse on the scrubber's start: its box and the row's y, for a drag's moves. */
export async function grabScrubber(page: Page) {
  const box = await page.locator('.scrub-track input[type=range]').boundingBox()
  if (!box) throw new Error('no scrubber')
  const y = box.y + box.height / 2
  await page.mouse.move(box.x + 2, y)
  await page.mouse.down()
  return { box, y }
}

/** Drag the scrubber from start to end in `moves` mouse moves; frame times while dragging. */
export async function scrub(context: BrowserContext, url: string, moves: number) {
  const page = await open(context, url)
  const events = await page.evaluate(() => document.querySelectorAll('.tl-arrow').length)
  // Banners (the run's step limit, say) may still shift the page right after the first render.
  await page.waitForTimeout(500)
  const { box, y } = await grabScrubber(page)
  await page.evaluate(startFrames)
  const split = await during(page, async () => {
    for (let i = 1; i <= moves; i++) await page.mouse.move(box.x + 2 + ((box.width - 4) * i) / moves, y)
  })
  const all = await page.evaluate(stopFrames)
  await page.mouse.up()
  const logLength = await page.locator('.position').textContent()
  await page.close()
  // Frames that moved the scrubber; the others (no pointer move arrived) cost next to nothing.
  const moved = all.filter((f) => f[2] === 1)
  if (moved.length < moves / 2) throw new Error(`the drag moved the scrubber in only ${moved.length} frames`)
  const cost = moved.map((f) => f[1])
  const intervals = all.map((f) => f[0])
  const vsync = median(intervals)
  return {
    scrubFrameMsP95: r1(quantile(cost, 0.95)),
    scrubFrameMsMedian: r1(median(cost)),
    scrubFrameMsMax: r1(Math.max(0, ...cost)),
    framesWithMove: moved.length,
    frames: all.length,
    frameIntervalMsP95: r1(quantile(intervals, 0.95)),
    frameIntervalMsMedian: r1(vsync),
    /** Frames that came later than 1.5 vsync intervals after the previous one. */
    droppedFrames: intervals.filter((d) => d > vsync * 1.5).length,
    mainThreadPerFrameMs: perUnit(split, Math.max(1, all.length)),
    arrowsAtStart: events,
    position: logLength,
  }
}

/** Main-thread ms per second while the run is paused: visible, and with the tab hidden. */
export async function idle(context: BrowserContext, seconds: number) {
  const page = await open(context, '/?preset=racing-adopt')
  await page.waitForTimeout(1000)
  const visible = await during(page, () => page.waitForTimeout(seconds * 1000))
  // Headless Chromium never hides a tab (each page is its own window), so hiding is emulated:
  // the page is told it is hidden, as a real tab switch would (the app pauses on that event).
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' })
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true })
    document.dispatchEvent(new Event('visibilitychange'))
  })
  const state = await page.evaluate(() => document.visibilityState)
  const hidden = await during(page, () => page.waitForTimeout(seconds * 1000))
  await page.close()
  return {
    idleMainThreadMsPerSecond: r1(visible.taskMs / seconds),
    hiddenMainThreadMsPerSecond: r1(hidden.taskMs / seconds),
    hiddenVisibilityState: `${state} (emulated)`,
  }
}

/** A ~100,000-event run: load it, step in it, scrub it; long tasks and heap. */
export async function longRun(context: BrowserContext, maxSteps: number) {
  const start = Date.now()
  const page = await open(context, duelingLink(maxSteps))
  const loadMs = Date.now() - start
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const m = await metrics(cdp)
  await cdp.detach()
  const b = await page.evaluate(() => (window as unknown as BenchWindow).__bench)
  const position = await page.locator('.position').textContent()
  await page.close()
  const step = await stepLatency(context, duelingLink(maxSteps), 20)
  const stepAtEnd = await stepLatency(context, duelingLink(maxSteps), 20, true)
  return {
    maxSteps,
    position,
    loadToInteractiveMs: loadMs,
    firstRenderMs: r1(b.firstRender ?? 0),
    longTaskMaxMs: r1(b.longTaskMaxMs),
    longTasks: b.longTasks,
    jsHeapUsedMB: r1((m.JSHeapUsedSize ?? 0) / 2 ** 20),
    jsHeapTotalMB: r1((m.JSHeapTotalSize ?? 0) / 2 ** 20),
    domNodes: m.Nodes ?? 0,
    stepLatencyMsP95: step.stepLatencyMsP95,
    stepMainThreadMs: step.mainThreadPerStepMs,
    stepLatencyAtEndMsP95: stepAtEnd.stepLatencyMsP95,
    stepAtEndMainThreadMs: stepAtEnd.mainThreadPerStepMs,
  }
}
