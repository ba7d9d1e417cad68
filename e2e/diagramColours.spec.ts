import { expect, openApp, test } from './fixtures.ts'

/**
 * Issue 12, lecture colours: ACK green and REJECT red as on the slides, and each proposer one
 * colour for the whole run (the ballot stays in the label). A toolbar toggle (or C) switches it,
 * the legend follows, and the choice is remembered.
 */

/** The computed stroke of each drawn shaft, grouped by kind and sender. */
const strokes = (page: import('@playwright/test').Page) =>
  page.evaluate(() => {
    const out: Record<string, string[]> = {}
    for (const g of document.querySelectorAll('.tl-diagram .tl-arrow:not(.tl-self)')) {
      const shaft = g.querySelector('.tl-shaft')
      if (!shaft) continue
      const kind =
        ['tl-request', 'tl-ack', 'tl-reject', 'tl-decide'].find((c) => g.classList.contains(c)) ?? ''
      const from = /P(\d) to/.exec(g.getAttribute('aria-label') ?? '')?.[1]
      const key = `${kind} P${from}`
      const set = new Set(out[key] ?? [])
      set.add(getComputedStyle(shaft).stroke)
      out[key] = [...set]
    }
    return out
  })

test('lecture colours: ACK green, REJECT red, one colour per proposer across its ballots', async ({
  page,
}) => {
  await openApp(page, '?preset=dueling')
  const diagram = page.locator('.tl-diagram')
  await diagram.focus()
  for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowRight')
  await page.keyboard.press('0')
  const byBallot = await strokes(page)
  // Ballot colours (default): P1's requests change colour from ballot to ballot.
  expect(byBallot['tl-request P1']?.length).toBeGreaterThan(1)

  const toggle = page.getByRole('button', { name: 'Lecture colours' })
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')
  await expect(page.locator('html')).toHaveAttribute('data-colours', 'lecture')
  const lecture = await strokes(page)
  expect(lecture['tl-request P1']).toHaveLength(1)
  expect(lecture['tl-request P3']).toHaveLength(1)
  expect(lecture['tl-request P1']).not.toEqual(lecture['tl-request P3'])
  const acks = Object.entries(lecture).filter(([k]) => k.startsWith('tl-ack'))
  const rejects = Object.entries(lecture).filter(([k]) => k.startsWith('tl-reject'))
  expect(acks.length).toBeGreaterThan(0)
  expect(rejects.length).toBeGreaterThan(0)
  for (const [, s] of acks) expect(s).toEqual(['rgb(0, 158, 115)'])
  for (const [, s] of rejects) expect(s).toEqual(['rgb(192, 40, 27)'])
  // Colour is never the only cue: REJECTs keep their ✗ badge and bar head, ACKs their ✓.
  await expect(page.locator('.tl-diagram .tl-reject .tl-badge').first()).toBeAttached()
  await expect(page.locator('.tl-diagram .tl-ack .tl-badge').first()).toBeAttached()

  // Remembered across a reload; C switches back.
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('data-colours', 'lecture')
  await page.locator('.tl-diagram').focus()
  await page.keyboard.press('c')
  await expect(page.locator('html')).toHaveAttribute('data-colours', 'ballot')
})
