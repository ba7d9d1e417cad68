import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const synod = (args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin', 'synod.js'), ...args], { cwd: root, encoding: 'utf8' })

describe('the prebuilt synod command (bin/synod.js)', () => {
  it('builds the bundle when needed and runs the same CLI: exit codes and output', () => {
    const ok = synod([
      'explore',
      '--spec',
      '--acceptors',
      '1',
      '--values',
      '1',
      '--max-ballot',
      '1',
      '--json',
    ])
    expect(ok.status).toBe(0)
    expect(JSON.parse(ok.stdout)).toMatchObject({ distinctStates: 25, statesGenerated: 82 })
    const bad = synod(['explore', '--spec', 'multipaxos', '--replicas', '9'])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('--replicas must be in 1..5, got 9')
    const found = synod(['explore', '--spec', 'multipaxos', '--bug', 'no-accept-reply'])
    expect(found.status).toBe(1)
    expect(found.stdout).toContain('DEADLOCK')
  }, 60_000)

  it('splits a Multi-Paxos check across worker threads with the one-thread counts', () => {
    const args = ['explore', '--spec', 'multipaxos', '--replicas', '2', '--json']
    const one = JSON.parse(synod(args).stdout)
    const two = synod([...args, '--workers', '2'])
    expect(two.status).toBe(0)
    expect(JSON.parse(two.stdout)).toMatchObject({
      workers: 2,
      distinctStates: one.distinctStates,
      maxDepth: one.maxDepth,
      statesGenerated: one.statesGenerated,
    })
    const stale = synod(['explore', '--spec', 'multipaxos', '--bug', 'commit-one-short', '--workers', '2'])
    expect(stale.status).toBe(1)
    expect(stale.stdout).toContain('Linearizability VIOLATED')
    expect(synod([...args, '--workers', '0']).stderr).toContain('--workers needs a whole number in 1..16')
  }, 60_000)

  it('is what `npm run synod` runs', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    expect(pkg.scripts.synod).toBe('node bin/synod.js')
    expect(pkg.bin.synod).toBe('bin/synod.js')
  })
})
