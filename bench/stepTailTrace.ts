/**
 * The trace analysis of bench/browserStepTail.ts: each probed step's latency split over the
 * renderer's main-thread tasks in its window, and thread time per step on every thread.
 */

export interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  tdur?: number
  tid: number
  pid: number
  args?: { data?: Record<string, unknown> }
}

export interface Press {
  key: string
  /** The key event's `timeStamp` and when it was dispatched (a capture listener that runs first). */
  t0: number
  dispatchedAt: number
  /** Animations running when it was dispatched: a travel's boxes, a follow glide. */
  travelBoxes: number
  glide: boolean
}

export const r1 = (x: number): number => Math.round(x * 10) / 10

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

/**
 * One row per probed step (the bench probe's [commit, paint, idle] samples, matched in order with
 * the → presses), from a trace whose clocks are aligned by a `steptail-align` TimeStamp made at
 * `alignAt` (performance.now()).
 */
export function stepRows(
  events: TraceEvent[],
  steps: [number, number, number][],
  presses: Press[],
  alignAt: number,
) {
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
  const inside = (t: TraceEvent) => main.filter((e) => e !== t && e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0))
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
  return { rows, pid }
}

/** Thread time per step of every traced thread, and of the page's own (renderer and Viz). */
export function cpuPerThread(events: TraceEvent[], pid: number, steps: number) {
  const rasters = events.filter((e) => e.pid === pid && e.ph === 'X' && e.name === 'RasterTask')
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
      .reduce((t, [, v]) => t + v, 0) / steps,
  )
  const cpuPerStep = Object.fromEntries(
    Object.entries(cpuBy)
      .map(([k, v]) => [k, r1(v / steps)] as const)
      .filter(([, v]) => v >= 0.1)
      .sort((x, y) => y[1] - x[1]),
  )
  return { pageCpu, cpuPerStep }
}
