import { presetById } from '../src/scenarios/presets.ts'
import { encodeScenarioHash } from '../src/scenarios/url.ts'
import { expect, LONG_RUN_MS, openApp, position, test } from './fixtures.ts'

/** The dueling preset, long: the run is far wider than the view, so follow mode must pan. */
function longDuelingQuery(maxSteps: number): string {
  const preset = presetById('dueling')
  if (!preset) throw new Error('the dueling preset is missing')
  const scenario = { ...preset.scenario, config: { ...preset.scenario.config, maxSteps } }
  return `#${encodeScenarioHash(scenario)}`
}

/** After the next paint: where the cursor line is, the visible plot, and the read-out's step. */
async function nextFrame(page: import('@playwright/test').Page) {
  return page.evaluate(
    () =>
      new Promise<{ cursorX: number; left: number; right: number; label: string }>((resolve) => {
        requestAnimationFrame(() => {
          const line = document.querySelector('.tl-cursor-line')?.getBoundingClientRect()
          const plot = document.querySelector('.tl-pan-clip')?.getBoundingClientRect()
          resolve({
            cursorX: line ? line.left + line.width / 2 : NaN,
            left: plot?.left ?? NaN,
            right: plot?.right ?? NaN,
            label: document.querySelector('.tl-cursor')?.textContent ?? '',
          })
        })
      }),
  )
}

test('scrubbing a long run: every frame shows the new cursor, already in view', async ({ page }) => {
  await openApp(page, longDuelingQuery(1500))
  await expect(position(page)).toContainText('step 0/1500')
  const box = await page.getByLabel('Time: scheduler step').boundingBox()
  if (!box) throw new Error('no slider')
  const y = box.y + box.height / 2
  await page.mouse.move(box.x + 2, y)
  await page.mouse.down()
  for (let i = 1; i <= 24; i++) {
    await page.mouse.move(box.x + 2 + ((box.width - 4) * i) / 24, y)
    // The frame that shows the move must already have followed the cursor: no frame with the
    // cursor off to the right of the plot, waiting for a pan.
    const f = await nextFrame(page)
    expect(
      f.cursorX,
      `move ${i}: cursor ${f.cursorX} outside [${f.left}, ${f.right}]`,
    ).toBeGreaterThanOrEqual(f.left - 1)
    expect(f.cursorX).toBeLessThanOrEqual(f.right + 1)
    const shown = /step (\d+)/.exec(f.label)?.[1]
    const readOut = /step (\d+)\//.exec((await position(page).textContent()) ?? '')?.[1]
    expect(shown).toBe(readOut)
  }
  // While the drag moves, arrows go unlabelled (marks keep theirs) and are drawn as a sketch (a few
  // paths instead of a group per arrow); the labels and the whole arrows come back after. "Moving"
  // means the cursor changed within the last tenth of a second, so the drag keeps jiggling while
  // this is checked (a loaded machine may take longer than that between two checks).
  const arrowLabels = page.locator('.tl-label-arrow, .tl-label-reject')
  let jiggling = true
  const jiggle = (async () => {
    for (let k = 0; jiggling; k++) await page.mouse.move(box.x + box.width - 2 - (k % 2) * 40, y)
  })()
  await expect.poll(() => arrowLabels.count()).toBe(0)
  await expect.poll(() => page.locator('.tl-sketches').count()).toBe(1)
  jiggling = false
  await jiggle
  await page.mouse.move(box.x + box.width - 2, y)
  await page.mouse.up()
  await expect(position(page)).toContainText('step 1500/1500')
  await expect.poll(() => arrowLabels.count()).toBeGreaterThan(0)
  await expect(page.locator('.tl-sketches')).toHaveCount(0)
})

/**
 * Step through racing-adopt; per step: did the content glide, and is the cursor in view after. A
 * glide is an animation of the panned HTML box's CSS transform (the compositor runs it), never of
 * anything inside an SVG (an SVG transform repaints the whole diagram on every frame).
 */
