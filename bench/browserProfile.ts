/**
 * Where the main thread's time goes per step and per scrub frame, and which elements invalidate:
 * `npx tsx bench/browserProfile.ts <baseURL> [step|scrub|mpstep|mpscrub]…` against a served build
 * (`npx vite build --outDir D && npx vite preview --outDir D --port N`). For comparing two builds
 * back to back on a shared machine, where wall-clock latency is noise and main-thread CPU is not.
 *
 * Per step (30 → presses of `racing-adopt`, 300 ms apart) or per scrub frame (the bench's 120-move
 * drag of the 2,000-step dueling run): main-thread CPU from CDP `Performance.getMetrics` with
 * thread ticks (task, script, style + layout, the rest, as `npm run bench` reports them), the
 * trace's Paint / Layout / style events, and DOM mutations (a MutationObserver) by kind and by the
 * element's class. With `BENCH_INVALIDATIONS=1` also the trace's invalidation tracking: which
 * elements made style, layout or paint dirty, by node name.
 */
import { chromium, type CDPSession, type Page } from '@playwright/test'
import { writeFileSync } from 'node:fs'
import { duelingLink } from './browserMeasures.ts'
import { multiPaxosLink } from './browserMultiPaxos.ts'

const STEPS = 30
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 120)
const MOVES = 120
const INVALIDATIONS = process.env.BENCH_INVALIDATIONS === '1'

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

const r2 = (x: number): number => Math.round(x * 100) / 100

async function threadMetrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[]
  }
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]))
}

function installMutationCounter(): void {
  const w = window as unknown as { __muts: Record<string, number> }
  w.__muts = {}
  const name = (n: Node): string => {
    const el = n instanceof Element ? n : n.parentElement
    if (!el) return '?'
    const cls = el.getAttribute('class')?.split(' ')[0] ?? ''
    return `${el.tagName.toLowerCase()}${cls ? '.' + cls : ''}`
  }
  new MutationObserver((list) => {
    for (const m of list) {
      const k =
        m.type === 'attributes'
          ? `attr ${m.attributeName} ${name(m.target)}`
          : m.type === 'characterData'
            ? `text ${name(m.target)}`
            : `child +${m.addedNodes.length}-${m.removedNodes.length} ${name(m.target)}`
      w.__muts[k] = (w.__muts[k] ?? 0) + 1
    }
  }).observe(document, { subtree: true, attributes: true, childList: true, characterData: true })
}

