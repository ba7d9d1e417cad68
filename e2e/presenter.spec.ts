import type { Page } from '@playwright/test'
import { cursorStep, expect, openApp, panelsCaughtUp, position, shot, test } from './fixtures.ts'

/** A lecture at a 1024×768 projector, driven by a clicker: PageDown and PageUp only. */
test.use({ viewport: { width: 1024, height: 768 } })

const caption = (page: Page) => page.locator('.presenter-caption')

/** The ids of the arrows the diagram shows as delivered (a message to oneself is a dot, not one). */
const deliveredIds = (page: Page) =>
  page
    .locator('.tl-arrow.tl-delivered:not(.tl-self)')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-msg-id'))))

async function present(page: Page, preset: string): Promise<void> {
  await openApp(page, `?preset=${preset}`)
  await page.keyboard.press('p')
  await expect(page.locator('.presenter')).toBeVisible()
}

test('the story is the first caption; the caption follows the run and never keeps a stale question', async ({
  page,
}) => {
  await present(page, 'racing-adopt')
  await expect(caption(page)).toContainText('Racing: P3 completes P1’s value:')
  await expect(caption(page)).toContainText('P1 runs ballot 1.1 and gets its value 10 accepted')
  // To the question, by beats.
  await page.getByLabel('Clicker moves by (G)').selectOption('beat')
  for (let i = 0; i < 3; i++) await page.keyboard.press('PageDown')
  await expect(position(page)).toContainText('step 22/')
  await expect(caption(page)).toContainText('Which value must P3 propose?')
  await expect(caption(page).locator('.beat-tag')).toHaveText('Think')
  // The choices, lettered for the room to call out (tester6 #3: the presenter showed none).
  await expect(
    caption(page)
      .getByRole('list', { name: /Choices/ })
      .getByRole('listitem'),
  ).toHaveText(['A 20, its own value', 'B 10, the value P2 reports', 'C Either: both are safe'])
  // One click: the answer and why, at the same step; the next, the run's own narration.
  await page.keyboard.press('PageDown')
  await expect(caption(page).locator('.beat-tag')).toHaveText('Answer')
  await expect(caption(page)).toContainText('B 10, the value P2 reports.')
  await expect(position(page)).toContainText('step 22/')
  await page.keyboard.press('PageDown')
  await expect(caption(page)).toContainText('P3 proposes 10, not its own 20')
  // Previous walks back to the answer, then the question.
  await page.keyboard.press('PageUp')
  await expect(position(page)).toContainText('step 22/')
  await expect(caption(page).locator('.beat-tag')).toHaveText('Answer')
  await page.keyboard.press('PageUp')
  await expect(caption(page).locator('.beat-tag')).toHaveText('Think')
  await expect(position(page)).toContainText('step 22/')
  await page.keyboard.press('End')
  await expect(position(page)).toContainText('step 48/48')
  await expect(caption(page)).not.toContainText('Which value')
  // The run ends with the last acknowledgement of the decision.
  await expect(caption(page)).toContainText('now knows 5 of 5 processes have learned)')
  await shot(page, 'presenter-racing-end')
})

