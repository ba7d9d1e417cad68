import type { Locator, Page } from '@playwright/test'
import { expect, openApp, position, shot, test } from './fixtures.ts'

/** Step on with the keyboard to `step` of `total`, as a student does. */
async function stepTo(page: Page, step: number, total: number): Promise<void> {
  for (let i = 0; i < step; i++) await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText(`step ${step}/${total}`)
}

/**
 * True when the element shows whole without a scroll: inside the window and inside the visible
 * part of every box around it that clips or scrolls (the beat, the narration, the phone's sheet).
 */
function showsWhole(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect()
    const within = (top: number, bottom: number) => r.top >= top - 0.5 && r.bottom <= bottom + 0.5
    if (!within(0, window.innerHeight)) return false
    for (let box = el.parentElement; box; box = box.parentElement) {
      if (getComputedStyle(box).overflowY === 'visible') continue
      const top = box.getBoundingClientRect().top + box.clientTop
      if (!within(top, top + box.clientHeight)) return false
    }
    return true
  })
}

/** The question and every choice show whole, together. */
async function expectQuestionWithChoices(page: Page): Promise<void> {
  const beat = page.locator('.beat')
  await expect.poll(() => showsWhole(beat.locator('p').first())).toBe(true)
  const choices = beat.getByRole('group', { name: 'Your prediction' }).getByRole('button')
  for (const choice of await choices.all()) await expect.poll(() => showsWhole(choice)).toBe(true)
}

/** Every choice is at least `px` tall: a target the pointer of this screen hits at once. */
async function expectChoicesAtLeast(page: Page, px: number): Promise<void> {
  const choices = page.locator('.beat').getByRole('group', { name: 'Your prediction' }).getByRole('button')
  await expect(choices.first()).toBeVisible()
  for (const choice of await choices.all()) {
    expect((await choice.boundingBox())?.height).toBeGreaterThanOrEqual(px)
  }
}

/** Pick a wrong answer: the verdict and its whole reason show, up to the Try again button. */
async function expectWholeVerdictAfter(page: Page, wrongChoice: string, reasonEnd: string): Promise<void> {
  const beat = page.locator('.beat')
  await beat.getByRole('button', { name: wrongChoice }).click()
  const verdict = beat.getByRole('status')
  await expect(verdict).toContainText('Not quite.')
  await expect(verdict).toContainText(reasonEnd)
  await expect.poll(() => showsWhole(beat.locator('.predict-result'))).toBe(true)
}

