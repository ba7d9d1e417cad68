import { PROTOCOLS, paxos, protocolById } from '../engine/index.ts'
import { defaultGoal, goalOptions, goalProblem, type SimGoal } from '../explorer/goals.ts'
import { createSimSearch, NO_BUDGETS, type SimBudgets } from '../explorer/simSearch.ts'
import { anyPresetById, galleryPresets } from '../scenarios/presets.ts'
import { scenarioToJson, type Scenario } from '../scenarios/scenario.ts'
import type { CliResult } from './cli.ts'

/** `synod explore (--preset <id> | <scenario.json>) --goal …`: schedule search over the simulator. */

/** Each protocol's goals, from its module: `id` (default marked with *) and, indented, its words. */
function goalLines(): string {
  return PROTOCOLS.map((m) => {
    const first = defaultGoal(m).id
    const ids = goalOptions(m).map((g) => (g.id === first ? `${g.id}*` : g.id))
    return `                ${m.title}: ${ids.join(', ')}`
  }).join('\n')
}

export const EXPLORE_SIM_USAGE = `usage: synod explore (--preset <id> | <scenario.json | link>) --goal <goal> [bounds…] [--json]
  Breadth-first search for the shortest deviation from the default schedule that reaches the goal.
  --goal        a goal of the scenario's protocol (default: the preset's, else the one marked *);
                \`violation\` is any broken invariant, an invariant's id only that one:
${goalLines()}
  --param       the goal's setting, for a goal that takes one (livelock: how many ballots, or
                steps without a commit; decided: the value)
  --ballots     the same as --param (kept for Paxos's livelock)
  --from-step   start from this step of the scenario (default: the preset's, else 0; later
                interventions are dropped)
  --reorders --drops --duplicates --crashes --recoveries --proposals
                how many of each intervention the search may add (default: the preset's explorer
                defaults, else 0 each, with 1 proposal)
  --max-states  bound on distinct states (default 300000)   --max-depth  bound on depth (default 300)
exit status: 0 goal not reached within the bounds, 1 goal reached (a counterexample), 2 bad arguments`

const NUMERIC = {
  '--ballots': [1, 1000],
  '--from-step': [0, 200_000],
  '--reorders': [0, 10],
  '--drops': [0, 10],
  '--duplicates': [0, 10],
  '--crashes': [0, 10],
  '--recoveries': [0, 10],
  '--proposals': [0, 3],
  '--max-states': [1, 5_000_000],
  '--max-depth': [1, 5_000],
} as const
type NumericOption = keyof typeof NUMERIC

const budgetKey = (o: NumericOption): keyof SimBudgets | null =>
  ['--reorders', '--drops', '--duplicates', '--crashes', '--recoveries', '--proposals'].includes(o)
    ? (o.slice(2) as keyof SimBudgets)
    : null

