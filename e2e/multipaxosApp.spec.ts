import type { Page } from '@playwright/test'
import { cursorStep, expect, openApp, settled, skipPhase1, test } from './fixtures.ts'

/** The Multi-Paxos app: presets open with their own lanes, words, log grid and panels. */

const grid = (page: Page) => page.locator('.log-grid')
const feed = (page: Page) => page.locator('.narration .feed')

/** Press "Phase ▸" until the cursor reaches `step` or passes it; the steps it stopped at. */
async function phaseUntil(page: Page, step: number): Promise<number[]> {
  const stops: number[] = []
  for (let i = 0; i < 60 && (stops.at(-1) ?? 0) < step; i++) {
    await page.getByRole('button', { name: /^Phase \(Shift/ }).click()
    stops.push(await cursorStep(page))
  }
  return stops
}

test('mp-leader-crash: the new leader’s phase 1, the no-op in the hole, all narrated, in the log grid', async ({
  page,
}) => {
  await openApp(page, '?preset=mp-leader-crash')
  await expect(page.locator('.preset-picker select')).toHaveValue('mp-leader-crash')
  await expect(grid(page)).toBeHidden()
  await expect(page.getByText('No slot is used yet.')).toBeVisible()
  // Replicas and clients each have a lane, named as the protocol names them.
  for (const name of ['P1', 'P5', 'C1', 'C3'])
    await expect(page.locator('.tl-lane-header .tl-pid', { hasText: name })).toHaveCount(1)
  const stops = await phaseUntil(page, 79)
  expect(stops).toContain(79)
  await expect(feed(page)).toContainText('P2 suspects leader P1 and starts phase 1 with ballot 2.2')
  await expect(page.locator('.tl-lane-header[data-pid="2"]')).toHaveAttribute(
    'aria-label',
    /P2: up, phase 1 2\.2/,
  )
  expect(await phaseUntil(page, 94)).toContain(94)
  await expect(feed(page)).toContainText('fills slot 4 with a no-op')
  await expect(page.locator('.tl-lane-header[data-pid="2"]')).toHaveAttribute(
    'aria-label',
    /P2: up, leader 2\.2/,
  )
  // A little later P2 holds the no-op in slot 4; the cell says why.
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight')
  await expect(grid(page)).toBeVisible()
  const cell = grid(page).locator('tr', { hasText: 'P2' }).locator('td[data-cell$="-4"]')
  await expect(cell).toHaveAttribute('aria-label', /slot 4: accepted noop at 2\.2/)
  await cell.hover()
  await expect(page.locator('#log-grid-why')).toContainText('a no-op')
  await expect(page.locator('.log-grid-role', { hasText: 'leader 2.2' })).toBeVisible()
  // The new leader's heartbeats are drawn, quietly.
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight')
  await expect(page.locator('.tl-arrow.tl-quiet').first()).toBeAttached()
  await expect(page.locator('.msg-counts')).toContainText('heartbeat')
})

test('mp-leader-crash: the share link replays the same run at the same step', async ({ page, context }) => {
  await openApp(page, '?preset=mp-leader-crash')
  for (let i = 0; i < 100; i++) await page.keyboard.press('ArrowRight')
  expect(await cursorStep(page)).toBe(100)
  // The address is written after the cursor rests and then at an idle moment (up to about 1.3 s
  // on a busy machine): wait for the link that holds step 100, not for a fixed time.
  const { decodeScenarioLink } = await import('../src/scenarios/url.ts')
  const cursorInAddress = (): number | null => {
    const r = decodeScenarioLink(page.url())
    return r.ok ? (r.scenario.cursor ?? null) : null
  }
  await expect.poll(cursorInAddress, { timeout: 10_000 }).toBe(100)
  const link = page.url()
  const gridText = (await grid(page).textContent()) ?? ''
  expect(gridText).toContain('noop')
  const other = await context.newPage()
  await other.goto(link)
  await expect(other.locator('.position')).toContainText('step 100/')
  await settled(other)
  await expect(other.locator('.log-grid')).toHaveText(gridText)
  await expect(other.locator('.preset-picker select')).toHaveValue('mp-leader-crash')
  await other.close()
})

test('mp-leader-crash: drop a message and crash a replica by hand', async ({ page }) => {
  await openApp(page, '?preset=mp-leader-crash')
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight')
  const arrow = page.locator('.tl-arrow.tl-in-flight').first()
  await arrow.click()
  await page.getByRole('button', { name: 'Drop' }).click()
  await settled(page)
  await expect(page.locator('.preset-picker select')).not.toHaveValue('mp-leader-crash')
  await page.locator('.tl-lane-header[data-pid="3"]').click()
  await page.getByRole('button', { name: 'Crash P3' }).click()
  await settled(page)
  await expect(page.locator('.tl-lane-header[data-pid="3"]')).toHaveAttribute('aria-label', /P3: down/)
  await expect(page.getByRole('button', { name: 'Recover P3' })).toBeVisible()
})

test('mp-bug-skip-phase1: the violation shows, named in the lecture’s words', async ({ page }) => {
  await openApp(page, '?preset=mp-bug-skip-phase1')
  await page.keyboard.press('End')
  const badge = page.locator('.badge-bad')
  await expect(badge).toContainText('per-slot agreement')
  await badge.click()
  expect(await cursorStep(page)).toBe(68)
  await expect(feed(page)).toContainText('Violated: per-slot agreement')
})

test('the examples list Multi-Paxos under its own heading', async ({ page }) => {
  await openApp(page, '?preset=basic')
  await page.getByRole('button', { name: 'Examples' }).click()
  const group = page.locator('.gallery section', { has: page.getByRole('heading', { name: 'Multi-Paxos' }) })
  await expect(group.locator('.gallery-item')).toHaveCount(12)
  await group.getByRole('button', { name: /the leader crashes/ }).click()
  await expect(page.locator('.preset-picker select')).toHaveValue('mp-leader-crash')
})

test('settings show Multi-Paxos’s own fields; a broken variant reruns into its violation', async ({
  page,
}) => {
  await openApp(page, '?preset=mp-leader-crash')
  await page.locator('details.more-menu > summary').click()
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: /Settings/ })
  await expect(dialog.getByLabel('Replicas', { exact: true })).toHaveValue('5')
  await expect(dialog.getByLabel('Processes', { exact: true })).toHaveCount(0)
  await expect(dialog.getByLabel(/Give up on a ballot/)).toHaveCount(0)
  await dialog.getByLabel('Batch size (1 = no batching)').fill('0')
  await expect(dialog.getByRole('alert')).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Apply and restart' })).toBeDisabled()
  await dialog.getByLabel('Batch size (1 = no batching)').fill('1')
  await dialog.getByLabel('Bug: new leader skips phase 1').check()
  await dialog.getByRole('button', { name: 'Apply and restart' }).click()
  await expect(dialog).toBeHidden()
  await settled(page)
  // The rerun has the broken variant: a new leader takes over without phase 1.
  let seen = false
  for (let i = 0; i < 40 && !seen; i++) {
    await page.getByRole('button', { name: /^Phase \(Shift/ }).click()
    seen = ((await feed(page).textContent()) ?? '').includes('WITHOUT phase 1')
  }
  expect(seen).toBe(true)
})

