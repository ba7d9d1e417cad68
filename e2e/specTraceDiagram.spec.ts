import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import type { NaiveMsg } from '../src/explorer/naive.ts'
import { createSpecExplorer } from '../src/explorer/spec.ts'
import { paxosTlcState, tlcTraceJson } from '../src/explorer/tlcFixtures.ts'
import { expect, openApp, position, shot, test } from './fixtures.ts'

/**
 * Spec runs on the time-space diagram (issue 13): the Multi-Paxos check's stale read, spec mode's
 * Paxos.tla counterexample and a loaded TLC trace each open, read-only, in a dialog with the
 * app's diagram, stepped with the keyboard, narrated step by step, and ending with the verdict.
 */

const panel = (page: Page) => page.locator('.explorer-panel')
const view = (page: Page) => page.getByRole('dialog')
const pos = (page: Page) => view(page).getByTestId('spec-trace-pos')
const narration = (page: Page) => view(page).getByTestId('spec-trace-narration')
const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'multipaxos-stale-read.tlc.json')

async function openSpecMode(page: Page): Promise<void> {
  await openApp(page)
  await page.keyboard.press('e')
  await panel(page)
    .getByRole('button', { name: /Model-check Paxos.tla/ })
    .click()
}

/** Steps the open view with → from step 0 to the end, checking arrows and narration on the way. */
async function stepThrough(page: Page, steps: number): Promise<void> {
  await expect(pos(page)).toHaveText(`Step 0 of ${steps}`)
  await expect(narration(page)).toContainText('The initial state')
  await expect(view(page).locator('.tl-arrow')).toHaveCount(0)
  await page.keyboard.press('ArrowRight')
  await expect(pos(page)).toHaveText(`Step 1 of ${steps}`)
  await expect(view(page).locator('.tl-arrow').first()).toBeVisible()
  for (let k = 2; k <= steps; k++) await page.keyboard.press('ArrowRight')
  await expect(pos(page)).toHaveText(`Step ${steps} of ${steps}`)
  await page.keyboard.press('ArrowLeft')
  await expect(pos(page)).toHaveText(`Step ${steps - 1} of ${steps}`)
  await page.keyboard.press('End')
  await expect(pos(page)).toHaveText(`Step ${steps} of ${steps}`)
  // Focus stays in the dialog at either end (the step buttons are aria-disabled, not disabled).
  await expect(view(page).locator(':focus')).toHaveCount(1)
}

