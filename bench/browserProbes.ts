/**
 * What the browser benchmark runs inside the page. Each function here is serialized by Playwright
 * (`addInitScript` / `evaluate`), so it must be self-contained: no imports, no closures.
 */

/** The page-side state the probes share (on `window.__bench`). */
export interface BenchWindow {
  __bench: {
    /** `performance.now()` when the diagram was first interactive (arrows drawn, run computed). */
    firstRender: number | null
    /** Longest main-thread task seen (PerformanceObserver `longtask`, ≥ 50 ms). */
    longTaskMaxMs: number
    longTasks: number
    /** Per key press: [event time → app's update committed, event time → next frame painted]. */
    steps: [number, number][]
    /** Per animation frame while recording: the time since the previous frame. */
    frames: number[]
    recording: boolean
  }
}

/**
 * Installed before the app loads. Records the first interactive render, long tasks, and, for each
 * key press, the latency to the commit (a microtask after the app's own keydown listener, which
 * React flushes before it) and to the painted frame (next animation frame, then a task after it).
 */
export function installProbes(): void {
  const w = window as unknown as BenchWindow
  w.__bench = { firstRender: null, longTaskMaxMs: 0, longTasks: 0, steps: [], frames: [], recording: false }
  const b = w.__bench
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      b.longTasks++
      b.longTaskMaxMs = Math.max(b.longTaskMaxMs, e.duration)
    }
  }).observe({ type: 'longtask', buffered: true })
  const afterPaint = (fn: () => void): void => {
    requestAnimationFrame(() => {
      const ch = new MessageChannel()
      ch.port1.onmessage = () => fn()
      ch.port2.postMessage(0)
    })
  }
  const ready = (): boolean => {
    const pos = document.querySelector('.position')
    return (
      document.querySelector('.tl-lane-header') !== null && !!pos && !/computing/.test(pos.textContent ?? '')
    )
  }
  const observer = new MutationObserver(() => {
    if (b.firstRender !== null || !ready()) return
    b.firstRender = -1
    observer.disconnect()
    afterPaint(() => {
      b.firstRender = performance.now()
    })
  })
  observer.observe(document, { subtree: true, childList: true, characterData: true })
  // Registered after the app's own listener (the app mounts first), so it runs after it.
  window.addEventListener('load', () => {
    window.addEventListener('keydown', (e) => {
      const t0 = e.timeStamp
      let committed = 0
      queueMicrotask(() => {
        committed = performance.now() - t0
      })
      afterPaint(() => b.steps.push([committed, performance.now() - t0]))
    })
  })
}

/** Record animation-frame deltas until `stopFrames` (no frame loop runs otherwise: idle stays idle). */
export function startFrames(): void {
  const b = (window as unknown as BenchWindow).__bench
  b.frames = []
  b.recording = true
  let last = 0
  const loop = (t: number): void => {
    if (!b.recording) return
    if (last > 0) b.frames.push(t - last)
    last = t
    requestAnimationFrame(loop)
  }
  requestAnimationFrame(loop)
}

export function stopFrames(): number[] {
  const b = (window as unknown as BenchWindow).__bench
  b.recording = false
  return b.frames
}
