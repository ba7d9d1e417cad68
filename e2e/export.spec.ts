import { readFile, writeFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { expect, openApp, settled, test } from './fixtures.ts'

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const menu = page.locator('details.file-menu')
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click()
  const wait = page.waitForEvent('download')
  await page.getByRole('button', { name: button }).click()
  const file = await wait
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path()) ?? '') }
}

/** Where the texts reading `text` are, relative to the element `root`, rounded to pixels. */
function labelsAt({ root, text }: { root: string; text: string }): number[][] {
  const o = document.querySelector(root)?.getBoundingClientRect()
  return [...document.querySelectorAll(`${root} text`)]
    .filter((t) => t.textContent === text)
    .map((t) => {
      const r = t.getBoundingClientRect()
      return [Math.round(r.left - (o?.left ?? 0)), Math.round(r.top - (o?.top ?? 0))]
    })
}

test('the diagram exports as a valid, standalone SVG with title, labels and legend', async ({ page }) => {
  await openApp(page, '?preset=racing-adopt')
  await page.getByRole('button', { name: /^Until decided/ }).click()
  await settled(page)
  // Where the labels are in the diagram once the view has come to rest (the jump glides there):
  // the file must draw them at the same places.
  await expect.poll(() => page.evaluate(() => document.getAnimations().length)).toBe(0)
  const onScreen = await page.evaluate(labelsAt, { root: '.tl-diagram', text: 'accept 2.3 = 10' })
  expect(onScreen.length).toBeGreaterThan(0)
  const { name, bytes } = await download(page, 'Export diagram (SVG)')
  expect(name).toBe('racing-p3-completes-p1-s-value.svg')
  const svg = bytes.toString('utf8')
  if (process.env.SYNOD_KEEP_EXPORT) await writeFile(process.env.SYNOD_KEEP_EXPORT, svg)
  // Parse on a blank page: the file is meant to stand alone, outside the app's CSP and styles.
  const blank = await page.context().newPage()
  const check = await blank.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent ?? '')
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.nodeName,
      texts,
      styled: doc.querySelectorAll('[style*="stroke"]').length,
      classes: doc.querySelectorAll('[class]').length,
      external: doc.querySelectorAll('image, use[href^="http"], foreignObject').length,
      // The diagram's layers composed: lane lines, arrows (drawn in the panned layer), lane headers.
      laneLines: doc.querySelectorAll('line[y1][y2]').length,
      arrows: [...doc.querySelectorAll('[aria-label]')].filter((e) =>
        /^#\d+ P\d to P\d: /.test(e.getAttribute('aria-label') ?? ''),
      ).length,
      lanes: [...doc.querySelectorAll('[aria-label$="Show process P1."], [aria-label$="Show process P5."]')]
        .length,
      roots: doc.querySelectorAll('svg').length - doc.querySelectorAll('svg svg').length,
    }
  }, svg)
  // Drawn: the labels sit where they were on screen, offset by the file's margin and title.
  await blank.setContent(`<body style="margin:0">${svg}</body>`)
  const inFile = await blank.evaluate(labelsAt, { root: 'body > svg', text: 'accept 2.3 = 10' })
  await blank.close()
  expect(inFile).toHaveLength(onScreen.length)
  onScreen.forEach(([x, y], i) => {
    const [fx, fy] = inFile[i] ?? []
    expect(Math.abs((fx ?? NaN) - ((x ?? NaN) + 16)), `label ${i} x`).toBeLessThanOrEqual(1)
    expect(Math.abs((fy ?? NaN) - ((y ?? NaN) + 16 + 36)), `label ${i} y`).toBeLessThanOrEqual(1)
  })
  expect(check.error).toBeNull()
  expect(check.root).toBe('svg')
  expect(check.texts).toContain('Racing: P3 completes P1’s value')
  expect(check.texts).toEqual(
    expect.arrayContaining(['promise 2.3 (1.1, 10)', 'accept 2.3 = 10', 'decided: learner knows']),
  )
  expect(check.styled).toBeGreaterThan(20)
  expect(check.classes).toBe(0)
  expect(check.external).toBe(0)
  expect(check.roots).toBe(1)
  expect(check.arrows).toBeGreaterThan(20)
  expect(check.lanes).toBe(2)
  expect(check.laneLines).toBeGreaterThan(5)
})

test('the diagram exports as a 2× PNG', async ({ page }) => {
  await openApp(page)
  const { name, bytes } = await download(page, 'Export diagram (PNG, 2×)')
  expect(name).toBe('basic-run.png')
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  const width = bytes.readUInt32BE(16)
  const viewport = page.viewportSize()?.width ?? 0
  expect(width).toBeGreaterThan(viewport)
})

test('the text trace exports with the link that replays it', async ({ page }) => {
  await openApp(page, '?preset=basic')
  await page.getByRole('button', { name: /^Until decided/ }).click()
  const { name, bytes } = await download(page, 'Export text trace')
  expect(name).toBe('basic-run.trace.txt')
  const text = bytes.toString('utf8')
  expect(text).toMatch(/^# Basic run\n# http:\/\/127\.0\.0\.1:\d+\/#s=1\.[\w-]+\n# cursor step \d+\n/)
  expect(text).toContain('s0 t0 run.start')
  expect(text).toContain('value.chosen')
})

test('a Multi-Paxos trace exports in its own words, clients named as on their lanes', async ({ page }) => {
  await openApp(page, '?preset=mp-steady')
  const { bytes } = await download(page, 'Export text trace')
  const text = bytes.toString('utf8')
  expect(text).toContain('s0 t0 run.start · Multi-Paxos with 5 replicas and 3 clients')
  expect(text).toMatch(/msg\.deliver #\d+ C1→P1 C1\.1:put\(a1\) · P1 receives C1's C1\.1:put\(a1\)\./)
  // P6…P8 are the clients' pids, never their names.
  expect(text).not.toMatch(/\bP[6-8]\b/)
})
