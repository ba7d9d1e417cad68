import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MultiPaxosSearch } from '../explorer/multipaxos/search.ts'
import { concreteRun } from '../explorer/multipaxos/trace.ts'
import { multiPaxosTlcState, tlcTraceJson } from '../explorer/tlcFixtures.ts'
import { runExplore } from './explore.ts'

const dir = () => mkdtempSync(join(tmpdir(), 'synod-tlc-'))

describe('synod explore --export-tla', () => {
  it('writes MC.tla, MC.cfg and a README with the TLC command for Multi-Paxos', () => {
    const out = dir()
    const r = runExplore(['--spec', 'multipaxos', '--replicas', '5', '--writes', '2', '--export-tla', out])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('wrote MC.tla, MC.cfg, README.md')
    const cfg = readFileSync(join(out, 'MC.cfg'), 'utf8')
    expect(cfg).toContain('Replicas = {s1, s2, s3, s4, s5}')
    expect(cfg).toContain('Writes = {w1, w2}')
    expect(cfg).toContain('Reads = {r1}')
    expect(cfg).toContain('MaxBallot <- MCMaxBallot')
    expect(cfg).toContain('SYMMETRY SymmetricPerms')
    expect(cfg).toContain('CHECK_DEADLOCK TRUE')
    expect(readFileSync(join(out, 'MC.tla'), 'utf8')).toContain('EXTENDS MultiPaxos_MC')
    const readme = readFileSync(join(out, 'README.md'), 'utf8')
    expect(readme).toContain(
      'java -XX:+UseParallelGC -cp tla2tools.jar tlc2.TLC -workers auto -config MC.cfg',
    )
    expect(readme).toContain('-dumpTrace json MC_trace.json')
    expect(readme).toContain('tlc2.tool.distributed.TLCServer')
    expect(readme).toContain('MultiPaxos.tla` and `MultiPaxos_MC.tla`')
  })

  it('writes the Paxos.tla model with its quorums, and says how a broken variant edits the spec', () => {
    const out = dir()
    const r = runExplore(['--spec', '--acceptors', '3', '--quorum', '1', '--export-tla', out, '--json'])
    expect(JSON.parse(r.stdout).command).toContain('tlc2.TLC')
    const tla = readFileSync(join(out, 'MC.tla'), 'utf8')
    expect(tla).toContain('MCQuorum == {{a1}, {a2}, {a3}}')
    expect(tla).toContain('MCBallot == 0..2')
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('do not all intersect')
    const bug = dir()
    runExplore(['--spec', 'multipaxos', '--bug', 'commit-one-short', '--no-symmetry', '--export-tla', bug])
    expect(readFileSync(join(bug, 'README.md'), 'utf8')).toContain('MajorityNum - 1')
    expect(readFileSync(join(bug, 'MC.cfg'), 'utf8')).not.toContain('SYMMETRY')
  })

  it('writes Flexible Paxos with phase-1 quorums for Phase2a and phase-2 quorums for chosen', () => {
    const out = dir()
    const args = [
      '--spec',
      '--acceptors',
      '4',
      '--values',
      '2',
      '--max-ballot',
      '1',
      '--q1',
      '3',
      '--q2',
      '2',
    ]
    expect(runExplore([...args, '--export-tla', out]).code).toBe(0)
    const tla = readFileSync(join(out, 'MC.tla'), 'utf8')
    // Paxos.tla's Quorum is only used by Phase2a: the 3-acceptor sets. Chosen needs 2 votes.
    expect(tla).toContain('MCQuorum == {{a1, a2, a3}, {a1, a2, a4}, {a1, a3, a4}, {a2, a3, a4}}')
    expect(tla).toContain('MCQuorum2 == {{a1, a2}, {a1, a3}, {a2, a3}, {a1, a4}, {a2, a4}, {a3, a4}}')
    expect(tla).toContain('Q \\in MCQuorum2 :')
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('--q1 3 --q2 2')
    const majority = dir()
    runExplore(['--spec', '--acceptors', '3', '--export-tla', majority])
    expect(readFileSync(join(majority, 'MC.tla'), 'utf8')).not.toContain('MCQuorum2')
  })

  it('needs a model and a path', () => {
    expect(runExplore(['--export-tla', dir()]).stderr).toContain('--export-tla needs --spec')
    expect(runExplore(['--spec', '--export-tla']).stderr).toContain('--export-tla needs a path')
  })
})

describe('synod explore --import-trace', () => {
  it("replays TLC's JSON counterexample and exits 1 for a violation", () => {
    const s = new MultiPaxosSearch({
      replicas: 3,
      writes: 1,
      reads: 1,
      maxBallot: 2,
      symmetry: true,
      bug: 'commit-one-short',
    })
    const p = s.runFor(Number.MAX_SAFE_INTEGER)
    const file = join(dir(), 'MC_trace.json')
    const states = concreteRun(s, p.finding?.stateId ?? 0).states.map((v) => multiPaxosTlcState(s.L, v))
    writeFileSync(file, tlcTraceJson(states))
    const r = runExplore(['--import-trace', file])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(
      'TLC trace of MultiPaxos.tla: 3 replicas, 1 writes, 1 reads, broken variant commit-one-short; 10 steps',
    )
    expect(r.stdout).toContain('Linearizability VIOLATED in the last state')
    expect(JSON.parse(runExplore(['--import-trace', file, '--json']).stdout).steps).toHaveLength(10)
  })

  it('exits 2 with one line for a missing or malformed file', () => {
    expect(runExplore(['--import-trace', '/nonexistent/trace.json'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('file not found'),
    })
    const bad = join(dir(), 'bad.json')
    writeFileSync(bad, '{"state": []}')
    expect(runExplore(['--import-trace', bad]).stderr).toContain('non-empty "state" array')
  })
})
