import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'
import { ARCHITECTURE, SRC, importProblem, layerOf, parseLayers, readLayers } from '../eslint.layering.js'

/**
 * The layering table of docs/ARCHITECTURE.md is the lint config (eslint.layering.js). These tests
 * feed the real ESLint config deliberately bad snippets, so the rules cannot silently stop working,
 * and check that every folder of src/ has a row and that the rules follow the doc when it changes.
 */

const layers = readLayers()

/** Every folder under src/ that holds sources, as `ui/`, and the sources at src/'s root. */
function sourcePlaces(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name)
    if (d.isDirectory()) return d.name.startsWith('__') ? [] : sourcePlaces(path)
    if (!/\.tsx?$/.test(d.name) || /\.test\.tsx?$/.test(d.name)) return []
    return [relative(SRC, path).split('\\').join('/')]
  })
}

describe('the layering table', () => {
  it('reads the rows of docs/ARCHITECTURE.md', () => {
    const folders = layers.flatMap((l) => l.members)
    expect(folders).toEqual(expect.arrayContaining(['engine/', 'engine/kernel/', 'explorer/', 'ui/']))
    expect(layers.filter((l) => l.pure).flatMap((l) => l.members)).toEqual(
      expect.arrayContaining(['engine/', 'engine/kernel/', 'explorer/']),
    )
  })

  it('has a row for every source file of src/', () => {
    const homeless = sourcePlaces().filter((rel) => layerOf(layers, rel) === null)
    expect(homeless).toEqual([])
  })

  it('refuses a doc without the table rather than allowing everything', () => {
    expect(() => parseLayers('# Architecture\n\nno layers here\n')).toThrow(/Layers/)
    const doc = readFileSync(ARCHITECTURE, 'utf8')
    expect(() => parseLayers(doc.replace('| yes  |', '| maybe |'))).toThrow(/unreadable row/)
  })

  it('follows the doc: drop a row entry and that import becomes an error', () => {
    const file = join(SRC, 'ui/Panel.tsx')
    expect(importProblem(layers, file, '../store/store.ts')).toBeNull()
    const doc = readFileSync(ARCHITECTURE, 'utf8').replace(/(\| `ui\/`.*?)`store\/`, /, '$1')
    expect(importProblem(parseLayers(doc), file, '../store/store.ts')).toMatch(
      /ui\/ may not import src\/store\/store\.ts/,
    )
  })
})

describe('the lint generated from the table', () => {
  let eslint: ESLint
  beforeAll(() => {
    eslint = new ESLint({ cwd: join(SRC, '..') })
  })

  /** The messages of the rules that fired on `code` as if it were `file` (under src/). */
  async function lint(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: join(SRC, file) })
    return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`)
  }

  it('passes a file that keeps to its row', async () => {
    const code = [
      "import { LIMITS } from '../engine/index.ts'",
      "import { useStore } from '../store/store.ts'",
      'export const x = [LIMITS, useStore]',
    ].join('\n')
    expect(await lint('ui/Example.tsx', code)).toEqual([])
  }, 60_000)

  it('fails the store reaching into the timeline (the panels and the diagram share the engine’s facts)', async () => {
    const code = "import { indexLog } from '../timeline/logIndex.ts'\nexport const i = indexLog\n"
    expect(await lint('store/Example.ts', code)).toEqual([
      expect.stringMatching(/^layering\/imports: store\/ may not import src\/timeline\/logIndex\.ts/),
    ])
  }, 60_000)

  it('fails the UI reaching past the engine’s public face', async () => {
    const code = "import { World } from '../engine/kernel/world.ts'\nexport const w = World\n"
    expect(await lint('ui/Example.tsx', code)).toEqual([
      expect.stringMatching(/^layering\/imports: ui\/ may not import src\/engine\/kernel\/world\.ts/),
    ])
  }, 60_000)

  it('fails the kernel importing a protocol, and the store importing the UI', async () => {
    const kernel = "import { paxos } from '../protocols/paxos/index.ts'\nexport const p = paxos\n"
    expect(await lint('engine/kernel/example.ts', kernel)).toEqual([
      expect.stringMatching(/^layering\/imports: engine\/kernel\/ may not import/),
    ])
    const store = "export { Narration } from '../ui/Narration.tsx'\n"
    expect(await lint('store/example.ts', store)).toEqual([
      expect.stringMatching(/^layering\/imports: store\/ may not import src\/ui\/Narration\.tsx/),
    ])
  }, 60_000)

  it('fails a package the row does not list', async () => {
    const code = "import { select } from 'd3'\nexport const s = select\n"
    expect(await lint('scenarios/example.ts', code)).toEqual([
      'layering/imports: scenarios/ may not import the package "d3" (docs/ARCHITECTURE.md, "Layers")',
    ])
  }, 60_000)

  it('holds the explorer to the engine’s purity rules', async () => {
    const code = [
      'export const r = Math.random()',
      'export const t = Date.now()',
      'export const d = new Date()',
      'export const w = window.location',
      'setTimeout(() => 0, 1)',
      'export const p = performance.now()',
    ].join('\n')
    const rules = (await lint('explorer/example.ts', code)).map((m) => m.split(':')[0])
    expect(rules).toEqual([
      'no-restricted-properties',
      'no-restricted-properties',
      'no-restricted-syntax',
      'no-restricted-globals',
      'no-restricted-globals',
      'no-restricted-globals',
    ])
    // The same code is fine where the table does not ask for purity.
    expect(await lint('ui/example.ts', code)).toEqual([])
  }, 60_000)

  it('fails a file in a folder the table does not name', async () => {
    expect(await lint('newthing/example.ts', 'export const n = 1\n')).toEqual([
      expect.stringMatching(/src\/newthing\/example\.ts is in no row of the layering table/),
    ])
  }, 60_000)
})
