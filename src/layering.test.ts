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

/**
 * "No Paxos rule may live outside its protocol module": the app (panels, store, diagram, explorer
 * forms) reads every protocol through its module's face and the kernel's facts, so app code never
 * names a protocol's event kinds or branches on its message types, and never asks whether a module
 * has an app face (every module has one; its optional parts are capabilities).
 */
describe('the app names no protocol', () => {
  /** Folders (and root files) of app code, by path under src/. */
  const APP = /^(ui|store|timeline|explorer|worker)\/|^(App|main)\.tsx$/
  /**
   * Spec-related code that speaks Paxos.tla's language on purpose: the converter that writes a
   * Paxos.tla run as a Paxos event log for the diagram, and Multi-Paxos's spec tooling.
   */
  const SPEC = /^explorer\/(specDiagram\.ts|multipaxos\/)/
  /** The kernel's own event kinds: every protocol's log has them. */
  const KERNEL_KINDS = new Set(
    'run.start msg.send msg.deliver msg.drop msg.delay timer.set timer.fire timer.cancel proc.crash proc.recover net.partition net.heal intervention.invalid limit.reached run.quiescent invariant.violated'.split(
      ' ',
    ),
  )

  let kinds: string[] = []
  let types: string[] = []
  beforeAll(async () => {
    const engine = await import('./engine/index.ts')
    const { galleryPresets } = await import('./scenarios/presets.ts')
    const { toRunInput } = await import('./scenarios/scenario.ts')
    // Each protocol's own kinds, as its presets' logs show them, and every message type it declares.
    const seen = new Set<string>()
    for (const p of galleryPresets()) {
      const run = engine.runOnModule(engine.moduleFor(p.scenario.protocol), toRunInput(p.scenario))
      for (const e of run.log) if (!KERNEL_KINDS.has(e.kind)) seen.add(e.kind)
    }
    kinds = [...seen]
    types = [...new Set(engine.PROTOCOLS.flatMap((m) => Object.keys(m.messages)))]
  }, 120_000)

  const quoted = (word: string): string => `['"\`]${word.replace(/\./g, '\\.')}['"\`]`

  /** `code` without its comments (a comment may name an event: it explains, it decides nothing). */
  const uncommented = (code: string): string =>
    code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1')

  /** The bodies of the `switch`es on a message's type (`switch (p.type)`), where a case names a type. */
  const typeSwitches = (code: string): string[] =>
    code.split(/\bswitch\s*\(/).flatMap((part, i) => (i > 0 && /^[\w.?]*\.type\)/.test(part) ? [part] : []))

  /** Each protocol word `code` names (an event kind, a message type it tests), and whether it asks for a face. */
  function protocolWords(source: string): string[] {
    const code = uncommented(source)
    const found: string[] = []
    for (const k of kinds) if (new RegExp(quoted(k)).test(code)) found.push(`event kind ${k}`)
    const switches = typeSwitches(code)
    for (const t of types) {
      const q = quoted(t)
      const tests = [
        `\\.type\\s*[!=]==?\\s*${q}`,
        `${q}\\s*[!=]==?\\s*[\\w.?]*\\.type\\b`,
        `\\btype:\\s*${q}`,
      ]
      const named =
        tests.some((re) => new RegExp(re).test(code)) ||
        switches.some((body) => new RegExp(`case\\s+${q}`).test(body))
      if (named) found.push(`message type ${t}`)
    }
    const asks = [
      /\.app\?\./,
      /\.app\s*\?(?!\.)/,
      /!\s*[\w.()]*\.app\b(?![.\w])/,
      /\.app\s*(===|!==|&&|\|\|)/,
    ]
    if (asks.some((re) => re.test(code))) found.push('asks whether a module has an app face')
    return found
  }

  it('knows the protocols’ words (the check below cannot pass vacuously)', () => {
    expect(kinds).toEqual(
      expect.arrayContaining(['proposer.phase', 'learner.decide', 'value.chosen', 'slot.chosen']),
    )
    expect(types).toEqual(expect.arrayContaining(['prepare', 'promise', 'reject', 'accepted', 'heartbeat']))
  })

  it('catches a Paxos rule written in app code', () => {
    expect(protocolWords("if (e.kind === 'learner.decide') n++")).toEqual(['event kind learner.decide'])
    expect(protocolWords("switch (p.type) {\n  case 'promise':\n    return 1\n}")).toEqual([
      'message type promise',
    ])
    expect(protocolWords("const r = m.payload.type !== 'reject'")).toEqual(['message type reject'])
    expect(protocolWords("return { type: 'prepare', ballot }")).toEqual(['message type prepare'])
    expect(protocolWords('return module.app ? a : b')).toEqual(['asks whether a module has an app face'])
    expect(protocolWords('if (!useProtocol().app) return null')).toEqual([
      'asks whether a module has an app face',
    ])
    expect(protocolWords('const q = module.app?.quiet ?? []')).toEqual([
      'asks whether a module has an app face',
    ])
    expect(protocolWords("const q = module.app.quiet; const k = a.kind === 'reject'")).toEqual([])
    // A switch on something else (a mark's kind) may have a case of the same name; a comment may name one.
    expect(protocolWords("switch (m.kind) {\n  case 'decide':\n}\n// reads `learner.decide`")).toEqual([])
  })

  it('finds none in the app’s sources (spec tooling aside)', () => {
    const offenders = sourcePlaces()
      .filter((rel) => APP.test(rel) && !SPEC.test(rel))
      .flatMap((rel) => protocolWords(readFileSync(join(SRC, rel), 'utf8')).map((w) => `${rel}: ${w}`))
    expect(offenders).toEqual([])
  })
})