async function profile(page: Page, units: number, work: () => Promise<void>) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
  const events: TraceEvent[] = []
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])))
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
  const cats = ['devtools.timeline', 'disabled-by-default-devtools.timeline']
  if (INVALIDATIONS) cats.push('disabled-by-default-devtools.timeline.invalidationTracking')
  // More categories for a trace written with BENCH_TRACE_OUT (e.g. `blink,cc`: what a commit holds).
  if (process.env.BENCH_TRACE_CATS) cats.push(...process.env.BENCH_TRACE_CATS.split(','))
  await cdp.send('Tracing.start', { categories: cats.join(','), transferMode: 'ReportEvents' })
  await page.evaluate(installMutationCounter)
  // Which rects are repainted (LayerTree.layerPainted), per layer, with BENCH_PAINT_RECTS=1.
  const painted: Record<string, number> = {}
  if (process.env.BENCH_PAINT_RECTS === '1') {
    await cdp.send('LayerTree.enable')
    cdp.on(
      'LayerTree.layerPainted',
      (p: { layerId: string; clip: { x: number; y: number; width: number; height: number } }) => {
        const c = p.clip
        const k = `${c.width}x${c.height}@${c.x},${c.y}`
        painted[k] = (painted[k] ?? 0) + 1
      },
    )
  }
  const a = await threadMetrics(cdp)
  await work()
  const b = await threadMetrics(cdp)
  const muts = await page.evaluate(() => (window as unknown as { __muts: Record<string, number> }).__muts)
  await cdp.send('Tracing.end')
  await complete
  await cdp.detach()
  if (process.env.BENCH_TRACE_OUT) writeFileSync(process.env.BENCH_TRACE_OUT, JSON.stringify(events))
  const d = (k: string): number => ((b[k] ?? 0) - (a[k] ?? 0)) * 1000
  const task = d('TaskDuration')
  const script = d('ScriptDuration')
  const styleLayout = d('RecalcStyleDuration') + d('LayoutDuration')
  // The renderer's main thread: the thread the Layout events run on.
  const mainTid = events.find((e) => e.name === 'Layout' || e.name === 'UpdateLayoutTree')?.tid
  const per = (x: number): number => r2(x / units)
  const sum = (name: string, field: 'dur' | 'tdur' = 'dur') =>
    events.filter((e) => e.ph === 'X' && e.name === name).reduce((s, e) => s + (e[field] ?? 0) / 1000, 0)
  const count = (name: string) => events.filter((e) => e.name === name && e.ph !== 'E').length
  const onMain = events.filter((e) => e.tid === mainTid && e.ph === 'X')
  // Outermost events only: Paint events nest (the document's contains the HTML element's).
  const mainOf = (name: string) => {
    let end = -1
    let ms = 0
    for (const e of onMain.filter((x) => x.name === name).sort((x, y) => x.ts - y.ts)) {
      if (e.ts < end) continue
      end = e.ts + (e.dur ?? 0)
      ms += (e.tdur ?? e.dur ?? 0) / 1000
    }
    return ms
  }
  const out: Record<string, unknown> = {
    taskMs: per(task),
    scriptMs: per(script),
    styleLayoutMs: per(styleLayout),
    otherMs: per(task - script - styleLayout),
    traceMain: {
      style: per(mainOf('UpdateLayoutTree')),
      layout: per(mainOf('Layout')),
      prePaint: per(mainOf('PrePaint')),
      paint: per(mainOf('Paint')),
      layerize: per(mainOf('Layerize')),
      commit: per(mainOf('Commit')),
      hitTest: per(mainOf('HitTest')),
      gc: per(mainOf('MinorGC') + mainOf('MajorGC') + mainOf('V8.GC_SCAVENGER')),
    },
    // Layouts by size: the panels' catch-ups while scrubbing dirty hundreds of objects, a frame
    // of the diagram alone about a hundred.
    layoutsBySize: (() => {
      const ls = onMain.filter((e) => e.name === 'Layout')
      const dirty = (e: TraceEvent) =>
        (e.args as { beginData?: { dirtyObjects?: number } }).beginData?.dirtyObjects ?? 0
      const part = (xs: TraceEvent[]) =>
        `${xs.length} × ${r2(xs.reduce((s, e) => s + (e.tdur ?? e.dur ?? 0), 0) / 1000 / Math.max(1, xs.length))} ms (${Math.round(xs.reduce((s, e) => s + dirty(e), 0) / Math.max(1, xs.length))} dirty)`
      return { big: part(ls.filter((e) => dirty(e) >= 300)), small: part(ls.filter((e) => dirty(e) < 300)) }
    })(),
    raster: per(sum('RasterTask')),
    paints: per(count('Paint')),
    layouts: per(count('Layout')),
  }
  const top = (rec: Record<string, number>, n: number) =>
    Object.fromEntries(
      Object.entries(rec)
        .sort((x, y) => y[1] - x[1])
        .slice(0, n)
        .map(([k, v]) => [k, per(v)]),
    )
  // Top-level main-thread tasks, by what they ran: thread time per unit and count per unit.
  const tasks = onMain.filter((e) => e.name === 'RunTask').sort((x, y) => x.ts - y.ts)
  const inner = onMain.filter((e) => e.name !== 'RunTask').sort((x, y) => x.ts - y.ts)
  const kinds: Record<string, [number, number]> = {}
  let j = 0
  for (const t of tasks) {
    const end = t.ts + (t.dur ?? 0)
    const names = new Set<string>()
    while (j < inner.length && (inner[j] as TraceEvent).ts < t.ts) j++
    for (let k = j; k < inner.length && (inner[k] as TraceEvent).ts < end; k++) {
      const e = inner[k] as TraceEvent
      const type = (e.args?.data as { type?: string } | undefined)?.type
      names.add(e.name === 'EventDispatch' ? `event:${type}` : e.name)
    }
    const kind = [...names].find((n) => n.startsWith('event:'))
      ? [...names].filter((n) => n.startsWith('event:')).join('+')
      : names.has('FireAnimationFrame')
        ? 'animationFrame' + (names.has('Paint') ? '+paint' : '')
        : names.has('TimerFire')
          ? 'timer'
          : names.has('Paint') || names.has('UpdateLayoutTree') || names.has('Commit')
            ? 'frame'
            : names.has('FunctionCall')
              ? 'script'
              : 'other'
    const cur = kinds[kind] ?? [0, 0]
    cur[0] += (t.tdur ?? t.dur ?? 0) / 1000
    cur[1] += 1
    kinds[kind] = cur
  }
  // The step's own path: the key press's task, then the first task after it that paints (the frame
  // showing the step). Thread time, so the other processes on a shared machine weigh less in it.
  const painting = (t: TraceEvent): boolean =>
    inner.some((e) => e.name === 'Paint' && e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0))
  const keyTasks = tasks.filter((t) =>
    inner.some(
      (e) =>
        e.name === 'EventDispatch' &&
        (e.args?.data as { type?: string } | undefined)?.type === 'keydown' &&
        e.ts >= t.ts &&
        e.ts < t.ts + (t.dur ?? 0),
    ),
  )
  const paths = keyTasks.map((k) => {
    const frame = tasks.find((t) => t.ts > k.ts && painting(t))
    const ms = (t: TraceEvent | undefined): number => ((t?.tdur ?? t?.dur ?? 0) as number) / 1000
    return [ms(k), ms(frame)] as const
  })
  if (paths.length > 0) {
    const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y)
    const med = (xs: number[]) => r2(sorted(xs)[Math.floor(xs.length / 2)] ?? 0)
    out.stepPath = {
      keyTaskMsMedian: med(paths.map((p) => p[0])),
      frameTaskMsMedian: med(paths.map((p) => p[1])),
      bothMsMedian: med(paths.map((p) => p[0] + p[1])),
      bothMsP90: r2(sorted(paths.map((p) => p[0] + p[1]))[Math.floor(paths.length * 0.9)] ?? 0),
    }
  }
  out.tasks = Object.fromEntries(
    Object.entries(kinds)
      .sort((x, y) => y[1][0] - x[1][0])
      .map(([k, [ms, n]]) => [k, `${per(ms)} ms in ${per(n)}`]),
  )
  out.mutations = top(muts, Number(process.env.BENCH_TOP ?? 14))
  out.mutationsTotal = per(Object.values(muts).reduce((s, v) => s + v, 0))
  // Paint events by the layer/frame they painted, and their size.
  const paintBy: Record<string, number> = {}
  for (const e of events.filter((x) => x.name === 'Paint' && x.ph === 'X')) {
    const data = e.args?.data as { nodeId?: number; layerId?: number; clip?: number[] } | undefined
    const clip = data?.clip ?? []
    const w = clip.length >= 8 ? Math.round(Math.abs((clip[2] ?? 0) - (clip[0] ?? 0))) : 0
    const h = clip.length >= 8 ? Math.round(Math.abs((clip[5] ?? 0) - (clip[1] ?? 0))) : 0
    const k = `layer ${data?.layerId ?? '?'} ${w}x${h}`
    paintBy[k] = (paintBy[k] ?? 0) + 1
  }
  out.paintTargets = top(paintBy, 8)
  if (Object.keys(painted).length > 0) out.paintedRects = top(painted, 20)
  if (INVALIDATIONS) {
    const inv: Record<string, number> = {}
    for (const e of events.filter((x) => x.name.endsWith('InvalidationTracking'))) {
      const data = e.args?.data as { nodeName?: string; reason?: string } | undefined
      const k = `${e.name.replace('InvalidationTracking', '')} ${data?.nodeName ?? '?'} ${data?.reason ?? ''}`
      inv[k] = (inv[k] ?? 0) + 1
    }
    out.invalidations = top(inv, 30)
  }
  return out
}

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.waitForSelector('.tl-lane-header')
  await page.waitForFunction(
    () => !/computing/.test(document.querySelector('.position')?.textContent ?? 'computing'),
    undefined,
    {
      timeout: 120_000,
    },
  )
  await page.waitForTimeout(800)
}

