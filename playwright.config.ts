import { defineConfig } from '@playwright/test'
import { freePortSync } from './scripts/freePort.ts'

// The suite serves the build on a free port, so it never fails because another program holds a
// fixed one. PW_PORT pins the port and PW_DIST picks the build directory (several people can run
// the suite side by side, each with its own `vite build --outDir`). The chosen port goes into
// the environment because Playwright loads this file again in every worker process, which
// inherits the runner's environment and so agrees on the port.
if (!process.env.PW_PORT) process.env.PW_PORT = String(freePortSync())
const port = Number(process.env.PW_PORT)
const dist = process.env.PW_DIST ?? 'dist'
export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.PW_DIST ? `${process.env.PW_DIST}-results` : 'e2e/.results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 720 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // Vite itself, not through npx, so the process Playwright stops at the end is the server.
    command: `node node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port ${port} --strictPort --outDir ${dist}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
})
