import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { VitePWA } from 'vite-plugin-pwa'

/**
 * A strict Content-Security-Policy for the production build: only the app's own files, no inline
 * scripts, no eval, no remote origins. Added at build time only, because Vite's dev server needs
 * inline scripts and a websocket for hot reload.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ')

function contentSecurityPolicy(): Plugin {
  return {
    name: 'synod-csp',
    apply: 'build',
    transformIndexHtml(html) {
      const anchor = '<meta charset="UTF-8" />'
      // Fail the build rather than ship a page without its policy.
      if (!html.includes(anchor)) throw new Error(`synod-csp: index.html lost its ${anchor}`)
      const meta = `<meta http-equiv="Content-Security-Policy" content="${CSP}" />`
      return html.replace(anchor, `${anchor}\n    ${meta}`)
    },
  }
}

/**
 * d3-zoom's `d3-interpolate` is src/timeline/zoomInterpolate.ts (d3-zoom's own import only: other
 * d3 modules keep theirs). d3-zoom uses only its `interpolateZoom`, a default the app replaces,
 * and loading d3-interpolate for it brought d3-color into the bundle.
 */
function d3ZoomInterpolate(): Plugin {
  const target = fileURLToPath(new URL('./src/timeline/zoomInterpolate.ts', import.meta.url))
  return {
    name: 'synod-d3-zoom-interpolate',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'd3-interpolate' && importer && /[\\/]d3-zoom[\\/]/.test(importer)) return target
      return null
    },
  }
}

/**
 * The modules index.html needs up front, all in its one chunk. Rolldown otherwise splits the ones
 * the lazy parts share with it into "common" chunks (rolldown issue 10731: a module the entry has
 * already loaded is emitted as a separate chunk), and several modulepreloaded files compress worse
 * than one. The set is every module `src/main.tsx` reaches by static imports; `upFront.group`
 * gathers exactly those into one chunk.
 */
function upFrontChunk(): Plugin & { group: { name: string; test: (id: string) => boolean } } {
  const main = fileURLToPath(new URL('./src/main.tsx', import.meta.url))
  const reached = new Set<string>()
  return {
    name: 'synod-up-front-chunk',
    apply: 'build',
    buildEnd() {
      reached.clear()
      const todo = [main]
      while (todo.length > 0) {
        const id = todo.pop() as string
        if (reached.has(id)) continue
        reached.add(id)
        todo.push(...(this.getModuleInfo(id)?.importedIds ?? []))
      }
    },
    group: { name: 'index', test: (id: string) => reached.has(id) },
  }
}

const upFront = upFrontChunk()

// `base: './'` makes the production build work from any sub-path of a static host.
export default defineConfig({
  base: './',
  plugins: [
    react(),
    contentSecurityPolicy(),
    d3ZoomInterpolate(),
    upFront,
    // Offline after the first visit (lecture halls without network): precache the whole app shell,
    // worker chunks included (the glob finds every emitted chunk, so no hand-kept list can rot).
    // `injectRegister: 'script'` registers from an external registerSW.js, which the CSP allows.
    // A new deployment's service worker takes over at once (skipWaiting + clientsClaim) and drops
    // the old precache; open tabs keep running the version they loaded until the next reload.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script',
      manifest: {
        name: 'Synod — Paxos, step by step',
        short_name: 'Synod',
        description: 'An interactive, deterministic Paxos visualizer',
        theme_color: '#1f3b5c',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: './',
        scope: './',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: 'index.html',
        skipWaiting: true,
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  // d3-zoom imports d3-transition only to interrupt animations; the app animates its few zooms
  // itself (src/timeline/zoomMotion.ts says how), which keeps d3-transition and what it pulls in
  // (d3-color, d3-ease, d3-timer, most of d3-interpolate) out of the bundle.
  resolve: {
    alias: [
      {
        find: /^d3-transition$/,
        replacement: fileURLToPath(new URL('./src/timeline/zoomMotion.ts', import.meta.url)),
      },
    ],
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: { output: { codeSplitting: { groups: [upFront.group] } } },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
})
