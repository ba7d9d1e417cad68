import type {
  AnyProtocol,
  GoalMove,
  GoalParam,
  ProtocolModule,
  ProtocolTypes,
  RunEvent,
} from '../engine/kernel/module.ts'
import type { ViolationEvent } from '../engine/kernel/types.ts'

/**
 * The schedule search's goals, all taken from the protocol module, so no protocol's rule lives
 * here: "any invariant violation", one "find a violation of …" per `always` property, one goal
 * per `sometimes` property, and the module's own goals (a livelock, a value decided). Pure.
 */

/** A goal as the search is asked for it: its id and, when it takes one, its setting. */
export interface SimGoal {
  readonly id: string
  readonly param?: number | string
}

/** A goal as a picker lists it. */
export interface GoalOption {
  readonly id: string
  readonly title: string
  readonly param: GoalParam | null
}

/** The id of "any invariant violation", offered for every protocol. */
export const ANY_VIOLATION = 'violation'

/** Every goal of `module`, in the picker's order. Pure. */
export function goalOptions(module: AnyProtocol): GoalOption[] {
  const props = module.properties as ProtocolModule<ProtocolTypes>['properties']
  return [
    { id: ANY_VIOLATION, title: 'Any invariant violation', param: null },
    ...props
      .filter((p) => p.kind === 'always')
      .map((p) => ({ id: p.id, title: `Violated: ${p.title}`, param: null })),
    ...props.filter((p) => p.kind === 'sometimes').map((p) => ({ id: p.id, title: p.title, param: null })),
    ...(module as ProtocolModule<ProtocolTypes>).explorer.goals.map((g) => ({
      id: g.id,
      title: g.title,
      param: g.param ?? null,
    })),
  ]
}

/** The goal the form starts with for `module`. Pure. */
export const defaultGoal = (module: AnyProtocol): SimGoal => {
  const id = (module as ProtocolModule<ProtocolTypes>).explorer.defaultGoal
  const param = goalOptions(module).find((g) => g.id === id)?.param
  return param ? { id, param: param.initial } : { id }
}

/** The goal `id` of `module`, or its default when the id is null or not one of its goals. Pure. */
export function pickGoal(module: AnyProtocol, id: string | null): GoalOption {
  const options = goalOptions(module)
  const picked = options.find((g) => g.id === id)
  return picked ?? options.find((g) => g.id === defaultGoal(module).id) ?? (options[0] as GoalOption)
}

/** The setting of `goal` among `params` (its default until someone sets it), or null. Pure. */
export function paramOf(goal: GoalOption, params: Readonly<Record<string, number | string>>) {
  if (!goal.param) return null
  return params[goal.id] ?? goal.param.initial
}

/** The search goal for the picked `id` and the settings left in `params` (text trimmed). Pure. */
export function goalFor(
  module: AnyProtocol,
  id: string | null,
  params: Readonly<Record<string, number | string>>,
): SimGoal {
  const goal = pickGoal(module, id)
  const param = paramOf(goal, params)
  if (param === null) return { id: goal.id }
  return { id: goal.id, param: typeof param === 'string' ? param.trim() : param }
}

/** Why `goal` is not a goal of `module` (unknown id, setting out of range), or null. Pure. */
export function goalProblem(module: AnyProtocol, goal: SimGoal): string | null {
  const options = goalOptions(module)
  const option = options.find((g) => g.id === goal.id)
  if (!option)
    return `"${goal.id}" is not a goal for ${module.title} (goals: ${options.map((g) => g.id).join(', ')})`
  const p = option.param
  if (!p) return null
  const v = goal.param ?? p.initial
  if (p.kind === 'int')
    return typeof v === 'number' && Number.isInteger(v) && v >= p.min && v <= p.max
      ? null
      : `${p.label}: a whole number in ${p.min}..${p.max}`
  return typeof v === 'string' && v.trim() !== '' && v.length <= p.maxLength
    ? null
    : `${p.label}: 1..${p.maxLength} characters`
}

/** A goal ready to watch a run: the count it keeps is 0 at the start (see `SearchGoal`). */
export interface GoalMonitor<T extends ProtocolTypes> {
  watch(memory: number, move: GoalMove<T>): { memory: number; reached: string | null }
}

/** The monitor of `goal` for `module`; throws on a goal the module does not have. Pure. */
export function goalMonitor<T extends ProtocolTypes>(
  module: ProtocolModule<T>,
  goal: SimGoal,
): GoalMonitor<T> {
  const problem = goalProblem(module, goal)
  if (problem) throw new Error(problem)
  const own = module.explorer.goals.find((g) => g.id === goal.id)
  if (own) {
    const param = goal.param ?? own.param?.initial ?? 0
    return { watch: (memory, move) => own.watch(memory, move, param) }
  }
  const property = module.properties.find((p) => p.id === goal.id)
  if (property?.kind === 'sometimes')
    return {
      watch(memory, move) {
        for (const e of move.events) {
          const reached = property.witness(e)
          if (reached !== null) return { memory, reached }
        }
        return { memory, reached: null }
      },
    }
  // `violation` (any invariant) or one `always` property.
  const rule = property ? property.id : null
  return {
    watch(memory, move) {
      for (const e of move.events)
        if (isViolation(e) && (rule === null || e.rule === rule))
          return { memory, reached: module.narration.event(e, move.config) }
      return { memory, reached: null }
    },
  }
}

const isViolation = <T extends ProtocolTypes>(e: RunEvent<T>): e is ViolationEvent =>
  e.kind === 'invariant.violated'
