/**
 * Bundles the CLI (src/cli/main.ts and everything it imports) into one ES module for Node,
 * build/cli/synod.mjs (and the worker-thread entry of `--workers`, build/cli/shardWorker.mjs), with esbuild: the same bundler tsx runs TypeScript with, here run once
 * instead of on every command. `node scripts/buildCli.js` or `npm run build:cli`.
 */
import { build } from 'esbuild'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

export async function buildCli() {
  await build({
    entryPoints: {
      synod: join(root, 'src', 'cli', 'main.ts'),
      shardWorker: join(root, 'src', 'cli', 'shardWorker.ts'),
    },
    outdir: join(root, 'build', 'cli'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    legalComments: 'none',
  })
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli()
