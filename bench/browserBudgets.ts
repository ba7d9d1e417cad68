/**
 * Only the step and scrub budgets of `npm run bench` (racing-adopt steps, the control page, the
 * dueling drag, and the Multi-Paxos 1,000-command run's steps and drag), with the same probes,
 * browser flags and viewport, against a build served at `<baseURL>`:
 * `npx tsx bench/browserBudgets.ts http://127.0.0.1:PORT [repeats]`. Prints JSON and writes
 * nothing, so two builds can be measured back to back (see docs/PERFORMANCE.md).
 */
import { chromium } from '@playwright/test'
import { loadavg } from 'node:os'
import { duelingLink, scrub, stepLatency, stepLatencyControl } from './browserMeasures.ts'
import { multiPaxosLink } from './browserMultiPaxos.ts'

async function main(): Promise<void> {
  const [base, repeats = '1'] = process.argv.slice(2)
  if (!base) throw new Error('usage: tsx bench/browserBudgets.ts <baseURL> [repeats]')
  const loadBefore = loadavg()[0] ?? 0
  // As bench/browser.ts launches it.
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
    baseURL: base,
    viewport: { width: 1280, height: 720 },
    serviceWorkers: 'block',
  })
  try {
    const mp = multiPaxosLink().url
    for (let i = 0; i < Number(repeats); i++) {
      const step = await stepLatency(context, '/?preset=racing-adopt', 50)
      const control = await stepLatencyControl(context, 50)
      const drag = await scrub(context, duelingLink(2000), 120)
      const mpStep = await stepLatency(context, mp, 50)
      const mpEnd = await stepLatency(context, mp, 20, true)
      const mpDrag = await scrub(context, mp, 120)
      console.log(
        JSON.stringify({
          load: [Number(loadBefore.toFixed(1)), Number((loadavg()[0] ?? 0).toFixed(1))],
          step: [step.stepLatencyMsP95, step.stepLatencyMsMedian, step.mainThreadPerStepMs],
          control: [control.stepLatencyMsP95, control.stepLatencyMsMedian],
          scrub: [
            drag.scrubFrameMsP95,
            drag.scrubFrameMsMedian,
            drag.droppedFrames,
            drag.mainThreadPerFrameMs,
          ],
          mpStep: [mpStep.stepLatencyMsP95, mpStep.stepLatencyMsMedian, mpStep.mainThreadPerStepMs],
          mpStepEnd: [mpEnd.stepLatencyMsP95, mpEnd.stepLatencyMsMedian, mpEnd.mainThreadPerStepMs],
          mpScrub: [
            mpDrag.scrubFrameMsP95,
            mpDrag.scrubFrameMsMedian,
            mpDrag.droppedFrames,
            mpDrag.mainThreadPerFrameMs,
          ],
        }),
      )
    }
  } finally {
    await browser.close()
  }
}

await main()
