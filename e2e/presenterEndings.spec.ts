import { expect, openApp, panelsCaughtUp, position, shot, test } from './fixtures.ts'

/**
 * A lecture's last click shows the story's punch line drawn, not told over an empty diagram: the
 * Multi-Paxos runs went on with heartbeats to their step limit (400 steps in mp-partitioned-leader,
 * 600 ticks past C2's answer), so the last PageDown jumped there and its caption told an answer
 * that was off screen. Each run now ends soon after its last client answer (or catch-up); the
 * message that ends the story (its id, from the golden traces) must be drawn in view: the reply
 * with the last answer, or in mp-catch-up the catch-up that brings P5 up to date (C1's last answer
 * came before P5 recovered). The click after a closing note told "The run stopped at its limit of
 * 135 steps": it now tells what the run's last moment did (every replica executes the last command).
 */

test.use({ viewport: { width: 1024, height: 768 } })

const ENDINGS: readonly { preset: string; steps: number; msg: number; said: RegExp }[] = [
  { preset: 'mp-steady', steps: 135, msg: 114, said: /C1 gets c2 for its get/ },
  { preset: 'mp-batching', steps: 96, msg: 74, said: /C1 gets c2 for its get/ },
  { preset: 'mp-partitioned-leader', steps: 283, msg: 240, said: /C2 has its answer at last/ },
  { preset: 'mp-catch-up', steps: 105, msg: 88, said: /P5 learns the chosen slots by catch-up/ },
]

for (const { preset, steps, msg, said } of ENDINGS)
  test(`presenter, ${preset}: the last click shows the story's end drawn in view`, async ({ page }) => {
    await openApp(page, `?preset=${preset}`)
    await page.keyboard.press('p')
    await expect(page.locator('.presenter')).toBeVisible()
    const captions: string[] = []
    for (let click = 0; click < 40; click++) {
      await page.keyboard.press('PageDown')
      await panelsCaughtUp(page)
      captions.push((await page.locator('.presenter-caption').innerText()).replace(/\s+/g, ' '))
      if ((await position(page).innerText()).includes(`step ${steps}/${steps}`)) break
    }
    await expect(position(page)).toContainText(`step ${steps}/${steps}`)
    // The story's last words were said on one of the last two clicks (the final beat, then the end).
    expect(captions.slice(-2).join(' ')).toMatch(said)
    // The heartbeats always reach the step limit: the last click tells the story, not the limit.
    expect(captions.at(-1)).not.toMatch(/stopped at its limit/)
    await expect.poll(() => page.evaluate(() => document.getAnimations().length)).toBe(0)
    await shot(page, `presenter-end-${preset}`)
    const arrow = page.locator(`.presenter .tl-arrow[data-msg-id="${msg}"] .tl-head`)
    await expect(arrow, `#${msg} is drawn`).toHaveCount(1)
    const view = (await page.locator('.presenter .tl-pan-clip').boundingBox())!
    const head = (await arrow.boundingBox())!
    expect(head.x).toBeGreaterThanOrEqual(view.x)
    expect(head.x + head.width).toBeLessThanOrEqual(view.x + view.width)
    expect(head.y).toBeGreaterThanOrEqual(view.y)
    expect(head.y + head.height).toBeLessThanOrEqual(view.y + view.height)
  })
