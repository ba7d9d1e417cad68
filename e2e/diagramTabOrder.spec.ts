import { expect, openApp, panelsCaughtUp, position, test } from './fixtures.ts'

/** What has the focus inside the diagram: a toolbar button, the stage, a lane name or an arrow. */
const focused = (page: import('@playwright/test').Page) =>
  page.evaluate(() => {
    const el = document.activeElement
    if (!el?.closest('.tl-root')) return null
    if (el.closest('.tl-toolbar')) return 'toolbar'
    if (el.classList.contains('tl-diagram')) return 'stage'
    if (el.classList.contains('tl-lane-header')) return 'lane'
    const id = el.getAttribute('data-msg-id')
    return id ? `#${id}` : el.tagName
  })

test('Tab reaches the diagram toolbar before the lane names, and the next arrow to arrive first', async ({
  page,
}) => {
  await openApp(page, '?preset=basic')
  await page.keyboard.press('ArrowRight')
  await expect(position(page)).toContainText('step 1/')
  await panelsCaughtUp(page)
  // The in-flight list's first row is the next message to arrive.
  const next = /#(\d+)/.exec((await page.locator('.inflight-item').first().textContent()) ?? '')?.[1]
  expect(next).toBeTruthy()
  const seen: string[] = []
  for (let i = 0; i < 40 && seen.length < 14; i++) {
    await page.keyboard.press('Tab')
    const where = await focused(page)
    if (where) seen.push(where)
    else if (seen.length > 0) break
  }
  // The drawn order: the view buttons above the lane names, then the stage, lanes and the arrow.
  expect(seen[0]).toBe('toolbar')
  expect(seen.indexOf('lane')).toBeGreaterThan(seen.lastIndexOf('toolbar'))
  expect(seen.find((s) => s.startsWith('#'))).toBe(`#${next}`)
})
