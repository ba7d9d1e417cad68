/**
 * The bench's scrub probes only (the dueling drag and, with `mp`, the Multi-Paxos 1,000-command
 * drag), interleaved over several builds served side by side, with the bench's Chromium flags and
 * viewport: `npx tsx bench/browserScrubAB.ts <rounds> <url> <url>… [--mp] [--no-sd]`. Each round
 * measures every build once (the order alternates by round, so drift in the machine's load falls
 * on both); prints one JSON line per measurement and the medians per build. Writes nothing.
 */
import { chromium } from '@playwright/test'
import { loadavg } from 'node:os'
import { duelingLink, median, scrub } from './browserMeasures.ts'
import { multiPaxosLink } from './browserMultiPaxos.ts'

type Sample = { url: string; kind: 'scrub' | 'mpScrub'; p95: number; median: number; mainMs: number }

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const mp = args.includes('--mp')
  const sd = !args.includes('--no-sd')
  const [rounds = '1', ...urls] = args.filter((a) => !a.startsWith('--'))
  if (urls.length === 0)
    throw new Error('usage: tsx bench/browserScrubAB.ts <rounds> <url>… [--mp] [--no-sd]')
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
  const samples: Sample[] = []
  try {
    for (let round = 0; round < Number(rounds); round++) {
      const order = round % 2 === 0 ? urls : [...urls].reverse()
      for (const url of order) {
        const context = await browser.newContext({
          baseURL: url,
          viewport: { width: 1280, height: 720 },
          serviceWorkers: 'block',
        })
        const runs: [Sample['kind'], string][] = []
        if (sd) runs.push(['scrub', duelingLink(2000)])
        if (mp) runs.push(['mpScrub', multiPaxosLink().url])
        for (const [kind, link] of runs) {
          const r = await scrub(context, link, 120)
          const s = {
            url,
            kind,
            p95: r.scrubFrameMsP95,
            median: r.scrubFrameMsMedian,
            mainMs: r.mainThreadPerFrameMs.taskMs,
          }
          samples.push(s)
          console.log(JSON.stringify({ round, load: Number((loadavg()[0] ?? 0).toFixed(1)), ...s }))
        }
        await context.close()
      }
    }
  } finally {
    await browser.close()
  }
  for (const url of urls)
    for (const kind of ['scrub', 'mpScrub'] as const) {
      const mine = samples.filter((s) => s.url === url && s.kind === kind)
      if (mine.length === 0) continue
      console.log(
        `${url} ${kind}: p95 median ${median(mine.map((s) => s.p95)).toFixed(1)} [${mine.map((s) => s.p95).join(', ')}], frame median ${median(mine.map((s) => s.median)).toFixed(1)}, main thread/frame ${median(mine.map((s) => s.mainMs)).toFixed(2)}`,
      )
    }
}

await main()
