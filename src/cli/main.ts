import { readFileSync } from 'node:fs'
import { runCli } from './cli.ts'

/** Entry point of `npm run synod -- …`: the same engine as the app, in Node. */
const result = runCli(process.argv.slice(2), (path) => readFileSync(path, 'utf8'))
if (result.stdout) process.stdout.write(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`)
if (result.stderr) process.stderr.write(`${result.stderr}\n`)
process.exitCode = result.code
