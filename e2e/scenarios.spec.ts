import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { cursorStep, expect, openApp, position, settled, shot, test } from './fixtures.ts'

const SCRIPT = '<script>alert(1)</script>'
const IMG = '<img src=x onerror=alert(1)>'

/** A scenario file whose every free text is markup: it must show literally and never run. */
const hostile = {
  format: 1,
  engine: 1,
  seed: 7,
  title: `${SCRIPT} ${IMG}`,
  description: `${IMG} ${SCRIPT}`,
  config: {},
  interventions: [{ step: 0, type: 'propose', pid: 1, value: '<svg onload=alert(1)>' }],
  beats: [{ step: 0, text: `Beat ${SCRIPT}${IMG}` }],
}

const fileMenu = async (page: Page): Promise<void> => {
  const menu = page.locator('details.file-menu')
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click()
}

async function importJson(page: Page, name: string, json: string): Promise<void> {
  await fileMenu(page)
  await page.getByLabel('Scenario file to open').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(json),
  })
}

test('markup in a scenario shows literally and nothing executes', async ({ page }) => {
  const dialogs: string[] = []
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  await openApp(page)
  await importJson(page, 'hostile.json', JSON.stringify(hostile))
  await settled(page)
  await expect(page.locator('.scenario-title')).toHaveText(`${SCRIPT} ${IMG}`)
  await expect(page.getByText(`Beat ${SCRIPT}${IMG}`)).toBeVisible()
  await page.getByRole('button', { name: /^Until decided/ }).click()
  await expect(page.locator('.chip-chosen')).toContainText('<svg onload=alert(1)>')
  // Through a link and a reload as well: still text.
  await expect(page).toHaveURL(/#s=1\./)
  await page.reload()
  await expect(position(page)).not.toContainText('computing')
  await expect(page.locator('.scenario-title')).toHaveText(`${SCRIPT} ${IMG}`)
  expect(await page.locator('script:not([src]), img[src="x"], svg[onload]').count()).toBe(0)
  expect(dialogs).toEqual([])
})

test('export a scenario as .json and import it back: the same run', async ({ page }) => {
  await openApp(page, '?preset=racing-adopt')
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: /^Step \(/ }).click()
  await fileMenu(page)
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Save scenario file…' }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe('racing-p3-completes-p1-s-value.synod.json')
  const text = await readFile((await file.path()) ?? '', 'utf8')
  const json = JSON.parse(text) as { cursor: number; title: string; format: number }
  expect(json).toMatchObject({
    format: 2,
    protocol: 'paxos',
    cursor: 5,
    title: 'Racing: P3 completes P1’s value',
  })
  await page.getByRole('button', { name: /^Jump to start/ }).click()
  await importJson(page, 'racing.json', text)
  await settled(page)
  expect(await cursorStep(page)).toBe(5)
  await expect(page.getByLabel('Choose an example run')).toHaveValue('')
})

test('a bad file names its problem and changes nothing', async ({ page }) => {
  await openApp(page, '?preset=racing-adopt')
  await page.getByRole('button', { name: /^Step \(/ }).click()
  await page.waitForTimeout(500)
  const before = page.url()
  await importJson(page, 'broken.json', '{"format":1,')
  await expect(page.getByText('Could not import “broken.json”: the file is not valid JSON')).toBeVisible()
  await importJson(page, 'range.json', JSON.stringify({ ...hostile, config: { lossPercent: 400 } }))
  await expect(page.getByText(/Could not import “range.json”: config.lossPercent/)).toBeVisible()
  await expect(page.getByLabel('Choose an example run')).toHaveValue('racing-adopt')
  expect(await cursorStep(page)).toBe(1)
  expect(page.url()).toBe(before)
})

test('a scenario recorded by another engine version replays with a notice', async ({ page }) => {
  await openApp(page)
  await importJson(page, 'old.json', JSON.stringify({ ...hostile, engine: 2, title: 'Old run' }))
  await expect(page.getByText(/recorded with engine version 2; this Synod runs version 1/)).toBeVisible()
  await settled(page)
  await page.getByRole('button', { name: /^Until decided/ }).click()
  await expect(page.locator('.chip-chosen')).toContainText('Chosen')
})

test('presenter mode: beats as captions, the clicker walks them, Escape leaves', async ({ page }) => {
  await openApp(page, '?preset=basic')
  await page.getByRole('button', { name: 'Present' }).click()
  await expect(page.locator('.topbar')).toHaveCount(0)
  await expect(page.locator('.presenter-caption')).toHaveText(/^Basic/)
  await page.getByLabel('Clicker moves by (G)').selectOption('beat')
  await page.keyboard.press('PageDown')
  await expect(position(page)).toContainText('step 7/')
  await expect(page.locator('.presenter-caption')).toContainText('P1 has two promises')
  // A question: the next click shows its answer, the one after moves on.
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('.presenter-caption .beat-tag')).toHaveText('Answer')
  await expect(position(page)).toContainText('step 7/')
  await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText('step 14/')
  await expect(page.locator('.presenter-caption')).toContainText('10 is chosen')
  await shot(page, 'presenter')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'contrast')
  await page.keyboard.press('PageUp')
  await expect(position(page)).toContainText('step 7/')
  await page.keyboard.press('Escape')
  await expect(page.locator('.topbar')).toBeVisible()
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'contrast')
  await page.keyboard.press('p')
  await expect(page.locator('.presenter')).toBeVisible()
  await page.keyboard.press('P')
  await expect(page.locator('.presenter')).toHaveCount(0)
})

test('?embed shows only the diagram, a caption, a small transport and a way out', async ({ page }) => {
  await openApp(page, '?preset=racing-adopt')
  await page.getByRole('button', { name: /^Step \(/ }).click()
  // The address follows the step once the opened example has been weighed against the kept work
  // (an IndexedDB read): read it after it has.
  await expect(page).toHaveURL(/#s=1\./)
  const work = page.url()
  await openApp(page, '?embed&preset=basic')
  await expect(page.locator('.topbar, .sidebar, .scrubber')).toHaveCount(0)
  await expect(page.locator('.embed-caption')).toHaveText('Basic run')
  await page.getByRole('button', { name: 'Step forward' }).click()
  await expect(position(page)).toContainText('step 1/28')
  const open = page.getByRole('link', { name: 'Open in Synod' })
  const href = (await open.getAttribute('href')) ?? ''
  expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#s=1\./)
  await shot(page, 'embed')
  // The embed never touched the visitor's own work.
  await page.goto('/')
  await expect(position(page)).not.toContainText('computing')
  await expect(page.getByLabel('Choose an example run')).toHaveValue('racing-adopt')
  expect(await cursorStep(page)).toBe(1)
  expect(work).toContain('#s=1.')
  // And the link opens the embedded run at its cursor in the full app.
  await page.goto(href)
  await expect(position(page)).toContainText('step 1/28')
  await expect(page.getByLabel('Choose an example run')).toHaveValue('basic')
})
