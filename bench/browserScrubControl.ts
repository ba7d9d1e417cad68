/**
 * The scrub probe's floor on this machine: a page with only a range input as wide as the app's
 * scrubber, whose `input` handler writes one number, dragged with the same moves and measured
 * with the same frame probe as `scrub` (browserMeasures.ts). It is to the scrub what
 * `stepLatencyControl` is to the step: what any page pays here for input dispatch, a frame and
 * compositing, printed next to the app's number so a slow or loaded machine shows as such.
 */
import type { BrowserContext } from '@playwright/test'
import { grabScrubber, median, quantile } from './browserMeasures.ts'
import { startFrames, stopFrames } from './browserProbes.ts'

const r1 = (x: number): number => Math.round(x * 10) / 10

export async function scrubControl(context: BrowserContext, moves: number) {
  const page = await context.newPage()
  await page.addInitScript('globalThis.__name = (f) => f')
  await page.goto('about:blank')
  // The class names are the app's, so `grabScrubber` finds the input as it finds the app's.
  await page.setContent(
    '<div class="scrub-track" style="padding:20px"><input type="range" min="0" max="2000" value="0"' +
      ' style="width:1200px"></div><p class="position">step 0/2000</p>',
  )
  await page.evaluate(() => {
    ;(window as unknown as { __bench: object }).__bench = { frames: [], recording: false, inputSeen: false }
    const input = document.querySelector('input') as HTMLInputElement
    const position = document.querySelector('.position') as HTMLElement
    input.addEventListener('input', () => (position.textContent = `step ${input.value}/2000`))
  })
  const { box, y } = await grabScrubber(page)
  await page.evaluate(startFrames)
  for (let i = 1; i <= moves; i++) await page.mouse.move(box.x + 2 + ((box.width - 4) * i) / moves, y)
  const all = await page.evaluate(stopFrames)
  await page.mouse.up()
  await page.close()
  const cost = all.filter((f) => f[2] === 1).map((f) => f[1])
  return {
    scrubFrameMsP95: r1(quantile(cost, 0.95)),
    scrubFrameMsMedian: r1(median(cost)),
    framesWithMove: cost.length,
  }
}