test('a clicker alone (PageDown) walks racing-adopt through every delivery of the lecture’s example', async ({
  page,
}) => {
  await present(page, 'racing-adopt')
  await expect(page.getByLabel('Clicker moves by (G)')).toHaveValue('moment')
  const visited = [await cursorStep(page)]
  const seen = new Set<number>(await deliveredIds(page))
  const selfSeen = new Set<number>()
  let before = new Set(seen)
  while (visited.at(-1) !== 44 && visited.length < 60) {
    // At a question the click shows its answer first, where it stands (see the test above).
    if ((await caption(page).locator('.presenter-choices').count()) > 0) {
      await page.keyboard.press('PageDown')
      await expect(caption(page).locator('.beat-tag')).toHaveText('Answer')
      expect(await cursorStep(page)).toBe(visited.at(-1))
    }
    await page.keyboard.press('PageDown')
    await expect.poll(() => cursorStep(page)).toBeGreaterThan(visited.at(-1)!)
    visited.push(await cursorStep(page))
    const now = await deliveredIds(page)
    for (const id of await page
      .locator('.tl-arrow.tl-self')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-msg-id')))))
      selfSeen.add(id)
    // A click brings at most one broadcast's worth of arrivals (one moment of the slides).
    expect(now.filter((id) => !before.has(id)).length).toBeLessThanOrEqual(4)
    for (const id of now) seen.add(id)
    before = new Set(now)
  }
  // The moments of the run, beats included: P1's phase 1 is no longer skipped (0 → 8 before), and
  // a process's messages to itself join the next moment (two first clicks showed nothing new).
  expect(visited).toEqual([0, 6, 8, 10, 16, 19, 20, 21, 22, 23, 24, 28, 29, 33, 35, 36, 38, 40, 44])
  // Every message of the run was seen delivered (to another process) or drawn as a dot (to itself).
  const all = new Set([...seen, ...selfSeen])
  expect([...all].sort((a, b) => a - b)).toEqual(Array.from({ length: 44 }, (_, i) => i + 1))
  // PageUp walks the same stops back.
  await page.keyboard.press('PageUp')
  await expect(position(page)).toContainText('step 40/')
  await page.keyboard.press('PageUp')
  await expect(position(page)).toContainText('step 38/')
})

test('every preset shows its story first and has beats', async ({ page }) => {
  await present(page, 'dueling-backoff')
  await expect(caption(page)).toContainText('Dueling broken by random backoff:')
  await page.getByLabel('Clicker moves by (G)').selectOption('beat')
  await page.keyboard.press('PageDown')
  await expect(position(page)).toContainText('step 12/')
  await expect(caption(page)).toContainText('each proposer waits a random, growing delay')
  // G cycles the granularity, for a keyboard without a mouse.
  await page.keyboard.press('g')
  await expect(page.getByLabel('Clicker moves by (G)')).toHaveValue('moment')
})

test('Space after clicking a button plays or pauses; it does not press that button again', async ({
  page,
}) => {
  await openApp(page, '?preset=basic')
  await page.getByRole('button', { name: /^Step \(/ }).click()
  await expect(position(page)).toContainText('step 1/')
  await page.keyboard.press('Space')
  await expect(page.getByRole('button', { name: 'Pause (Space)' })).toBeVisible()
  await page.keyboard.press('Space')
  await expect(page.getByRole('button', { name: /^(Play|Replay from the start) \(Space\)$/ })).toBeVisible()
})

test('Multi-Paxos in presenter mode: the log sits beside the diagram, newest slots, readable at 1024×768', async ({
  page,
}) => {
  await present(page, 'mp-leader-crash')
  const log = page.locator('.presenter-log')
  await expect(log).toBeVisible()
  await expect(log).toContainText('No slot is used yet')
  const pane = page.locator('.presenter .diagram-pane')
  const widthAtStart = (await pane.boundingBox())!.width
  await page.keyboard.press('End')
  await expect(position(page)).toContainText('step 167/167')
  // Six slots used: on a 1024-wide projector the four newest, 3 to 6, with slot 4's no-op.
  await expect(log.locator('thead th:visible')).toHaveText(['replica', '3', '4', '5', '6'])
  await expect(log.locator('td:visible', { hasText: 'noop' })).toHaveCount(4)
  await expect(log.getByText('leader')).toBeVisible()
  // Beside the diagram, never over it, and on screen, measured once the panels show the last step.
  await panelsCaughtUp(page)
  const diagram = (await pane.boundingBox())!
  // The log was as wide before its first slot: the diagram never narrowed as the slots filled.
  expect(diagram.width).toBe(widthAtStart)
  const grid = (await log.locator('table').boundingBox())!
  expect(grid.x).toBeGreaterThanOrEqual(diagram.x + diagram.width - 1)
  expect(grid.x + grid.width).toBeLessThanOrEqual(1024)
  expect(grid.y + grid.height).toBeLessThanOrEqual(diagram.y + diagram.height)
  expect(diagram.width).toBeGreaterThan(600)
  // Large type: a cell reads from the back of the room.
  const size = await log
    .locator('td')
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  expect(size).toBeGreaterThanOrEqual(17)
  await shot(page, 'presenter-mp-log')
  // Single-decree Paxos keeps no log: the diagram has the whole width.
  await page.keyboard.press('Escape')
  await page.getByLabel('Choose an example run').selectOption('basic')
  await page.keyboard.press('p')
  await expect(page.locator('.presenter')).toBeVisible()
  await expect(log).toHaveCount(0)
  expect((await page.locator('.presenter .diagram-pane').boundingBox())!.width).toBeGreaterThan(1000)
})

test.describe('on an 820×1180 tablet held upright', () => {
  test.use({ viewport: { width: 820, height: 1180 }, hasTouch: true })

  test('the Multi-Paxos log lies under the diagram, all six newest slots, no taller than its rows', async ({
    page,
  }) => {
    await present(page, 'mp-leader-crash')
    await page.keyboard.press('End')
    await expect(position(page)).toContainText('step 167/167')
    const log = page.locator('.presenter-log')
    await expect(log.locator('thead th:visible')).toHaveText(['replica', '1', '2', '3', '4', '5', '6'])
    await panelsCaughtUp(page)
    const diagram = (await page.locator('.presenter .diagram-pane').boundingBox())!
    const box = (await log.boundingBox())!
    const grid = (await log.locator('table').boundingBox())!
    const key = (await log.locator('.presenter-log-key').boundingBox())!
    // Under the diagram, which keeps the screen's width; the log only as tall as what it shows.
    expect(diagram.width).toBeGreaterThan(780)
    expect(box.y).toBeGreaterThanOrEqual(diagram.y + diagram.height - 1)
    expect(grid.x + grid.width).toBeLessThanOrEqual(820)
    expect(box.y + box.height - Math.max(grid.y + grid.height, key.y + key.height)).toBeLessThan(24)
    expect(diagram.height).toBeGreaterThan(500)
    await shot(page, 'presenter-mp-log-tablet')
  })
})

test('leaving presenter mode gives the focus back to the Present button, by Esc or by the button', async ({
  page,
}) => {
  await present(page, 'basic')
  await page.keyboard.press('PageDown')
  await page.keyboard.press('Escape')
  await expect(page.locator('.presenter')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Present', exact: true })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.locator('.presenter')).toBeVisible()
  await page.getByRole('button', { name: 'Exit presenter (Esc)' }).click()
  await expect(page.getByRole('button', { name: 'Present', exact: true })).toBeFocused()
})

test('a broken variant and a violation are in view of the room, in short words on a projector', async ({
  page,
}) => {
  await present(page, 'bug-amnesia')
  const controls = page.getByRole('toolbar', { name: 'Presenter controls' })
  await expect(
    controls.getByRole('button', { name: /^Broken variant on: Acceptor forgets on crash/ }),
  ).toBeVisible()
  await expect(controls.getByRole('status')).toContainText('All invariants hold')
  await page.keyboard.press('End')
  const violated = controls.getByRole('status', { name: /^Violated: .* at step \d+/ })
  await expect(violated).toBeVisible()
  // Both fit beside the step counter: the controls stay two rows, the diagram keeps its height.
  const box = await controls.boundingBox()
  expect(box!.height).toBeLessThan(140)
  await expect(page.locator('.presenter-caption')).toBeVisible()
  await shot(page, 'presenter-broken-variant')
})

test('a correct protocol shows no broken-variant badge in presenter mode, and no safety badge while safe', async ({
  page,
}) => {
  await present(page, 'racing-adopt')
  await expect(page.getByRole('button', { name: /^Broken variant on:/ })).toHaveCount(0)
  await expect(page.locator('.presenter .badge')).toHaveCount(0)
})

test('the controls stay put from click to click while the step counter grows', async ({ page }) => {
  await present(page, 'racing-adopt')
  const picker = page.getByLabel('Clicker moves by (G)')
  const x = async () => (await picker.boundingBox())!.x
  const first = await x()
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText(/step [1-4]\d\//)
  expect(await x()).toBe(first)
  await page.keyboard.press('End')
  await expect(position(page)).toContainText('step 48/48')
  expect(await x()).toBe(first)
})

test('a lane’s status line fits its header in large type: the ballot is never cut off', async ({ page }) => {
  await present(page, 'racing-adopt')
  await page.keyboard.press('ArrowRight')
  const header = page.locator('.tl-lane-header[data-pid="1"]')
  await expect(header.locator('.tl-status')).toHaveText(/^(prepare|accept) 1\.1$/)
  const fits = await header.evaluate((g) => {
    const box = g.querySelector('.tl-lane-header-box')!.getBoundingClientRect()
    const text = g.querySelector('.tl-status')!.getBoundingClientRect()
    return text.right <= box.right + 0.5 && text.width > 0
  })
  expect(fits).toBe(true)
})

test('a link with ?present opens the example in presenter mode; the address then drops it, so a shared link opens as usual', async ({
  page,
}) => {
  await openApp(page, '?preset=racing-adopt&present=1')
  await expect(page.locator('.presenter')).toBeVisible()
  await expect(caption(page)).toContainText('Racing: P3 completes P1’s value:')
  await page.keyboard.press('PageDown')
  await expect(page).toHaveURL(/#s=1\./)
  expect(new URL(page.url()).searchParams.has('present')).toBe(false)
})