/** Run the schedule search; `load` resolves a file or link to a scenario or an error line. */
export function runExploreSim(
  args: readonly string[],
  load: (source: string) => Scenario | string,
  now: () => number,
): CliResult {
  const bad = (m: string): CliResult => ({ code: 2, stdout: '', stderr: `synod: ${m}` })
  const nums = new Map<NumericOption, number>()
  let goalName: string | null = null
  let param: string | null = null
  let json = false
  let presetId: string | null = null
  const sources: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? ''
    if (a === '--json') json = true
    else if (a === '--preset') presetId = args[++i] ?? ''
    else if (a === '--goal') goalName = args[++i] ?? ''
    else if (a === '--param') param = args[++i] ?? ''
    else if (a in NUMERIC) {
      const [min, max] = NUMERIC[a as NumericOption]
      const text = args[++i] ?? ''
      if (!/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max)
        return bad(`${a} needs a whole number in ${min}..${max}`)
      nums.set(a as NumericOption, Number(text))
    } else if (a.startsWith('-')) return bad(`unknown option "${a}" for explore`)
    else sources.push(a)
  }
  if ((presetId === null) === (sources.length === 0) || sources.length > 1)
    return bad('explore needs --spec, or exactly one of --preset <id> or a scenario file')
  const preset = presetId === null ? null : anyPresetById(presetId)
  if (presetId !== null && !preset)
    return bad(
      `unknown preset "${presetId}" (known: ${galleryPresets()
        .map((p) => p.id)
        .join(', ')})`,
    )
  let scenario: Scenario
  if (preset)
    scenario = preset.explore
      ? { ...preset.scenario, interventions: preset.explore.interventions }
      : preset.scenario
  else {
    const loaded = load(sources[0] ?? '')
    if (typeof loaded === 'string') return bad(loaded)
    scenario = loaded
  }
  const budgets: SimBudgets = {
    ...NO_BUDGETS,
    ...preset?.explore?.budgets,
  }
  for (const [opt, v] of nums) {
    const k = budgetKey(opt)
    if (k) (budgets as Record<keyof SimBudgets, number>)[k] = v
  }
  const module = protocolById(scenario.protocol ?? 'paxos') ?? paxos
  const id = goalName ?? preset?.explore?.goal ?? defaultGoal(module).id
  const option = goalOptions(module).find((g) => g.id === id)
  const ballots = nums.get('--ballots')
  const given = param ?? (ballots === undefined ? null : String(ballots))
  const goal: SimGoal =
    option?.param && given !== null
      ? { id, param: option.param.kind === 'int' && /^\d{1,9}$/.test(given) ? Number(given) : given }
      : option?.param
        ? { id, param: option.param.initial }
        : { id }
  const problem = goalProblem(module, goal)
  if (problem) return bad(`--goal: ${problem}`)
  if (given !== null && !option?.param) return bad(`--param: the goal "${id}" takes no setting`)
  const started = now()
  const search = createSimSearch(scenario, {
    fromStep: nums.get('--from-step') ?? preset?.explore?.fromStep ?? 0,
    goal,
    budgets,
    bounds: { maxStates: nums.get('--max-states') ?? 300_000, maxDepth: nums.get('--max-depth') ?? 300 },
  })
  let r = search.runFor(20_000)
  while (!r.done) r = search.runFor(20_000)
  const seconds = (now() - started) / 1000
  const report = {
    mode: 'simulator',
    goal,
    budgets,
    distinctStates: r.distinctStates,
    maxDepth: r.depth,
    transitions: r.transitions,
    seconds,
    statesPerSecond: Math.round(r.distinctStates / Math.max(seconds, 1e-6)),
    boundHit: r.boundHit,
    memoryMessage: r.memoryMessage,
    violation: r.found ? scenarioToJson(r.found) : null,
    found: r.foundText,
  }
  if (json) return { code: r.found ? 1 : 0, stdout: JSON.stringify(report), stderr: '' }
  const lines = [
    `schedule search: ${r.distinctStates} distinct states, depth ${r.depth}, ${r.transitions} transitions, ` +
      `${seconds.toFixed(2)} s (${report.statesPerSecond} states/s)`,
  ]
  if (r.boundHit === 'memory') lines.push(`bound hit: ${r.memoryMessage}; the search was not exhaustive`)
  else if (r.boundHit)
    lines.push(
      `bound hit: ${r.boundHit === 'states' ? '--max-states' : '--max-depth'}; the search was not exhaustive`,
    )
  if (!r.found)
    lines.push(
      r.boundHit
        ? 'goal not reached within the bounds'
        : 'goal unreachable within these budgets (exhaustive)',
    )
  else {
    lines.push(`FOUND: ${r.foundText}`, 'scenario (load it with `synod trace <file>` or in the app):')
    lines.push(JSON.stringify(report.violation))
  }
  return { code: r.found ? 1 : 0, stdout: lines.join('\n'), stderr: '' }
}
