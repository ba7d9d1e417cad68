/**
 * `npm run bench` (second part): the browser benchmark. Builds the app into its own directory,
 * serves it with `vite preview` on a free port, drives headless Chromium with Playwright, and
 * merges the numbers into bench/results.json under `browser`. Medians/p95 of several runs; the
 * machine and its load are recorded with them. See docs/PERFORMANCE.md for what each number means.
 *
 * `BENCH_QUICK=1` runs fewer repetitions (a smoke run of the harness itself).
 */
import { chromium } from '@playwright/test'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import {
  duelingLink,
  firstRender,
  idle,
  longRun,
  median,
  scrub,
  stepLatency,
  stepLatencyControl,
} from './browserMeasures.ts'
import { multiPaxosLink } from './browserMultiPaxos.ts'
import { scrubControl } from './browserScrubControl.ts'
import { freePort } from '../scripts/freePort.ts'

const HERE = dirname(fileURLToPath(import.meta.url))
const ROOT = join(HERE, '..')
const OUT_DIR = join(tmpdir(), 'synod-bench-dist')
const QUICK = process.env.BENCH_QUICK === '1'

/**
 * The budgets. The step's is the stricter of two: 16 ms, and (issue 14) twice the control page's
 * step p95 in the same run, since a loaded or slower machine moves both (`stepBudgetMs`).
 */
export const BUDGETS = {
  firstRenderMs: 1000,
  stepLatencyMsP95: 16,
  scrubFrameMsP95: 16,
  bundleGzipKB: 200,
  idleMainThreadMsPerSecond: 5,
} as const

/** The step budget of a run whose control page stepped at `controlP95` (see `BUDGETS`). */
export function stepBudgetMs(controlP95: number): number {
  return Math.min(BUDGETS.stepLatencyMsP95, Math.round(2 * controlP95 * 10) / 10)
}

function build(): void {
  const r = spawnSync('npx', ['vite', 'build', '--outDir', OUT_DIR, '--emptyOutDir'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (r.status !== 0) throw new Error('vite build failed')
}

/** gzip size of the JS that index.html loads up front (module scripts and modulepreloads). */
function initialJs(): { files: string[]; gzipKB: number; rawKB: number } {
  const html = readFileSync(join(OUT_DIR, 'index.html'), 'utf8')
  const refs = [...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1] as string)
  let gz = 0
  let raw = 0
  for (const f of refs) {
    const bytes = readFileSync(join(OUT_DIR, f))
    raw += bytes.length
    gz += gzipSync(bytes, { level: 9 }).length
  }
  return { files: refs, gzipKB: Math.round(gz / 102.4) / 10, rawKB: Math.round(raw / 102.4) / 10 }
}

/** Every JS chunk of the build with its gzip size, for the record (lazy chunks included). */
function chunks(): Record<string, number> {
  const dir = join(OUT_DIR, 'assets')
  const out: Record<string, number> = {}
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.js'))) {
    if (statSync(join(dir, f)).isFile()) {
      out[f] = Math.round(gzipSync(readFileSync(join(dir, f)), { level: 9 }).length / 102.4) / 10
    }
  }
  return out
}

/**
 * Starts `vite preview` as Vite's own Node process (not through `npx`, whose wrapper would be the
 * only thing killed and leave the server running) in its own process group, so `stop` ends the
 * server and anything it spawned.
 */
