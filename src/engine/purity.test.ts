import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/**
 * The engine is pure: no clocks, timers, unseeded randomness, host globals or UI libraries, and
 * no imports from outside src/engine. ESLint enforces this too; this test is the belt to its braces
 * and names the file and line of every offence.
 */

const ENGINE = dirname(fileURLToPath(import.meta.url))
const ROOT = resolve(ENGINE, '../..')

/** Not preceded by `.` or an identifier character: a global, not a property or a longer name. */
const G = String.raw`(?<![.\w$])`

const FORBIDDEN: readonly [RegExp, string][] = [
  [new RegExp(String.raw`${G}Math\s*\.\s*random\b`), 'Math.random (use the seeded PRNG)'],
  [new RegExp(String.raw`${G}Date\b`), 'Date (engine time is integer ticks)'],
  [new RegExp(String.raw`${G}performance\b`), 'performance'],
  [
    new RegExp(
      String.raw`${G}(setTimeout|setInterval|setImmediate|clearTimeout|clearInterval|requestAnimationFrame)\b`,
    ),
    'timers',
  ],
  [new RegExp(String.raw`${G}queueMicrotask\b`), 'queueMicrotask'],
  [new RegExp(String.raw`${G}(window|document|navigator|localStorage|globalThis)\b`), 'host globals'],
  [new RegExp(String.raw`${G}console\b`), 'console'],
  [new RegExp(String.raw`${G}fetch\b`), 'fetch'],
  [new RegExp(String.raw`${G}process\s*\.`), 'process'],
  [new RegExp(String.raw`${G}require\s*\(`), 'require'],
  [new RegExp(String.raw`${G}import\s*\(`), 'dynamic import'],
]

/** Every `from '…'` / `import '…'` specifier on a line. */
const IMPORT = /(?:\bfrom\s*|\bimport\s*)['"]([^'"]+)['"]/g

function engineSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name)
    if (d.isDirectory()) return engineSources(path)
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [path] : []
  })
}

/** Blank out comments and string contents, keeping line breaks, so only code is scanned. */
function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/\/\/[^\n]*/g, '')
    .replace(/`(?:\\[\s\S]|[^`\\])*`/g, (c) => c.replace(/[^\n]/g, ' '))
}

/** Offences in one source: `file:line: what`. */
export function offences(file: string, text: string): string[] {
  const where = relative(ROOT, file)
  const out: string[] = []
  const code = codeOnly(text).split('\n')
  const raw = text.split('\n')
  code.forEach((line, i) => {
    const stripped = line.replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, "''")
    for (const [re, what] of FORBIDDEN) if (re.test(stripped)) out.push(`${where}:${i + 1}: ${what}`)
    // Only a real import: with string literals blanked, `from ''` or `import ''` is left (a word
    // "from" inside a string, such as a label, is not).
    if (!/(?:^|[\s}*])(?:from|import)\s*''/.test(stripped)) return
    for (const m of (raw[i] ?? '').matchAll(IMPORT)) {
      const spec = m[1] ?? ''
      const target = spec.startsWith('.') ? resolve(dirname(file), spec) : null
      if (!target || relative(ENGINE, target).startsWith('..')) {
        out.push(`${where}:${i + 1}: import of "${spec}" from outside src/engine`)
      }
    }
  })
  return out
}

describe('engine purity', () => {
  const files = engineSources(ENGINE)

  it('finds the engine sources', () => {
    expect(files.map((f) => relative(ENGINE, f))).toEqual(
      expect.arrayContaining(['kernel/simulator.ts', 'kernel/world.ts', 'kernel/prng.ts', 'index.ts']),
    )
  })

  it('uses no forbidden global and imports nothing from outside src/engine', () => {
    const found = files.flatMap((f) => offences(f, readFileSync(f, 'utf8')))
    expect(found).toEqual([])
  })

  it('would catch each kind of offence, naming file and line', () => {
    const file = join(ENGINE, 'example.ts')
    const bad = [
      "import { create } from 'zustand'",
      "import * as d3 from 'd3'",
      "import React from 'react'",
      "import { x } from '../ui/thing.ts'",
      'const r = Math.random()',
      'const t = Date.now()',
      'const p = performance.now()',
      'setTimeout(() => 0, 1)',
      'setInterval(() => 0, 1)',
      'window.alert(1)',
      'document.body',
      'console.log(1)',
      'fetch("/x")',
    ].join('\n')
    const found = offences(file, bad)
    expect(found).toHaveLength(13)
    expect(found[0]).toBe('src/engine/example.ts:1: import of "zustand" from outside src/engine')
    expect(found[4]).toBe('src/engine/example.ts:5: Math.random (use the seeded PRNG)')
    expect(found[12]).toBe('src/engine/example.ts:13: fetch')
  })

  it('ignores words in comments and strings, and allows imports within the engine', () => {
    const file = join(ENGINE, 'example.ts')
    const ok = [
      "import { a } from './index.ts'",
      "export { b } from './sub/dir.ts'",
      '// Math.random and Date are banned here',
      "const s = 'window console fetch'",
      '/* setTimeout */ const n = 1',
    ].join('\n')
    expect(offences(file, ok)).toEqual([])
  })
})
