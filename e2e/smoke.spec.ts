import { expect, test } from '@playwright/test'

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** True for URLs the app may load: the local server, and inline data/blob URLs. */
function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url)
  if (protocol === 'data:' || protocol === 'blob:') return true
  return LOCAL_HOSTS.has(hostname)
}

test('the app loads without errors and without leaving localhost', async ({ page }) => {
  const problems: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`)
  })
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`))
  page.on('request', (req) => {
    if (!isLocal(req.url())) problems.push(`external request: ${req.url()}`)
  })

  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Synod' })).toBeVisible()
  await expect(page.getByText('Paxos, step by step')).toBeVisible()
  await page.screenshot({ path: 'e2e/screenshots/smoke.png', fullPage: true })

  expect(problems).toEqual([])
})
