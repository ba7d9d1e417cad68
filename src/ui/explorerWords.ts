import { paxos, ruleTitle, type AnyProtocol, type BugToggles } from '../engine/index.ts'
import { ANY_VIOLATION } from '../explorer/goals.ts'
import type { BudgetName, Searched, SpecForm } from '../store/explorer.ts'
import { capitalised } from './format.ts'

/** The explorer's sentences about what it checked, shared by the form and the verdict. Pure. */

/**
 * Paxos's broken variants (spec mode checks Paxos.tla), keyed and named as its settings dialog
 * lists them.
 */
const BUGS: readonly { key: keyof BugToggles; name: string }[] = paxos.config.fields.flatMap((f) =>
  f.kind === 'bool' && f.path.startsWith('bugs.')
    ? [{ key: f.path.slice('bugs.'.length) as keyof BugToggles, name: f.explained?.name ?? f.label }]
    : [],
)

/** The broken-variant toggles switched on in `bugs`, in the settings dialog's order. Pure. */
export function enabledBugs(bugs: BugToggles): (keyof BugToggles)[] {
  return BUGS.map((b) => b.key).filter((k) => bugs[k])
}

/** Which model spec mode checks: always the correct Paxos.tla, with these quorums. Pure. */
export function specModelText(
  c: Pick<SpecForm, 'acceptors' | 'values' | 'maxBallot' | 'quorumSize'>,
): string {
  const quorums =
    2 * c.quorumSize > c.acceptors
      ? `quorums of ${c.quorumSize} (every two intersect)`
      : `quorums of ${c.quorumSize}, which need not intersect`
  return `Model checked: Lamport's Paxos.tla, the correct protocol, with ${c.acceptors} acceptors, ${c.values} values, ballots 0..${c.maxBallot} and ${quorums}.`
}

/**
 * What spec mode says about the scenario's broken variants: they are not part of Paxos.tla, so an
 * "agreement holds" is about correct Paxos, not about the run on the diagram. Null when the
 * scenario has none. Pure.
 */
export function scenarioBugsText(bugs: readonly (keyof BugToggles)[]): string | null {
  if (bugs.length === 0) return null
  const names = bugs.map((k) => `“${BUGS.find((b) => b.key === k)?.name ?? k}”`)
  const which =
    names.length === 1 ? `broken variant ${names[0]} is` : `broken variants ${names.join(', ')} are`
  const small = bugs.includes('smallQuorum')
    ? ' Quorums too small can be modelled here: set Quorum size to half the acceptors or fewer.'
    : ''
  return `The scenario's ${which} not part of this model: it checks correct Paxos, so it cannot find that bug. To see the bug break agreement, use “Find a schedule”.${small}`
}

/**
 * Whether reaching goal `id` of `module` means a rule was broken (any invariant violation, or a
 * violation of one `always` property), so the found run is shown as a violation; any other goal
 * (a hole filled, a value decided) is a finding, not a fault. Pure.
 */
export function goalIsViolation(module: AnyProtocol, id: string): boolean {
  if (id === ANY_VIOLATION) return true
  const properties: readonly { kind: string; id: string }[] = module.properties
  return properties.some((p) => p.kind === 'always' && p.id === id)
}

/** `text` as a sentence: capitalised, ending in a full stop unless it already ends a sentence. Pure. */
export function asSentence(text: string): string {
  const t = text.trim()
  if (t === '') return t
  const capital = capitalised(t)
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`
}

/** The budgets' labels; the requests' is the protocol's word (Paxos: proposals; Multi-Paxos: client requests). */
export function budgetsOf(module: AnyProtocol): readonly { name: BudgetName; label: string }[] {
  return [
    { name: 'reorders', label: 'Reorders' },
    { name: 'drops', label: 'Drops' },
    { name: 'duplicates', label: 'Duplicates' },
    { name: 'crashes', label: 'Crashes' },
    { name: 'recoveries', label: 'Recoveries' },
    { name: 'proposals', label: module.requestWords.budget },
  ]
}

/**
 * A schedule search that explored every state its budgets allow without reaching the goal. Said
 * with the budgets and the start: "unreachable, exhaustive" alone read as "this cannot happen" to
 * a student watching the run on the diagram do it (with a crash the budget of 0 crashes left out).
 * Pure.
 */
export function unreachableText(states: string, searched: Searched, module: AnyProtocol): string {
  const budgets = budgetsOf(module)
    .map((b) => `${b.label.toLowerCase()} ${searched.budgets[b.name]}`)
    .join(', ')
  return `Not reachable within these budgets: all ${states} states were explored, from step ${searched.fromStep} with at most ${budgets}. Schedules with more of any of these were not searched: raise a budget, or start from a later step.${brokenBeforeText(searched, module)}${outsideText(searched)}`
}

/**
 * Said after a verdict that the goal was not reached when the run on the diagram had already
 * broken the goal's invariant by the search's start (a student who pressed End, then searched):
 * the search sees only what comes after its start. Empty otherwise. Pure.
 */
export function brokenBeforeText(searched: Searched | null | undefined, module: AnyProtocol): string {
  const broken = searched?.brokenBefore
  if (!searched || !broken) return ''
  return ` This run already broke it at step ${broken.step} (Violated: ${ruleTitle(module, broken.rule)}), before step ${searched.fromStep} where the search starts; a search looks only at what comes after its start: go back (Home) and search again to find a schedule that leads there.`
}

/**
 * The run's own interventions the search neither kept nor could add (a partition, a heal, a
 * replica's forced campaign), said after a verdict that the goal was not reached: the run on the
 * diagram may break its invariant only through them, so the verdict says nothing about the bug
 * being harmless. Empty when there are none. Pure.
 */
export function outsideText(searched: Searched | null | undefined): string {
  const outside = searched?.outside ?? []
  if (outside.length === 0) return ''
  const shown = outside.slice(0, 4).join('; ')
  const more = outside.length > 4 ? `; and ${outside.length - 4} more` : ''
  const what = outside.length === 1 ? `change (${shown}) was` : `changes (${shown}${more}) were`
  return ` Not among what the search can add, this run's own ${what} left out: the run on the diagram may reach the goal only through them.`
}
