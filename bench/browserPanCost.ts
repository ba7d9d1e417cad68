/**
 * What a pan costs the diagram, apart from everything else a scrub frame does:
 * `npx tsx bench/browserPanCost.ts <baseURL> [rounds]`. On the 2,000-step dueling run at rest
 * (the bench's viewport and flags), each round runs 80 frames per kind, each frame changing only
 * that: the cursor line's x, the panned box's whole-pixel `translateX`, the content `<svg>`'s
 * viewBox x (by 0.3 px), or combinations; prints the median frame cost per kind (from the
 * frame's start to a task after its rendering, as the bench's scrub probe). Then it drags the
 * scrubber as the bench does (120 moves, and over the Multi-Paxos 1,000-command run) and prints how
 * far the view moved per move and how often the content `<svg>`'s viewBox changed. Writes nothing.
 */
import { chromium, type Page } from '@playwright/test'
import { loadavg } from 'node:os'
import { duelingLink, grabScrubber, median } from './browserMeasures.ts'
import { multiPaxosLink } from './browserMultiPaxos.ts'

const KINDS = [
  'none',
  'cursor',
  'cursor+transform',
  'cursor+transform+viewBox',
  'transform',
  'viewBox',
] as const

/** The median cost of 80 frames that each change only what `kind` names (then put back). */
function framesOf(kind: string): Promise<number> {
  return new Promise((done) => {
    const svg = document.querySelector('svg.tl-content') as SVGSVGElement
    const pan = document.querySelector('.tl-pan') as HTMLElement
    const line = document.querySelector('.tl-cursor-line') as SVGLineElement
    const [vb, tr, x1] = [
      svg.getAttribute('viewBox') ?? '',
      pan.style.transform,
      line.getAttribute('x1') ?? '0',
    ]
    const [vx, ...vrest] = vb.split(' ')
    const shift = Number(/-?[\d.]+/.exec(tr)?.[0] ?? 0)
    const costs: number[] = []
    let i = 0
    const frame = (t: number): void => {
      const odd = ++i % 2
      if (kind.includes('viewBox')) svg.setAttribute('viewBox', [Number(vx) + 0.3 * odd, ...vrest].join(' '))
      if (kind.includes('transform')) pan.style.transform = `translateX(${shift + odd}px)`
      if (kind.includes('cursor'))
        for (const a of ['x1', 'x2']) line.setAttribute(a, String(Number(x1) + odd))
      const ch = new MessageChannel()
      ch.port1.onmessage = () => costs.push(performance.now() - t)
      ch.port2.postMessage(0)
      if (i < 80) return void requestAnimationFrame(frame)
      setTimeout(() => {
        svg.setAttribute('viewBox', vb)
        pan.style.transform = tr
        for (const a of ['x1', 'x2']) line.setAttribute(a, x1)
        done(costs.sort((a, b) => a - b)[costs.length >> 1] ?? 0)
      }, 50)
    }
    requestAnimationFrame(frame)
  })
}

/** The bench's drag, one move at a time: the pan's shift and the viewBox after each move. */
async function dragMoves(page: Page, url: string): Promise<string> {
  await page.goto(url)
  await page.waitForSelector('.tl-content')
  await page.waitForTimeout(1500)
  const { box, y } = await grabScrubber(page)
  const seen: [number, string][] = []
  for (let i = 1; i <= 120; i++) {
    await page.mouse.move(box.x + 2 + ((box.width - 4) * i) / 120, y)
    seen.push(
      await page.evaluate(() => [
        Number(/-?[\d.]+/.exec((document.querySelector('.tl-pan') as HTMLElement).style.transform)?.[0] ?? 0),
        document.querySelector('svg.tl-content')?.getAttribute('viewBox') ?? '',
      ]),
    )
  }
  await page.mouse.up()
  const moved = seen.slice(1).map(([s], i) => Math.abs(s - (seen[i]?.[0] ?? s)))
  const boxMoves = seen.slice(1).filter(([, v], i) => v !== seen[i]?.[1]).length
  const panned = moved.filter((d) => d > 0)
  return `view moved in ${panned.length} of ${moved.length} moves, median ${median(panned)} px; viewBox changed in ${boxMoves}`
}

async function main(): Promise<void> {
  const [base, rounds = '3'] = process.argv.slice(2)
  if (!base) throw new Error('usage: tsx bench/browserPanCost.ts <baseURL> [rounds]')
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic'],
  })
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 720 } })
  try {
    const page = await context.newPage()
    // tsx (esbuild keepNames) wraps functions in `__name(…)`; serialized into the page they need it.
    await page.addInitScript('globalThis.__name = (f) => f')
    await page.goto(duelingLink(2000))
    await page.waitForSelector('.tl-content')
    await page.waitForTimeout(2000)
    const costs: Record<string, number[]> = {}
    for (let r = 0; r < Number(rounds); r++)
      for (const kind of KINDS)
        (costs[kind] ??= []).push(Math.round((await page.evaluate(framesOf, kind)) * 10) / 10)
    console.log(JSON.stringify({ load: Number((loadavg()[0] ?? 0).toFixed(1)), frameMsMedian: costs }))
    console.log('dueling drag:', await dragMoves(page, duelingLink(2000)))
    console.log('Multi-Paxos drag:', await dragMoves(page, multiPaxosLink().url))
  } finally {
    await browser.close()
  }
}
void main()
