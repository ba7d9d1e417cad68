import { runCli } from './cli.ts'
import { readFileCapped } from './readInput.ts'

/** Entry point of `npm run synod -- …`: the same engine as the app, in Node. */
const result = runCli(process.argv.slice(2), readFileCapped)
if (result.stdout) process.stdout.write(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`)
if (result.stderr) process.stderr.write(`${result.stderr}\n`)
process.exitCode = result.code
