/**
 * `npx tsx bench/engineHashes.ts [out.json]`: the full hashes (SHA-256 of the narrated log's JSON)
 * of every preset of every protocol, of the bench's own runs (single-decree dueling with 10% loss,
 * seeds 1–5; Multi-Paxos's 1,000-command run, seeds 1–3), and of seeks and forks on them. An
 * engine change that must leave every log byte for byte the same is checked by running this
 * before and after and comparing the two files (`diff`); it prints how many hashes it wrote.
 *
 * Seeks go back and forth over a finished run (every seek restores a snapshot and replays, so the
 * restored states and the observer's rebuilt ghost are checked by the log they go on to write);
 * forks act in the past (a crash, a drop of a message in flight) and run the new future to its end.
 * Not a test (the golden traces and determinism tests are); a tool for engine work.
 */
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { runToEnd, simulatorFor, type ProtocolRunInput } from '../src/engine/index.ts'
import type { Simulator } from '../src/engine/kernel/simulator.ts'
import { galleryPresets, presetById } from '../src/scenarios/presets.ts'
import { thousandCommands } from './multipaxos.ts'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySim = Simulator<any>

const hashes: Record<string, string> = {}

function fullHash(log: readonly object[]): string {
  const h = createHash('sha256')
  for (const e of log) h.update(JSON.stringify(e)).update('\n')
  return h.digest('hex')
}

/** Seek the finished run back and forth, hashing the log after each seek and after 200 more steps. */
function seeks(name: string, sim: AnySim): void {
  const end = sim.state.step
  const targets = [end >> 1, end >> 2, end - 1, 1, (end * 3) >> 2, end, (end * 5) >> 3, 0, end + 5]
  targets.forEach((t, i) => {
    const asShown = i % 2 === 1
    sim.seek(t, asShown)
    hashes[`${name} seek ${t}${asShown ? ' shown' : ''}`] = fullHash(sim.log)
    for (let k = 0; k < 200 && sim.step(); k++) {
      // onwards from the restored state
    }
    hashes[`${name} seek ${t}${asShown ? ' shown' : ''} +200`] = fullHash(sim.log)
  })
}

/** Fork a finished run: a crash at a third, a drop of the oldest message in flight at half. */
function forks(name: string, input: ProtocolRunInput): void {
  const probe = simulatorFor(input)
  probe.run()
  const end = probe.state.step
  const crashAt = Math.floor(end / 3)
  const a = simulatorFor(input)
  a.run()
  a.fork(crashAt, { type: 'crash', pid: 2 })
  a.run()
  hashes[`${name} fork crash@${crashAt}`] = fullHash(a.log)
  const dropAt = Math.floor(end / 2)
  const b = simulatorFor(input)
  b.run()
  b.seek(dropAt)
  const oldest = b.state.inFlight[0]
  if (oldest) {
    b.fork(dropAt, { type: 'drop', msgId: oldest.id })
    b.run()
    hashes[`${name} fork drop@${dropAt}`] = fullHash(b.log)
  }
}

for (const p of galleryPresets()) {
  const input = p.scenario as ProtocolRunInput
  const sim = simulatorFor(input)
  sim.run()
  hashes[`preset ${p.id}`] = fullHash(sim.log)
  seeks(`preset ${p.id}`, sim)
  forks(`preset ${p.id}`, input)
}

const dueling = presetById('dueling')?.scenario
if (!dueling) throw new Error('the dueling preset is missing')
for (let seed = 1; seed <= 5; seed++) {
  const sim = runToEnd({
    seed,
    config: { ...dueling.config, lossPercent: 10, maxSteps: 200_000 },
    interventions: dueling.interventions,
  })
  hashes[`bench dueling seed ${seed}`] = fullHash(sim.log)
}

for (let seed = 1; seed <= 3; seed++) {
  const { sim } = thousandCommands(seed)
  hashes[`bench multipaxos seed ${seed}`] = fullHash(sim.log)
  if (seed === 1) {
    seeks('bench multipaxos seed 1', sim)
    const input: ProtocolRunInput = {
      protocol: 'multipaxos',
      seed,
      // The module checks its own config; the Paxos-typed field only carries it.
      config: sim.state.config as unknown as ProtocolRunInput['config'],
      interventions: sim.recorded,
    }
    forks('bench multipaxos seed 1', input)
  }
}

const out = process.argv[2]
const text = JSON.stringify(hashes, null, 1)
if (out) writeFileSync(out, text + '\n')
else console.log(text)
console.log(`${Object.keys(hashes).length} hashes`)