async function serve(port: number): Promise<ChildProcess> {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js')
  const args = [
    vite,
    'preview',
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--strictPort',
    '--outDir',
    OUT_DIR,
  ]
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore', detached: true })
  running.add(child)
  child.on('exit', () => running.delete(child))
  for (let i = 0; i < 200 && child.exitCode === null; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return child
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  await stop(child)
  throw new Error('vite preview did not start')
}

/** Servers this run started and has not stopped yet. */
const running = new Set<ChildProcess>()

/** Stops a server's whole process group and waits until it has exited. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM')
  } catch {
    child.kill('SIGTERM')
  }
  const timer = setTimeout(() => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }, 5000)
  await exited
  clearTimeout(timer)
}

// Ctrl-C or a kill of the benchmark must not orphan the server either.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    for (const child of running) {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
    process.exit(130)
  })
}

async function measure(baseURL: string) {
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
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 720 },
    serviceWorkers: 'block',
  })
  try {
    const runs = QUICK ? 2 : 5
    const first = await firstRender(context, runs)
    const steps = []
    for (let i = 0; i < (QUICK ? 1 : 3); i++)
      steps.push(await stepLatency(context, '/?preset=racing-adopt', 50))
    const control = await stepLatencyControl(context, 50)
    const scrubs = []
    for (let i = 0; i < (QUICK ? 1 : 3); i++) scrubs.push(await scrub(context, duelingLink(2000), 120))
    const scrubFloor = await scrubControl(context, 120)
    const idleRun = await idle(context, QUICK ? 2 : 4)
    const long = await longRun(context, 40_000)
    const multiPaxos = await multiPaxosThousand(context)
    const mid = <T extends Record<string, unknown>>(xs: T[], key: keyof T): T =>
      [...xs].sort((a, b) => (a[key] as number) - (b[key] as number))[Math.floor(xs.length / 2)] as T
    return {
      firstRenderMs: median(first),
      firstRenderRunsMs: first,
      step: mid(steps, 'stepLatencyMsP95'),
      stepRunsP95: steps.map((s) => s.stepLatencyMsP95),
      stepControl: control,
      scrub: mid(scrubs, 'scrubFrameMsP95'),
      scrubRunsP95: scrubs.map((s) => s.scrubFrameMsP95),
      scrubControl: scrubFloor,
      idle: idleRun,
      longRun: long,
      multiPaxos,
    }
  } finally {
    await browser.close()
  }
}

/**
 * Issue 11: Multi-Paxos's 1,000-command run (bench/multipaxos.ts, seed 1) under the same step
 * and scrub probes as the Paxos runs: steps at its start and at its end, and a drag over all of it.
 */
async function multiPaxosThousand(context: Parameters<typeof scrub>[0]) {
  const link = multiPaxosLink()
  const step = await stepLatency(context, link.url, QUICK ? 20 : 50)
  const stepAtEnd = await stepLatency(context, link.url, 20, true)
  const drag = await scrub(context, link.url, 120)
  return {
    steps: link.steps,
    events: link.events,
    stepLatencyMsP95: step.stepLatencyMsP95,
    stepLatencyMsMedian: step.stepLatencyMsMedian,
    stepMainThreadMs: step.mainThreadPerStepMs,
    stepLatencyAtEndMsP95: stepAtEnd.stepLatencyMsP95,
    stepLatencyAtEndMsMedian: stepAtEnd.stepLatencyMsMedian,
    stepAtEndMainThreadMs: stepAtEnd.mainThreadPerStepMs,
    scrubFrameMsP95: drag.scrubFrameMsP95,
    scrubFrameMsMedian: drag.scrubFrameMsMedian,
    scrubFrameMsMax: drag.scrubFrameMsMax,
    droppedFrames: drag.droppedFrames,
    frames: drag.frames,
    scrubMainThreadPerFrameMs: drag.mainThreadPerFrameMs,
  }
}

async function main(): Promise<void> {
  const load = loadavg()[0] ?? 0
  build()
  const bundle = initialJs()
  const port = await freePort()
  const server = await serve(port)
  let m: Awaited<ReturnType<typeof measure>>
  try {
    m = await measure(`http://127.0.0.1:${port}`)
  } finally {
    await stop(server)
  }
  const browser = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      rendering: 'headless, --disable-gpu (software rendering)',
      loadAverage1mBefore: Number(load.toFixed(2)),
      loadAverage1mAfter: Number((loadavg()[0] ?? 0).toFixed(2)),
    },
    budgets: { ...BUDGETS, stepLatencyMsP95: stepBudgetMs(m.stepControl.stepLatencyMsP95) },
    firstRenderMs: m.firstRenderMs,
    stepLatencyMsP95: m.step.stepLatencyMsP95,
    scrubFrameMsP95: m.scrub.scrubFrameMsP95,
    bundleGzipKB: bundle.gzipKB,
    idleMainThreadMsPerSecond: m.idle.idleMainThreadMsPerSecond,
    hiddenMainThreadMsPerSecond: m.idle.hiddenMainThreadMsPerSecond,
    details: { ...m, initialJs: bundle, chunksGzipKB: chunks() },
  }
  const file = join(HERE, 'results.json')
  const results = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {}
  writeFileSync(file, `${JSON.stringify({ ...results, browser }, null, 2)}\n`)
  const stepBudget = stepBudgetMs(m.stepControl.stepLatencyMsP95)
  const budgetOf = (k: string, fixed: number): number => (k === 'stepLatencyMsP95' ? stepBudget : fixed)
  const rows = Object.entries(BUDGETS).map(([k, fixed]) => {
    const value = (browser as unknown as Record<string, number>)[k] ?? NaN
    const budget = budgetOf(k, fixed)
    return { metric: k, value, budget, met: value <= budget }
  })
  // Issue 11: the 1,000-command Multi-Paxos run against the same step and scrub budgets.
  const mp = m.multiPaxos
  rows.push(
    {
      metric: 'multiPaxos stepLatencyMsP95',
      value: mp.stepLatencyMsP95,
      budget: stepBudget,
      met: mp.stepLatencyMsP95 <= stepBudget,
    },
    {
      metric: 'multiPaxos stepLatencyAtEndMsP95',
      value: mp.stepLatencyAtEndMsP95,
      budget: stepBudget,
      met: mp.stepLatencyAtEndMsP95 <= stepBudget,
    },
    {
      metric: 'multiPaxos scrubFrameMsP95',
      value: mp.scrubFrameMsP95,
      budget: BUDGETS.scrubFrameMsP95,
      met: mp.scrubFrameMsP95 <= BUDGETS.scrubFrameMsP95,
    },
  )
  console.table(rows)
  console.log(
    `the control pages' p95 (this machine's floor): step ${m.stepControl.stepLatencyMsP95} ms, scrub ${m.scrubControl.scrubFrameMsP95} ms`,
  )
  console.log(
    JSON.stringify(
      {
        step: m.step,
        stepControl: m.stepControl,
        scrub: m.scrub,
        scrubControl: m.scrubControl,
        idle: m.idle,
        longRun: m.longRun,
        multiPaxos: m.multiPaxos,
      },
      null,
      2,
    ),
  )
  console.log(`wrote ${file} (browser)`)
}

await main()
