/**
 * Main-thread thread time per painted frame, from a trace that `bench/browserProfile.ts` wrote
 * (`BENCH_TRACE_OUT=/tmp/t.json npx tsx bench/browserProfile.ts <url> mpscrub`, then
 * `npx tsx bench/traceFrames.ts /tmp/t.json`). A frame's cost is the thread time of every
 * main-thread task since the previous painting task, up to and including its own: what the paint
 * waited for. Thread time, not wall time, so the spikes of one build can be told from another's on
 * a machine whose load moves the wall-clock p95 by a factor of two (docs/PERFORMANCE.md).
 */
import { readFileSync } from 'node:fs'

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  tdur?: number
  tid: number
}

const file = process.argv[2]
if (!file) throw new Error('usage: tsx bench/traceFrames.ts <trace.json>')
const events = JSON.parse(readFileSync(file, 'utf8')) as TraceEvent[]
const mainTid = events.find((e) => e.name === 'Layout' || e.name === 'UpdateLayoutTree')?.tid
const onMain = events.filter((e) => e.tid === mainTid && e.ph === 'X')
const tasks = onMain.filter((e) => e.name === 'RunTask').sort((a, b) => a.ts - b.ts)
const paints = onMain
  .filter((e) => e.name === 'Paint')
  .map((e) => e.ts)
  .sort((a, b) => a - b)
const frames: number[] = []
let since = 0
let p = 0
for (const t of tasks) {
  since += (t.tdur ?? t.dur ?? 0) / 1000
  while (p < paints.length && (paints[p] as number) < t.ts) p++
  if (p < paints.length && (paints[p] as number) < t.ts + (t.dur ?? 0)) {
    frames.push(since)
    since = 0
  }
}
frames.sort((a, b) => a - b)
const at = (q: number): number =>
  Math.round((frames[Math.min(frames.length - 1, Math.floor(q * frames.length))] ?? 0) * 10) / 10
console.log(
  JSON.stringify({
    frames: frames.length,
    p50: at(0.5),
    p90: at(0.9),
    p95: at(0.95),
    p99: at(0.99),
    max: at(1),
    over12ms: frames.filter((x) => x > 12).length,
  }),
)