test('after new settings the picker names the run once: the example, changed', async ({ page }) => {
  await openApp(page, '?preset=mp-leader-crash')
  await skipPhase1(page)
  // It listed "Multi-Paxos: the leader crashes" twice, a blank-valued copy over the example.
  const picker = page.getByLabel('Choose an example run')
  await expect(picker.locator('option:checked')).toHaveText('Multi-Paxos: the leader crashes (changed)')
  const names = await picker.locator('option').allTextContents()
  expect(names.filter((name) => name.startsWith('Multi-Paxos: the leader crashes'))).toEqual([
    'Multi-Paxos: the leader crashes (changed)',
    'Multi-Paxos: the leader crashes',
  ])
  expect(new Set(names).size).toBe(names.length)
  // Picking the example again brings the example back, unchanged.
  await picker.selectOption('mp-leader-crash')
  await settled(page)
  await expect(picker).toHaveValue('mp-leader-crash')
  await expect(page.getByRole('button', { name: /^Broken variant on/ })).toHaveCount(0)
})

test('a long log: as the view of slots moves, the grid’s cells are updated in place, not re-created', async ({
  page,
}) => {
  test.setTimeout(120_000)
  // The bench's 1,000-command run (bench/browserMultiPaxos.ts): far more slots than the ten in view.
  const { multiPaxosLink } = await import('../bench/browserMultiPaxos.ts')
  await openApp(page, multiPaxosLink().url.slice(1), 60_000)
  await page.locator('.tl-diagram').focus()
  await page.keyboard.press('End')
  const range = page.locator('.log-grid-scroll span')
  await expect(range).toContainText(/slots \d+–\d+ of \d+/)
  // The grid is one of the groups that catch up a frame at a time: take its cell once it has.
  await settled(page)
  const before = (await range.textContent()) ?? ''
  const cell = await grid(page).locator('tbody tr').first().locator('td').first().elementHandle()
  const label = await cell!.getAttribute('aria-label')
  for (let i = 0; i < 200 && (await range.textContent()) === before; i++)
    await page.keyboard.press('ArrowLeft')
  await expect(range).not.toHaveText(before)
  await settled(page)
  // The same element shows the new first slot of its row.
  expect(await cell!.evaluate((el) => el.isConnected)).toBe(true)
  await expect.poll(() => cell!.getAttribute('aria-label')).not.toBe(label)
})

test('the log grid shows the newest committed slot without scrolling sideways (1280 px)', async ({
  page,
}) => {
  await openApp(page, '?preset=mp-steady')
  await page.locator('.tl-diagram').focus()
  await page.keyboard.press('End')
  await settled(page)
  const committed = Number(/Committed: (\d+)/.exec((await page.locator('.topbar').textContent()) ?? '')?.[1])
  expect(committed).toBeGreaterThan(5)
  // The newest slot's column is in the panel, not in a sideways overflow the reader never sees.
  await expect(grid(page).locator('thead th').last()).toHaveText(String(committed))
  const wrap = page.locator('.log-grid-wrap')
  await expect.poll(() => wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1)
  await expect(page.locator('.log-grid-scroll span')).toContainText(`of ${committed}`)
})

test('mp-dueling-leaders: `]` and `[` walk the duel one leader attempt at a time, narrated', async ({
  page,
}) => {
  await openApp(page, '?preset=mp-dueling-leaders')
  const forward: number[] = []
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press(']')
    forward.push(await cursorStep(page))
  }
  // Each new ballot's phase 1 (2.1, 3.2, 4.1, …) and the one chosen slot (72); it used to jump 72, then 400.
  expect(forward).toEqual([21, 38, 67, 72, 91, 112])
  await expect(feed(page)).toContainText('P1 suspects leader P2 and starts phase 1 with ballot 6.1')
  await page.keyboard.press('End')
  await page.keyboard.press('[')
  await page.keyboard.press('[')
  // Back from the end through the last two attempts, not straight to the proposal at 39.
  expect(await cursorStep(page)).toBe(361)
})
