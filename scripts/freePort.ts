/**
 * A TCP port on 127.0.0.1 that nothing listens on right now, so test and benchmark servers never
 * collide with another program (or another engineer's suite) on a fixed port such as 4173.
 */
import { spawnSync } from 'node:child_process'
import { createServer } from 'node:net'

const PROBE =
  "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"

/** Asks the OS for a free port (listen on port 0, read it back, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

/**
 * The same, synchronously, for config files that cannot await (playwright.config.ts is loaded
 * by the runner and again by every worker process).
 */
export function freePortSync(): number {
  const r = spawnSync(process.execPath, ['-e', PROBE], { encoding: 'utf8' })
  const port = Number(r.stdout)
  if (r.status !== 0 || !Number.isInteger(port) || port <= 0) {
    throw new Error(`could not find a free port: ${r.stderr || r.stdout}`)
  }
  return port
}
