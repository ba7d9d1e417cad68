import { runCli } from './cli.ts'
import { runExploreMultiThreads } from './parallelExplore.ts'
import { readFileCapped } from './readInput.ts'

/** Entry point of `npm run synod -- …`: the same engine as the app, in Node. */
const argv = process.argv.slice(2)
// `explore --spec multipaxos … --workers n` runs on worker threads (asynchronous; prebuilt CLI only).
const threads = argv[0] === 'explore' && argv.includes('multipaxos') && argv.includes('--workers')
const result = threads
  ? await runExploreMultiThreads(
      argv.slice(1).filter((a) => a !== '--spec' && a !== 'multipaxos'),
      () => performance.now(),
      new URL('./shardWorker.mjs', import.meta.url),
    )
  : runCli(argv, readFileCapped)
if (result.stdout) process.stdout.write(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`)
if (result.stderr) process.stderr.write(`${result.stderr}\n`)
process.exitCode = result.code
