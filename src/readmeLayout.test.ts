import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * README's "Project layout" lists every folder of the repository, so a new folder cannot appear
 * without a line saying what it holds. Folders that git ignores (builds, outputs, dependencies)
 * are left out.
 */

const ROOT = join(import.meta.dirname, '..')
const IGNORED = new Set([
  '.git',
  'node_modules',
  'dist',
  'build',
  'coverage',
  'test-results',
  'playwright-report',
  '.results',
])

function folders(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !IGNORED.has(d.name) && !d.name.endsWith('-results'))
    .flatMap((d) => {
      const path = join(dir, d.name)
      return [relative(ROOT, path).split('\\').join('/'), ...folders(path)]
    })
}

/** The folders of the layout tree: two spaces of indent per level, each entry ends in `/`. */
export function layoutFolders(readme: string): string[] {
  const block = readme.split('## Project layout')[1]?.split('```')[1] ?? ''
  const stack: string[] = []
  const out: string[] = []
  for (const line of block.split('\n')) {
    const m = /^( *)(\S+\/)(\s|$)/.exec(line)
    if (!m) continue
    const depth = (m[1] ?? '').length / 2
    stack.length = depth
    stack.push((m[2] ?? '').replace(/\/$/, ''))
    out.push(stack.join('/'))
  }
  return out
}

describe("README's project layout", () => {
  const listed = layoutFolders(readFileSync(join(ROOT, 'README.md'), 'utf8'))

  it('reads the tree, nested folders under their parents', () => {
    expect(listed).toEqual(expect.arrayContaining(['src', 'src/engine/kernel', 'src/explorer/multipaxos']))
    expect(layoutFolders('## Project layout\n```\na/   x\n  b/ y\nc/\n```\n')).toEqual(['a', 'a/b', 'c'])
  })

  it('lists every folder of the repository', () => {
    const missing = folders().filter((f) => !listed.includes(f))
    expect(missing).toEqual([])
  })

  it('lists no folder that does not exist', () => {
    const present = new Set(folders())
    expect(listed.filter((f) => !present.has(f))).toEqual([])
  })
})
