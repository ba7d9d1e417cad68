#!/usr/bin/env node
/**
 * The `synod` command: runs the prebuilt CLI bundle (build/cli/synod.mjs, made by
 * `npm run build:cli`, which `npm run build` runs too), so a command starts in tens of
 * milliseconds instead of transpiling TypeScript on every run. If the bundle is missing or any
 * source file is newer than it, it is rebuilt first (about 0.1 s), so the command never runs
 * stale code.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bundle = join(root, 'build', 'cli', 'synod.mjs')

/** Newest modification time of the TypeScript sources the CLI is built from. */
function newestSource(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path))
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
      newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

const sources = join(root, 'src')
const fresh =
  existsSync(bundle) && (!existsSync(sources) || statSync(bundle).mtimeMs >= newestSource(sources))
if (!fresh) {
  const { buildCli } = await import(pathToFileURL(join(root, 'scripts', 'buildCli.js')).href)
  await buildCli()
}
await import(pathToFileURL(bundle).href)
