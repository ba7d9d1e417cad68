/**
 * Issue 11's browser row: Multi-Paxos's 1,000-command run (bench/multipaxos.ts: 5 replicas, two
 * clients of 500 commands, 5% loss, the leader crashed after the 300th answer) as a `#s=` link the
 * app opens, so the step and scrub probes can measure it like the Paxos runs.
 */
import { ENGINE_VERSION } from '../src/engine/index.ts'
import type { SimConfig } from '../src/engine/index.ts'
import type { Scenario } from '../src/scenarios/scenario.ts'
import { encodeScenarioHash } from '../src/scenarios/url.ts'
import { multiPaxosBenchConfig, thousandCommands } from './multipaxos.ts'

/**
 * The link to seed 1's run. The crash is recorded at the step the Node bench took it, and
 * `maxSteps` ends the run where the 1,000th command is answered; the app replays the same run
 * (the engine is deterministic).
 */
export function multiPaxosLink(seed = 1): { url: string; steps: number; events: number } {
  const { sim, answered } = thousandCommands(seed)
  if (answered < 1_000) throw new Error(`the run answered only ${answered} commands`)
  const scenario: Scenario = {
    protocol: 'multipaxos',
    engine: ENGINE_VERSION,
    seed,
    config: { ...multiPaxosBenchConfig(), maxSteps: sim.state.step } as unknown as SimConfig,
    interventions: sim.recorded,
  }
  return { url: `/#${encodeScenarioHash(scenario)}`, steps: sim.state.step, events: sim.log.length }
}
