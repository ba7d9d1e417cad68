// The layering of src/, read from the "Layers" table of docs/ARCHITECTURE.md, and the ESLint rule
// that enforces it. The table is the only place the layering is written down, so the doc cannot
// drift from the code: change a row and the lint changes with it.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.dirname(fileURLToPath(import.meta.url))
export const SRC = path.join(ROOT, 'src')
export const ARCHITECTURE = path.join(ROOT, 'docs', 'ARCHITECTURE.md')

/**
 * @typedef {object} Layer
 * @property {string[]} members  folders (ending in `/`) or files under src/ that the row is about
 * @property {string[]} mayImport  folders, files (under src/) and packages the members may import
 * @property {boolean} pure  held to the engine's purity rules (no DOM, clocks, timers, randomness)
 */

/** Backticked items of one table cell. */
const items = (cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1].trim())

/**
 * The rows of the first table under the `## Layers` heading. Throws when the table is missing or
 * a row cannot be read, so a broken doc breaks the lint instead of silently allowing everything.
 * @param {string} markdown
 * @returns {Layer[]}
 */
export function parseLayers(markdown) {
  const section = markdown.split(/^## Layers\s*$/m)[1]
  if (section === undefined) throw new Error('docs/ARCHITECTURE.md has no "## Layers" section')
  const lines = section.split('\n')
  const start = lines.findIndex((l) => l.startsWith('|'))
  if (start < 0) throw new Error('the "## Layers" section of docs/ARCHITECTURE.md has no table')
  const table = []
  for (const line of lines.slice(start)) {
    if (!line.startsWith('|')) break
    table.push(line.split('|').slice(1, -1))
  }
  const header = table[0].map((c) => c.trim().toLowerCase())
  const col = (name) => {
    const i = header.findIndex((h) => h.startsWith(name))
    if (i < 0) throw new Error(`the layering table has no "${name}" column`)
    return i
  }
  const [folder, mayImport, pure] = [col('folder'), col('may import'), col('pure')]
  return table.slice(2).map((cells) => {
    const members = items(cells[folder] ?? '')
    const flag = (cells[pure] ?? '').trim().toLowerCase()
    if (members.length === 0 || !['yes', 'no'].includes(flag)) {
      throw new Error(`unreadable row of the layering table: |${cells.join('|')}|`)
    }
    return { members, mayImport: items(cells[mayImport] ?? ''), pure: flag === 'yes' }
  })
}

/** The layers as written in docs/ARCHITECTURE.md today. */
export const readLayers = () => parseLayers(readFileSync(ARCHITECTURE, 'utf8'))

/** Does a path under src/ (`ui/Foo.tsx`) fall under an item (`ui/` or `engine/index.ts`)? */
const covers = (item, rel) => (item.endsWith('/') ? rel.startsWith(item) : rel === item)

/** The most specific row a path under src/ belongs to (`engine/kernel/` before `engine/`). */
export function layerOf(layers, rel) {
  let best = null
  let bestLength = -1
  for (const layer of layers) {
    for (const m of layer.members) {
      if (covers(m, rel) && m.length > bestLength) [best, bestLength] = [layer, m.length]
    }
  }
  return best
}

/** Does a package specifier (`react-dom/client`, `node:fs`) match an item (`react-dom`, `node:`)? */
function packageAllowed(item, spec) {
  if (item.endsWith(':')) return spec.startsWith(item)
  return spec === item || spec.startsWith(`${item}/`)
}

const CODE = /\.(ts|tsx|js|mjs)$/

/**
 * Why importing `spec` from `file` breaks the table, or null when it does not.
 * @param {Layer[]} layers
 */
export function importProblem(layers, file, spec) {
  const rel = path.relative(SRC, file).split(path.sep).join('/')
  if (rel.startsWith('..')) return null
  const layer = layerOf(layers, rel)
  // A file in no row is reported once, by the rule's Program visitor.
  if (!layer) return null
  const bare = spec.replace(/\?.*$/, '')
  const rowName = layer.members.join(', ')
  if (!bare.startsWith('.')) {
    if (layer.mayImport.some((item) => packageAllowed(item, bare))) return null
    return `${rowName} may not import the package "${bare}" (docs/ARCHITECTURE.md, "Layers")`
  }
  const target = path
    .relative(SRC, path.resolve(path.dirname(file), bare))
    .split(path.sep)
    .join('/')
  // Stylesheets and files outside src/ are not layers.
  if (target.startsWith('..') || (path.extname(target) !== '' && !CODE.test(target))) return null
  // Its own folders include their subfolders' rows: the engine may import its kernel, but the
  // kernel (its own row) may not import the protocols beside it.
  const allowed = [...layer.members, ...layer.mayImport]
  if (allowed.some((item) => covers(item, target))) return null
  return (
    `${rowName} may not import src/${target}; it may import ` +
    `${layer.mayImport.join(', ') || 'nothing outside itself'} (docs/ARCHITECTURE.md, "Layers")`
  )
}

/**
 * An ESLint plugin with one rule, `layering/imports`: every import, re-export, dynamic import and
 * `import('…')` type of a file under src/ must be allowed by its row of the table.
 * @param {Layer[]} layers
 */
export function layeringPlugin(layers) {
  return {
    rules: {
      imports: {
        meta: {
          type: 'problem',
          docs: { description: 'Imports follow the layering table of docs/ARCHITECTURE.md' },
          schema: [],
        },
        create(context) {
          const check = (node, source) => {
            if (typeof source?.value !== 'string') return
            const problem = importProblem(layers, context.filename, source.value)
            if (problem) context.report({ node, message: problem })
          }
          const rel = path.relative(SRC, context.filename).split(path.sep).join('/')
          return {
            Program(node) {
              if (rel.startsWith('..') || layerOf(layers, rel)) return
              const message = `src/${rel} is in no row of the layering table (docs/ARCHITECTURE.md, "Layers")`
              context.report({ node, message })
            },
            ImportDeclaration: (n) => check(n, n.source),
            ExportAllDeclaration: (n) => check(n, n.source),
            ExportNamedDeclaration: (n) => check(n, n.source),
            ImportExpression: (n) => check(n, n.source),
            TSImportType: (n) => check(n, n.argument?.literal ?? n.argument),
          }
        },
      },
    },
  }
}

/** The host globals and clocks a pure layer may not touch (the engine's rules since day one). */
export const PURITY_RULES = {
  'no-restricted-globals': [
    'error',
    'window',
    'document',
    'navigator',
    'localStorage',
    'fetch',
    'setTimeout',
    'setInterval',
    'setImmediate',
    'clearTimeout',
    'clearInterval',
    'requestAnimationFrame',
    'queueMicrotask',
    'performance',
    'crypto',
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use the seeded PRNG of the engine.' },
    { object: 'Date', property: 'now', message: 'Engine time is integer ticks.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "MemberExpression[property.name='innerHTML']", message: 'Never inject HTML.' },
    { selector: "NewExpression[callee.name='Date']", message: 'Engine time is integer ticks.' },
  ],
}

/** The ESLint config blocks generated from the table: the import rule, and purity per pure row. */
export function layeringConfigs(layers = readLayers()) {
  const tests = ['src/**/*.test.{ts,tsx}']
  const glob = (m) => (m.endsWith('/') ? `src/${m}**/*.{ts,tsx}` : `src/${m}`)
  return [
    {
      files: ['src/**/*.{ts,tsx}'],
      ignores: tests,
      plugins: { layering: layeringPlugin(layers) },
      rules: { 'layering/imports': 'error' },
    },
    ...layers
      .filter((l) => l.pure)
      .map((l) => ({ files: l.members.map(glob), ignores: tests, rules: PURITY_RULES })),
  ]
}