async function stepAndWatch(page: import('@playwright/test').Page, steps: number) {
  const glides: number[] = []
  for (let i = 1; i <= steps; i++) {
    await page.keyboard.press('ArrowRight')
    // A glide starts right after the frame that shows the step, and lasts 220 ms.
    await page.waitForTimeout(80)
    const seen = await page.evaluate(() => {
      const pan = document.querySelector('.tl-pan')
      const content = document.querySelector('.tl-pan > svg.tl-content')
      const slides = pan?.getAnimations() ?? []
      const animated = slides.flatMap((a) =>
        ((a.effect as KeyframeEffect | null)?.getKeyframes() ?? []).map((k) => String(k.transform ?? '')),
      )
      return {
        html: pan instanceof HTMLDivElement && content !== null,
        slides: slides.length,
        translates: animated.filter((t) => t.startsWith('translateX(')).length,
        insideSvg: document.getAnimations().filter((a) => {
          const target = (a.effect as KeyframeEffect | null)?.target
          return target instanceof Element && target.closest('svg') !== null
        }).length,
        // The old way: a clipped group whose transform attribute the glide animated.
        clippedGroups: document.querySelectorAll('.tl-diagram g[clip-path]').length,
      }
    })
    expect(seen.html).toBe(true)
    expect(seen.insideSvg, `step ${i}`).toBe(0)
    expect(seen.clippedGroups).toBe(0)
    if (seen.slides > 0) {
      expect(seen.translates, `step ${i}: the glide slides the box`).toBe(2)
      glides.push(i)
    }
    await page.waitForTimeout(200)
    const f = await nextFrame(page)
    expect(f.cursorX, `step ${i}`).toBeGreaterThanOrEqual(f.left - 1)
    expect(f.cursorX, `step ${i}`).toBeLessThanOrEqual(f.right + 1)
  }
  return glides
}

test('a step that moves the view glides there; with reduced motion it jumps', async ({ page }) => {
  await openApp(page, '?preset=racing-adopt')
  await page.locator('.tl-diagram').focus()
  const glides = await stepAndWatch(page, 32)
  expect(glides.length).toBeGreaterThan(0)
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await expect
    .poll(() => page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches))
    .toBe(true)
  await page.waitForTimeout(300)
  await page.keyboard.press('Home')
  await page.waitForTimeout(300)
  // Not even a zero-length CSS transition: each would show its change a frame late.
  await page.evaluate(() => {
    const w = window as unknown as { __transitions: number }
    w.__transitions = 0
    document.addEventListener('transitionrun', () => w.__transitions++, { capture: true })
  })
  expect(await stepAndWatch(page, 32)).toEqual([])
  expect(await page.evaluate(() => (window as unknown as { __transitions: number }).__transitions)).toBe(0)
})

test('a long jump with motion lands with the cursor in view, and the diagram stays up', async ({ page }) => {
  // A jump of more than two view widths snaps (zoomMath's GLIDE_MAX_VIEWS); a shorter one glides.
  await openApp(page, longDuelingQuery(300))
  await expect(position(page)).toContainText('step 0/300')
  await page.locator('.tl-diagram').focus()
  for (const [key, step] of [
    ['End', 'step 300/300'],
    ['Home', 'step 0/300'],
    ['End', 'step 300/300'],
  ] as const) {
    await page.keyboard.press(key)
    await expect(position(page)).toContainText(step)
    await page.waitForTimeout(400)
    const f = await nextFrame(page)
    expect(f.cursorX, key).toBeGreaterThanOrEqual(f.left - 1)
    expect(f.cursorX, key).toBeLessThanOrEqual(f.right + 1)
  }
  await expect(page.locator('.tl-content .tl-arrow').first()).toBeAttached()
})

test('a long run arriving in batches never draws more than a few views of axis at once', async ({ page }) => {
  // While the first batches arrive the view is fitted, then windowed; a follow pan under way then
  // drew its start view from the other zoom: a thousand grid lines and every arrow of the batch
  // in one task (the 40,000-step run's longest task). Count the grid lines in every frame.
  await page.addInitScript(() => {
    const w = window as unknown as { mostGridLines: number }
    w.mostGridLines = 0
    const count = () => {
      w.mostGridLines = Math.max(w.mostGridLines, document.querySelectorAll('.tl-grid line').length)
      requestAnimationFrame(count)
    }
    requestAnimationFrame(count)
  })
  await openApp(page, longDuelingQuery(40_000), LONG_RUN_MS)
  await expect(position(page)).toContainText('step 0/40000', { timeout: 30_000 })
  await page.waitForTimeout(500)
  const atRest = await page.evaluate(() => document.querySelectorAll('.tl-grid line').length)
  const most = await page.evaluate(() => (window as unknown as { mostGridLines: number }).mostGridLines)
  expect(most, `grid lines: ${atRest} at rest, ${most} at most while loading`).toBeLessThanOrEqual(
    (1 + 2 * 2) * atRest,
  )
})
