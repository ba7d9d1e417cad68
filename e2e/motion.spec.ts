import { expect, openApp, position, test } from './fixtures.ts'

/**
 * Messages travel along their arrows when stepping, and nothing moves under reduced motion. The
 * travel is drawn by copies in the travel layer (timeline/travelLayer.ts), whose transforms the
 * compositor animates, while the SVG arrows they stand for are hidden.
 */

type Page = import('@playwright/test').Page

/** Running animations, by where their target is: in the travel layer, or inside any SVG. */
const animations = (page: Page) =>
  page.evaluate(() => {
    const targets = document
      .getAnimations()
      .filter((a) => a instanceof CSSTransition === false)
      .map((a) => ((a as Animation).effect as KeyframeEffect | null)?.target)
      .filter((t): t is Element => !!t)
    return {
      layer: targets.filter((t) => t.closest('.tl-travel')).length,
      svg: targets.filter((t) => t.closest('svg')).length,
    }
  })

/** What the travel layer and the arrows it stands for look like right now. */
const travelState = (page: Page) =>
  page.evaluate(() => {
    const hidden = [...document.querySelectorAll<SVGElement>('.tl-content :is(.tl-shaft, .tl-head)')].filter(
      (e) => e.style.visibility === 'hidden',
    )
    const copies = [...document.querySelectorAll<SVGElement>('.tl-travel .tl-shaft')]
    const strokes = (els: SVGElement[]) => [...new Set(els.map((e) => getComputedStyle(e).stroke))].sort()
    return {
      boxes: document.querySelectorAll('.tl-travel-shaft, .tl-travel-head').length,
      hidden: hidden.length,
      arrowsInLayer: document.querySelectorAll('.tl-travel :is(.tl-arrow, [data-msg-id], [tabindex])').length,
      copyStrokes: strokes(copies),
      hiddenStrokes: strokes(hidden.filter((e) => e.classList.contains('tl-shaft'))),
    }
  })

test('a step makes the messages travel the stretch they covered, drawn by copies that then go away', async ({
  page,
}) => {
  await openApp(page, '?preset=basic')
  await page.locator('.tl-diagram').focus()
  // Steps 1 and 2 happen at tick 0 (P1's messages to itself); step 3 moves time to tick 10.
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText('step 2/')
  await page.waitForTimeout(400)
  const before = await travelState(page)
  expect(before.boxes).toBe(0)
  await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText('step 3/')
  // The animations are short; poll right after the step.
  await expect.poll(async () => (await animations(page)).layer, { timeout: 2_000 }).toBeGreaterThan(0)
  const during = await travelState(page)
  // Each travelling piece hides the SVG piece it stands for, painted in the same colour.
  expect(during.boxes).toBeGreaterThan(0)
  expect(during.hidden).toBe(during.boxes)
  expect(during.copyStrokes.length).toBeGreaterThan(0)
  expect(during.copyStrokes).toEqual(during.hiddenStrokes)
  // The copies are not arrows: nothing that counts or finds arrows sees them.
  expect(during.arrowsInLayer).toBe(0)
  // Nothing animates inside the SVG itself (that would repaint the whole diagram every frame).
  expect((await animations(page)).svg).toBe(0)
  // And they end: nothing keeps running while the run is idle, and the arrows show again.
  await expect.poll(async () => (await animations(page)).layer, { timeout: 3_000 }).toBe(0)
  const after = await travelState(page)
  expect(after.boxes).toBe(0)
  expect(after.hidden).toBe(0)
})

test('nothing travels under prefers-reduced-motion', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await openApp(page, '?preset=basic')
  await page.locator('.tl-diagram').focus()
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText('step 3/')
  await page.waitForTimeout(50)
  expect(await animations(page)).toEqual({ layer: 0, svg: 0 })
  expect((await travelState(page)).hidden).toBe(0)
})