async function steps(page: Page, url: string) {
  await open(page, url)
  await page.locator('.tl-diagram').focus()
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('ArrowRight')
    await page.waitForTimeout(100)
  }
  await page.waitForTimeout(GAP_MS)
  return profile(page, STEPS, async () => {
    for (let i = 0; i < STEPS; i++) {
      await page.keyboard.press('ArrowRight')
      await page.waitForTimeout(GAP_MS)
    }
  })
}

async function scrub(page: Page, url: string) {
  await open(page, url)
  const box = await page.locator('.scrub-track input[type=range]').boundingBox()
  if (!box) throw new Error('no scrubber')
  const y = box.y + box.height / 2
  await page.mouse.move(box.x + 2, y)
  await page.mouse.down()
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number; __stop: boolean }
    w.__frames = 0
    w.__stop = false
    const loop = (): void => {
      if (w.__stop) return
      w.__frames++
      requestAnimationFrame(loop)
    }
    requestAnimationFrame(loop)
    return 0
  })
  void frames
  const result = await profile(page, MOVES, async () => {
    for (let i = 1; i <= MOVES; i++) await page.mouse.move(box.x + 2 + ((box.width - 4) * i) / MOVES, y)
  })
  const n = await page.evaluate(() => {
    const w = window as unknown as { __frames: number; __stop: boolean }
    w.__stop = true
    return w.__frames
  })
  await page.mouse.up()
  return { ...result, framesDuringDrag: n }
}

