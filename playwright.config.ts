import { defineConfig } from '@playwright/test'

// PW_PORT and PW_DIST let several people run the suite side by side on one machine
// (each with its own `vite build --outDir`); CI uses the defaults.
const port = Number(process.env.PW_PORT ?? 4173)
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
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort --outDir ${dist}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
})
