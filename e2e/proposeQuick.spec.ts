import { expect, openApp, settled, test } from './fixtures.ts'

// After a proposal the focus goes to the proposer's lane one frame later. Under load that frame can
// come after the user (or a test) has already opened the next process's menu: it must not take the
// caret from that field, or what is typed next runs as shortcuts (CI once lost a whole proposal).
test('proposing twice in quick succession keeps the caret in the second field', async ({ page }) => {
  // A slow machine's frame, made certain: every animation frame comes 400 ms late.
  await page.addInitScript(() => {
    const raf = window.requestAnimationFrame.bind(window)
    window.requestAnimationFrame = (cb) => {
      const id = window.setTimeout(() => raf(cb), 400)
      return id
    }
  })
  await openApp(page)
  await page.keyboard.press('2')
  await expect(page.getByLabel('Propose value')).toBeFocused()
  await page.keyboard.type('first')
  await page.keyboard.press('Enter')
  await page.keyboard.press('3')
  await expect(page.getByLabel('Propose value')).toBeFocused()
  await page.waitForTimeout(600)
  await expect(page.getByLabel('Propose value')).toBeFocused()
  await page.keyboard.type('second')
  await page.keyboard.press('Enter')
  await settled(page)
  await expect(page.locator('.feed')).toContainText('P2 is asked to propose value first')
  await expect(page.locator('.feed')).toContainText('P3 is asked to propose value second')
})