test('predict, then reveal: a Think beat takes a guess and answers with the reason', async ({ page }) => {
  await openApp(page, '?preset=racing-adopt')
  for (let i = 0; i < 22; i++) await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText('step 22/48')
  const beat = page.locator('.beat')
  await expect(beat).toContainText('Which value must P3 propose?')
  const guesses = beat.getByRole('group', { name: 'Your prediction' })
  await expect(guesses.getByRole('button')).toHaveCount(3)

  await guesses.getByRole('button', { name: '20, its own value' }).click()
  const result = beat.getByRole('status')
  await expect(result).toContainText('Not quite.')
  await expect(result).toContainText('the answer is “10, the value P2 reports”')
  await expect(result).toContainText('10 may already be chosen')

  // By keyboard: the focus stays in the beat (on Try again, then on the first choice back), and
  // Tab and Enter pick another.
  const again = beat.getByRole('button', { name: 'Try again' })
  await expect(again).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(guesses.getByRole('button').first()).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(guesses.getByRole('button', { name: '10, the value P2 reports' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(result).toContainText('Right.')
  await expect(again).toBeFocused()

  // The next step reveals it on the diagram; the question and its answer belong to their beat.
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('.beat')).toContainText('P3 proposes 10, not its own 20')
  await expect(page.locator('.predict')).toHaveCount(0)
})

test('a Multi-Paxos example asks too: the new leader’s slots 3 and 4, answered before the run shows them', async ({
  page,
}) => {
  await openApp(page, '?preset=mp-leader-crash')
  for (let i = 0; i < 79; i++) await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText('step 79/167')
  const beat = page.locator('.beat')
  await expect(beat.locator('.beat-tag')).toHaveText('Think')
  await expect(beat).toContainText('what will it propose in slot 3, and in slot 4?')
  const guesses = beat.getByRole('group', { name: 'Your prediction' })
  await expect(guesses.getByRole('button')).toHaveCount(3)
  await guesses.getByRole('button', { name: '3: C1.2:put(a2); 4: a no-op' }).click()
  await expect(beat.getByRole('status')).toContainText('Right.')
  await expect(beat.getByRole('status')).toContainText('P2 fills the hole with a no-op')
})

test.describe('on a 390×844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

  test('the sheet shows a question with its choices, then the verdict with its whole reason', async ({
    page,
  }) => {
    await openApp(page, '?preset=racing-adopt')
    await stepTo(page, 22, 48)
    await expectQuestionWithChoices(page)
    await expectChoicesAtLeast(page, 44)
    await expectWholeVerdictAfter(page, '20, its own value', 'must propose 10, not 20.')
  })

  test('a question reached with the sheet on another tab brings the Steps tab back, focus left on Step', async ({
    page,
  }) => {
    await openApp(page, '?preset=racing-adopt')
    await stepTo(page, 18, 48)
    const tabs = page.getByRole('tablist', { name: 'Panels' })
    await tabs.getByRole('tab', { name: 'Processes' }).tap()
    const stepButton = page.getByRole('button', { name: /^Step \(/ })
    for (let i = 18; i < 22; i++) await stepButton.click()
    await expect(position(page)).toContainText('step 22/48')
    const steps = tabs.getByRole('tab', { name: /^Steps/ })
    await expect(steps).toHaveAttribute('aria-selected', 'true')
    await expectQuestionWithChoices(page)
    await expect(stepButton).toBeFocused()
    // Looked away while it waits, the Steps tab is marked.
    await tabs.getByRole('tab', { name: 'Processes' }).tap()
    await expect(steps).toHaveAccessibleName('Steps (a question is waiting)')
    await expect(steps.locator('.sheet-tab-mark')).toBeVisible()
    await shot(page, 'sheet-question-waiting')
    await stepButton.click()
    await expect(steps).toHaveAccessibleName('Steps')
  })

  test('so does a Multi-Paxos question, the longest reason', async ({ page }) => {
    await openApp(page, '?preset=mp-leader-crash')
    await stepTo(page, 79, 167)
    await expectQuestionWithChoices(page)
    await expectChoicesAtLeast(page, 44)
    await expectWholeVerdictAfter(page, '3: C1.2:put(a2); 4: C2.2:put(b2)', 'P2 fills the hole with a no-op.')
  })
})

test.describe('on an 844×390 phone held sideways', () => {
  test.use({ viewport: { width: 844, height: 390 }, hasTouch: true, isMobile: true })

  test('the sheet beside the diagram shows the whole question; each choice scrolls into view and takes a tap', async ({
    page,
  }) => {
    await openApp(page, '?preset=mp-leader-crash')
    await stepTo(page, 79, 167)
    const beat = page.locator('.beat')
    await expect.poll(() => showsWhole(beat.locator('p').first())).toBe(true)
    await expectChoicesAtLeast(page, 44)
    const choices = beat.getByRole('group', { name: 'Your prediction' }).getByRole('button')
    for (const choice of await choices.all()) {
      await choice.evaluate((el) => el.scrollIntoView({ block: 'nearest' }))
      await expect.poll(() => showsWhole(choice)).toBe(true)
    }
    await choices.filter({ hasText: 'C2.2:put(b2)' }).tap()
    await expect(beat.getByRole('status')).toContainText('P2 fills the hole with a no-op.')
    await expect.poll(() => showsWhole(beat.locator('.predict-result strong'))).toBe(true)
  })
})

test.describe('at 1280×800', () => {
  test.use({ viewport: { width: 1280, height: 800 } })

  test('a wrong pick shows its verdict and whole reason, and the next step gives the diagram its room back', async ({
    page,
  }) => {
    await openApp(page, '?preset=racing-adopt')
    const diagram = page.locator('.workspace')
    await stepTo(page, 21, 48)
    const usual = (await diagram.boundingBox())?.height
    await page.keyboard.press('ArrowRight')
    await expect(position(page)).toContainText('step 22/48')
    await expectQuestionWithChoices(page)
    await expectChoicesAtLeast(page, 32)
    await expectWholeVerdictAfter(page, '20, its own value', 'must propose 10, not 20.')
    await page.keyboard.press('ArrowRight')
    await expect(page.locator('.predict')).toHaveCount(0)
    await expect.poll(async () => (await diagram.boundingBox())?.height).toBe(usual)
  })

  test('so does the Multi-Paxos question', async ({ page }) => {
    await openApp(page, '?preset=mp-leader-crash')
    await stepTo(page, 79, 167)
    await expectQuestionWithChoices(page)
    await expectWholeVerdictAfter(page, '3: C1.2:put(a2); 4: C2.2:put(b2)', 'P2 fills the hole with a no-op.')
  })
})