async function main(): Promise<void> {
  const [base, ...which] = process.argv.slice(2)
  if (!base) throw new Error('usage: tsx bench/browserProfile.ts <baseURL> [step|scrub|mpstep|mpscrub]…')
  const parts = which.length > 0 ? which : ['step', 'scrub']
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic'],
  })
  try {
    const context = await browser.newContext({
      baseURL: base,
      viewport: { width: 1280, height: 720 },
      serviceWorkers: 'block',
      reducedMotion: process.env.BENCH_REDUCED === '1' ? 'reduce' : 'no-preference',
    })
    const mp = parts.some((p) => p.startsWith('mp')) ? multiPaxosLink().url : ''
    for (const part of parts) {
      const page = await context.newPage()
      // tsx (esbuild keepNames) wraps functions in `__name(…)`; serialized into the page they need it.
      await page.addInitScript('globalThis.__name = (f) => f')
      // Ablation: a style sheet added to the page (what costs what), e.g. BENCH_CSS='.sidebar{display:none}'.
      if (process.env.BENCH_CSS)
        // A constructed sheet: the page's CSP refuses <style> elements.
        await page.addInitScript(
          `document.addEventListener('DOMContentLoaded', () => { const s = new CSSStyleSheet(); s.replaceSync(${JSON.stringify(process.env.BENCH_CSS)}); document.adoptedStyleSheets = [...document.adoptedStyleSheets, s] })`,
        )
      const result =
        part === 'step'
          ? await steps(page, '/?preset=racing-adopt')
          : part === 'scrub'
            ? await scrub(page, duelingLink(2000))
            : part === 'mpstep'
              ? await steps(page, mp)
              : await scrub(page, mp)
      console.log(part, JSON.stringify(result, null, 1))
      await page.close()
    }
  } finally {
    await browser.close()
  }
}

await main()
