/**
 * A tiny static file server that mounts a build under a sub-path, the way GitHub Pages serves a
 * project site (`https://user.github.io/synod/`). Used by e2e/offline.spec.ts to check that the
 * build, its worker chunks and its service worker all work away from the site root, and by hand:
 *
 *   npx vite build && npx tsx scripts/serve.ts dist /synod/ 4300
 *   # then open http://127.0.0.1:4300/synod/
 */
import { createReadStream, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
}

/** Serves `dir` under `prefix` (e.g. `/synod/`) on 127.0.0.1:`port`; anything else is a 404. */
export function serveUnderPrefix(dir: string, prefix: string, port: number): Promise<Server> {
  const root = resolve(dir)
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('not under the sub-path')
      return
    }
    const rel = path.slice(prefix.length) || 'index.html'
    const file = normalize(join(root, rel))
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end()
      return
    }
    let size: number
    try {
      const st = statSync(file)
      if (!st.isFile()) throw new Error('not a file')
      size = st.size
    } catch {
      res.writeHead(404).end('not found')
      return
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': size,
      // Like most static hosts: the service worker script must not be cached for long.
      'cache-control': file.endsWith('sw.js') ? 'no-cache' : 'max-age=60',
    })
    createReadStream(file).pipe(res)
  })
  return new Promise((ok, fail) => {
    server.once('error', fail)
    server.listen(port, '127.0.0.1', () => ok(server))
  })
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir = 'dist', prefix = '/synod/', port = '4300'] = process.argv.slice(2)
  const server = await serveUnderPrefix(dir, prefix, Number(port))
  console.log(`serving ${dir} at http://127.0.0.1:${port}${prefix}`)
  process.on('SIGINT', () => server.close(() => process.exit(0)))
}
