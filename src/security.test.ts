import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Untrusted text (links, files, proposed values) reaches the screen only as React text, and the
 * production CSP forbids inline scripts, eval and inline style sheets. This scan keeps the sources
 * free of the APIs that would turn text into markup or code, or that the CSP would block at runtime.
 */
const FORBIDDEN: readonly [RegExp, string][] = [
  [/\binnerHTML\b/, 'innerHTML'],
  [/\bouterHTML\b/, 'outerHTML'],
  [/\binsertAdjacentHTML\b/, 'insertAdjacentHTML'],
  [/\bdangerouslySetInnerHTML\b/, 'dangerouslySetInnerHTML'],
  [/\bdocument\.write(ln)?\s*\(/, 'document.write'],
  [/(^|[^.\w])eval\s*\(/, 'eval'],
  [/\bnew\s+Function\s*\(/, 'new Function'],
  [/\bset(Timeout|Interval)\s*\(\s*['"`]/, 'a timer with a string body'],
  [/\bcreateContextualFragment\b/, 'createContextualFragment'],
  [/\bsrcdoc\b/, 'srcdoc'],
  [/setAttribute\(\s*['"]style['"]/, "setAttribute('style') (blocked by style-src 'self')"],
  [/createElement\(\s*['"]style['"]/, "a <style> element (blocked by style-src 'self')"],
  [/\.attr\(\s*['"]style['"]/, "d3 .attr('style') (blocked by style-src 'self')"],
]

const SRC = join(import.meta.dirname, '.')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx)$/.test(e.name) && path !== join(SRC, 'security.test.ts') ? [path] : []
  })
}

describe('no dynamic HTML or code in src/', () => {
  const files = sourceFiles(SRC)

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(20)
  })

  it('uses none of the forbidden APIs', () => {
    const found: string[] = []
    for (const file of files) {
      const lines = readFileSync(file, 'utf8').split('\n')
      lines.forEach((line, i) => {
        for (const [re, what] of FORBIDDEN)
          if (re.test(line)) found.push(`${relative(SRC, file)}:${i + 1} uses ${what}`)
      })
    }
    expect(found).toEqual([])
  })
})
