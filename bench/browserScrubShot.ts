/**
 * Screenshots of a paused scrub (the diagram's sketch on screen), to compare two builds' looks:
 * `npx tsx bench/browserScrubShot.ts <baseURL> <outDir>` drags the scrubber of the 2,000-step
 * dueling run and of the Multi-Paxos 1,000-command run to a few places, holds the drag still with
 * the sketch showing (the drag's 100 ms tick is frozen after it has seen the last move), and saves
 * the diagram's box as PNGs: light and dark themes, lecture colours, and a device pixel ratio of 2.
 * `npx tsx bench/browserScrubShot.ts --diff <dirA> <dirB>` counts the pixels that differ between
 * two such directories (any channel by more than 0 / 32 / 96), in the browser's own PNG decoder,
 * and with a third directory saves pictures of where (differences over 32 in red).
 */
import { chromium, type Browser, type Page } from '@playwright/test'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { duelingLink, grabScrubber } from './browserMeasures.ts'
import { multiPaxosLink } from './browserMultiPaxos.ts'

interface Shot {
  readonly name: string
  readonly url: string
  readonly at: number
  readonly dpr: number
  readonly theme?: 'dark' | 'contrast'
  readonly lecture?: boolean
}

function shots(): Shot[] {
  const dueling = duelingLink(2000)
  const mp = multiPaxosLink().url
  return [
    { name: 'dueling-30', url: dueling, at: 0.3, dpr: 1 },
    { name: 'dueling-70', url: dueling, at: 0.7, dpr: 1 },
    { name: 'dueling-70-dark', url: dueling, at: 0.7, dpr: 1, theme: 'dark' },
    { name: 'dueling-70-lecture', url: dueling, at: 0.7, dpr: 1, lecture: true },
    { name: 'dueling-70-contrast', url: dueling, at: 0.7, dpr: 1, theme: 'contrast' },
    { name: 'dueling-50-dpr2', url: dueling, at: 0.5, dpr: 2 },
    { name: 'mp-40', url: mp, at: 0.4, dpr: 1 },
    { name: 'mp-80', url: mp, at: 0.8, dpr: 1 },
    { name: 'mp-60-dpr2', url: mp, at: 0.6, dpr: 2 },
  ]
}

const launch = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  })

/** Wrap the page's 100 ms intervals (the drag's tick) so the script can stop them after one more run. */
function freezableTicks(): void {
  const w = window as unknown as { __ticksLeft: number }
  w.__ticksLeft = Infinity
  const real = window.setInterval.bind(window)
  window.setInterval = ((fn: () => void, ms?: number) =>
    real(() => {
      if (ms !== 100) return fn()
      if (w.__ticksLeft <= 0) return
      w.__ticksLeft--
      fn()
    }, ms)) as typeof window.setInterval
}

async function take(page: Page, base: string, s: Shot, out: string): Promise<void> {
  await page.addInitScript(freezableTicks)
  if (s.lecture) await page.addInitScript(`localStorage.setItem('synod.diagramColours', 'lecture')`)
  await page.goto(base + s.url)
  await page.waitForSelector('.tl-content', { timeout: 60_000 })
  // The theme is not kept across loads: dark comes from the system (the context's colour scheme),
  // the projector theme is set as the app sets it.
  if (s.theme === 'contrast') await page.evaluate(() => (document.documentElement.dataset.theme = 'contrast'))
  await page.waitForTimeout(1500)
  const { box, y } = await grabScrubber(page)
  const end = box.x + 2 + (box.width - 4) * s.at
  const ticks = (n: number) =>
    page.evaluate((k) => ((window as unknown as { __ticksLeft: number }).__ticksLeft = k), n)
  for (let i = 1; i < 20; i++) {
    await page.mouse.move(box.x + 2 + ((end - box.x - 2) * i) / 20, y)
    await page.waitForTimeout(30)
  }
  // No tick sees the last move until it has been drawn; then one does (the panels follow it and
  // the sketch stays, as in a drag that keeps moving), then none.
  await ticks(0)
  await page.mouse.move(end, y)
  await page.waitForTimeout(300)
  await ticks(1)
  await page.waitForTimeout(1200)
  const sketched = await page.evaluate(
    () => document.querySelector('.tl-sketches, canvas.tl-sketch-canvas') !== null,
  )
  if (!sketched) throw new Error(`${s.name}: no sketch on screen`)
  await page.locator('.diagram-pane').screenshot({ path: join(out, `${s.name}.png`) })
  await page.mouse.up()
}