test('Multi-Paxos: the stale read of "one accept too few" steps on the diagram', async ({ page }) => {
  await openSpecMode(page)
  await panel(page).getByLabel('Model', { exact: true }).selectOption({ label: 'Multi-Paxos (SMR model)' })
  await panel(page).getByLabel('Broken variant').selectOption({ label: 'Commit with one accept too few' })
  await panel(page).getByRole('button', { name: 'Check', exact: true }).click()
  await expect(panel(page).locator('.explorer-verdict')).toContainText(
    'Linearizability violated after 10 steps',
    {
      timeout: 30_000,
    },
  )
  const before = await position(page).textContent()
  await panel(page).getByRole('button', { name: 'Show on the diagram' }).click()
  await expect(view(page)).toBeVisible()
  await expect(view(page).getByRole('heading')).toHaveText('Linearizability violated, on the diagram')
  await expect(
    view(page).locator('.tl-lane-name, [data-pid]').filter({ hasText: 'client' }).first(),
  ).toBeVisible()
  await stepThrough(page, 10)
  await expect(narration(page)).toContainText('the client sees Ack r1 → "nil"')
  await expect(narration(page)).toContainText(
    'r1 returned "nil" though w1 was acknowledged before r1 was requested',
  )
  await expect(view(page).locator('.tl-arrow[aria-label*="AcceptReply"]').first()).toBeAttached()
  await expect(view(page).getByText('⚠ Violated: Linearizability')).toBeVisible()
  await shot(page, 'spec-trace-multipaxos-1280')
  // Keyboard: Tab reaches an arrow, Enter names it.
  await view(page).locator('.tl-diagram').focus()
  await page.keyboard.press('Tab')
  await expect(view(page).locator('.tl-arrow:focus')).toHaveCount(1)
  await page.keyboard.press('Enter')
  await expect(view(page).locator('.spec-trace-selected')).toContainText(/#\d+: s\d sends|The client/)
  await page.keyboard.press('Escape')
  await expect(view(page)).toBeHidden()
  await expect(panel(page).getByRole('button', { name: 'Show on the diagram' })).toBeFocused()
  // The user's own run was not touched.
  await expect(position(page)).toHaveText(before ?? '')
})

test('Multi-Paxos: the deadlock of "drop the accept reply" is marked at the end of its run', async ({
  page,
}) => {
  await openSpecMode(page)
  await panel(page).getByLabel('Model', { exact: true }).selectOption({ label: 'Multi-Paxos (SMR model)' })
  await panel(page).getByLabel('Broken variant').selectOption({ label: 'Drop the accept reply' })
  await panel(page).getByRole('button', { name: 'Check', exact: true }).click()
  await expect(panel(page).locator('.explorer-verdict')).toContainText('Deadlock after', { timeout: 30_000 })
  const steps = await panel(page).locator('.explorer-sequence li').count()
  await panel(page).getByRole('button', { name: 'Show on the diagram' }).click()
  await expect(view(page).getByRole('heading')).toHaveText('The deadlock on the diagram')
  await page.keyboard.press('End')
  await expect(pos(page)).toHaveText(`Step ${steps} of ${steps}`)
  await expect(narration(page)).toContainText('Deadlock: no step is possible and some request is unanswered')
  await expect(view(page).getByText('⚠ Deadlock')).toBeVisible()
  // HandleAccept sends no reply with this bug: no AcceptReply travels between two replicas.
  await expect(view(page).locator('.tl-arrow[aria-label*="AcceptReply"]:not(.tl-self)')).toHaveCount(0)
})

test('Paxos.tla: a too-small quorum counterexample steps on the diagram', async ({ page }) => {
  await openSpecMode(page)
  await panel(page)
    .getByLabel(/Quorum size/)
    .fill('1')
  await panel(page).getByRole('button', { name: 'Check the spec' }).click()
  await expect(panel(page).locator('.explorer-verdict')).toContainText('Agreement violated', {
    timeout: 30_000,
  })
  const steps = await panel(page).locator('.explorer-sequence li').count()
  await panel(page).getByRole('button', { name: 'Show on the diagram' }).click()
  await expect(view(page).getByText('Agreement violated: two values are chosen').first()).toBeVisible()
  await stepThrough(page, steps)
  await expect(view(page).locator('.tl-arrow[aria-label*="accepted"]').first()).toBeAttached()
  await expect(view(page).getByText('⚠ Violated: Agreement')).toBeVisible()
  await expect(view(page).getByText(/★ chosen v1/)).toBeVisible()
  await shot(page, 'spec-trace-paxos-1280')
  // axe-core on the open dialog: no serious or critical WCAG 2.1 AA violation.
  const axe = await new AxeBuilder({ page })
    .include('dialog[open]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
  await view(page).getByRole('button', { name: 'Close' }).click()
  await expect(view(page)).toBeHidden()
})

test('a loaded TLC trace of MultiPaxos.tla steps on the diagram, at phone size too', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await openSpecMode(page)
  await panel(page)
    .getByLabel(/Load a TLC trace/)
    .setInputFiles(fixture)
  await panel(page).getByRole('button', { name: 'Show on the diagram' }).click()
  await expect(view(page).getByRole('heading')).toHaveText('TLC trace of MultiPaxos.tla on the diagram')
  await stepThrough(page, 10)
  await expect(narration(page)).toContainText('Linearizability is violated in its last state')
  await shot(page, 'spec-trace-tlc-multipaxos-390')
  // The step buttons work by touch and click as well as by keys.
  await view(page)
    .getByRole('button', { name: /Previous/ })
    .click()
  await expect(pos(page)).toHaveText('Step 9 of 10')
})

test('a loaded TLC trace of Paxos.tla steps on the diagram, on a large screen', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 })
  const e = createSpecExplorer({ acceptors: 3, values: 2, maxBallot: 1, quorumSize: 1 })
  e.runFor(Number.MAX_SAFE_INTEGER)
  const u = e.universe
  const msgsOf = (bits: Uint32Array): NaiveMsg[] =>
    u.messages
      .filter((_, i) => (bits[i >>> 5] as number) & (1 << (i & 31)))
      .map((m) => (m.type === '1b' ? { ...m, mval: m.mval < 0 ? null : m.mval } : m))
  const path = e.violationPath() ?? []
  const json = tlcTraceJson(path.map((id) => paxosTlcState(u, msgsOf(e.stateBits(id)))))
  await openSpecMode(page)
  await panel(page)
    .getByLabel(/Load a TLC trace/)
    .setInputFiles({ name: 'paxos.json', mimeType: 'application/json', buffer: Buffer.from(json) })
  await panel(page).getByRole('button', { name: 'Show on the diagram' }).click()
  await expect(view(page).getByRole('heading')).toHaveText('TLC trace of Paxos.tla on the diagram')
  await stepThrough(page, path.length - 1)
  await expect(narration(page)).toContainText('Agreement violated')
  await shot(page, 'spec-trace-tlc-paxos-1920')
})