async function capture(base: string, out: string): Promise<void> {
  mkdirSync(out, { recursive: true })
  const browser = await launch()
  try {
    for (const s of shots()) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 720 },
        deviceScaleFactor: s.dpr,
        colorScheme: s.theme === 'dark' ? 'dark' : 'light',
        serviceWorkers: 'block',
      })
      await take(await context.newPage(), base, s, out)
      await context.close()
      console.log('saved', s.name)
    }
  } finally {
    await browser.close()
  }
}

async function diff(a: string, b: string, out?: string): Promise<void> {
  if (out) mkdirSync(out, { recursive: true })
  const browser = await launch()
  const page = await browser.newPage()
  // tsx (esbuild keepNames) wraps functions in `__name(…)`; serialized into the page they need it.
  await page.addInitScript('globalThis.__name = (f) => f')
  await page.goto('about:blank')
  try {
    for (const f of readdirSync(a).filter((n) => n.endsWith('.png'))) {
      const pa = readFileSync(join(a, f)).toString('base64')
      const pb = readFileSync(join(b, f)).toString('base64')
      const r = await page.evaluate(
        async ([x, y]) => {
          const load = async (d: string) => createImageBitmap(await (await fetch(d)).blob())
          const [ia, ib] = await Promise.all([load(x as string), load(y as string)])
          const px = (img: ImageBitmap) => {
            const c = new OffscreenCanvas(img.width, img.height)
            const ctx = c.getContext('2d') as OffscreenCanvasRenderingContext2D
            ctx.drawImage(img, 0, 0)
            return ctx.getImageData(0, 0, img.width, img.height).data
          }
          if (ia.width !== ib.width || ia.height !== ib.height) return { size: true, counts: [] as number[] }
          const da = px(ia)
          const db = px(ib)
          const counts = [0, 0, 0]
          // A picture of where they differ: the first image faded, differences over 32 in red.
          const out = new OffscreenCanvas(ia.width, ia.height)
          const octx = out.getContext('2d') as OffscreenCanvasRenderingContext2D
          const shown = octx.createImageData(ia.width, ia.height)
          for (let i = 0; i < da.length; i += 4) {
            let d = 0
            for (let k = 0; k < 3; k++) d = Math.max(d, Math.abs((da[i + k] ?? 0) - (db[i + k] ?? 0)))
            if (d > 0) counts[0]!++
            if (d > 32) counts[1]!++
            if (d > 96) counts[2]!++
            const grey = 200 + (da[i] ?? 0) / 5
            shown.data.set(d > 32 ? [255, 0, 0, 255] : [grey, grey, grey, 255], i)
          }
          octx.putImageData(shown, 0, 0)
          const blob = await out.convertToBlob({ type: 'image/png' })
          const bytes = new Uint8Array(await blob.arrayBuffer())
          let bin = ''
          for (const b of bytes) bin += String.fromCharCode(b)
          return { size: false, counts, total: ia.width * ia.height, picture: btoa(bin) }
        },
        [`data:image/png;base64,${pa}`, `data:image/png;base64,${pb}`],
      )
      if (out && 'picture' in r && r.picture)
        writeFileSync(join(out, `diff-${f}`), Buffer.from(r.picture, 'base64'))
      console.log(
        f,
        r.size ? 'sizes differ' : `${r.counts.join(' / ')} of ${r.total} pixels differ (>0 / >32 / >96)`,
      )
    }
  } finally {
    await browser.close()
  }
}

const [first, x, y, z] = process.argv.slice(2)
if (first === '--diff' && x && y) await diff(x, y, z)
else if (first && x) await capture(first, x)
else
  throw new Error('usage: tsx bench/browserScrubShot.ts <baseURL> <outDir> | --diff <dirA> <dirB> [diffDir]')
