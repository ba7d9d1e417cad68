import {
  forkInterventions,
  moduleFor,
  partitionGroups,
  simulatorFor,
  type Intervention,
  type ProtocolRunInput,
  type ScheduledIntervention,
  type SimEvent,
  type Unnarrated,
} from '../engine/index.ts'
import { laneCount } from '../scenarios/protocolConfig.ts'

/**
 * What becomes of the actions recorded after the step where the user acts in the past (an
 * example's scripted proposal and delays, or the user's own later clicks).
 *
 * An action that names no message (a request, crash, recovery, partition, heal, timer firing)
 * means the same after the change, so it is kept at its step. An action on a message names it
 * by number, and numbers are given in send order: after a change earlier, `#14` may be another
 * message. So the new run is computed with all of them kept, and each message action is kept only
 * while its number still names the same message (same sender, receiver and contents) and it
 * still takes effect; from the first that does not, the message actions are removed (the run
 * after that point is no longer the one they were made for). An action the new run refuses (a
 * request to a process that is now down) is removed too, with the engine's reason. The recorded
 * inputs list exactly what was kept, so a link replays exactly this run.
 */
export interface LaterActions {
  /** The run's new interventions: those up to the step, the action, and the kept later ones. */
  readonly interventions: ScheduledIntervention[]
  readonly kept: readonly ScheduledIntervention[]
  /** Message actions whose numbers may now name other messages. */
  readonly removed: readonly ScheduledIntervention[]
  /** Actions the new run refuses at their steps, and why (`P3 is down`). */
  readonly refused: readonly Refused[]
}

export interface Refused {
  readonly iv: ScheduledIntervention
  readonly reason: string
}

type MessageAction = Extract<Intervention, { msgId: number }>
const namesMessage = (a: Intervention): a is MessageAction => 'msgId' in a

/** An event of either run, read without its sentence. */
type Event = Unnarrated<SimEvent>

/** What identifies a message across two runs: who sent it to whom, what it says, whether it is a copy. */
const identity = (m: Extract<Event, { kind: 'msg.send' }>['msg']): string =>
  JSON.stringify([m.from, m.to, m.payload, m.dupOf !== null])

/**
 * The identities of the messages `ids` sent in `log` up to their action's step (`stepOf`), in
 * one pass over the log (a long run has hundreds of thousands of events).
 */
function identitiesIn(log: readonly Event[], stepOf: ReadonlyMap<number, number>): Map<number, string> {
  const found = new Map<number, string>()
  for (const e of log) {
    if (e.kind !== 'msg.send') continue
    const until = stepOf.get(e.msg.id)
    if (until !== undefined && e.step <= until && !found.has(e.msg.id)) found.set(e.msg.id, identity(e.msg))
  }
  return found
}

/** The message actions the run logged as taking effect (a refused one is `intervention.invalid`), as `type:#id`. */
function effectsIn(log: readonly Event[]): Set<string> {
  const effects = new Set<string>()
  for (const e of log) {
    if (!e.byUser) continue
    if (e.kind === 'msg.drop' && e.reason === 'user') effects.add(`drop:${e.msg.id}`)
    else if (e.kind === 'msg.delay') effects.add(`delay:${e.msg.id}`)
    else if (e.kind === 'msg.send' && e.byHand === true && e.msg.dupOf !== null)
      effects.add(`duplicate:${e.msg.dupOf}`)
    else if (e.kind === 'msg.deliver' && e.now) effects.add(`deliver:${e.msg.id}`)
  }
  return effects
}

/** The reasons the run refused actions (`intervention.invalid`), by step and action, in log order. */
function refusalsIn(log: readonly Event[], after: number): Map<string, string[]> {
  const refusals = new Map<string, string[]>()
  for (const e of log) {
    if (e.step <= after || e.kind !== 'intervention.invalid') continue
    const key = `${e.step}:${JSON.stringify(e.action)}`
    refusals.set(key, [...(refusals.get(key) ?? []), e.reason])
  }
  return refusals
}

/** Steps of the new run computed between two turns for the page (a few ms; see actInThePastInSlices). */
export const LATER_ACTIONS_SLICE_STEPS = 2_000

/**
 * Act with `action` at step `at` of the run `input`, whose log so far is `oldLog`, keeping the
 * later actions that still mean the same (see above). Computes the new run, without its words,
 * up to the last later message action, only when there is one; yields after every
 * LATER_ACTIONS_SLICE_STEPS steps so a long run's check can leave the page turns (a run of
 * 200,000 steps takes about half a second). Pure (deterministic); `actInThePast` runs it at once.
 */
export function* actInThePastInSlices(
  input: ProtocolRunInput,
  oldLog: readonly Event[],
  at: number,
  action: Intervention,
): Generator<void, LaterActions> {
  const upTo = forkInterventions(input.interventions, at, action)
  const later = input.interventions.filter((iv) => iv.step > at)
  const onMessages = later.filter((iv) => namesMessage(iv.action))
  if (later.length === 0) return { interventions: upTo, kept: [], removed: [], refused: [] }
  const lastStep = Math.max(...later.map((iv) => iv.step))
  const sim = simulatorFor({ ...input, interventions: [...upTo, ...later] })
  // A delivery by hand is itself the next step: run one further to see it.
  for (let step = LATER_ACTIONS_SLICE_STEPS; step <= lastStep; step += LATER_ACTIONS_SLICE_STEPS) {
    sim.seek(step)
    if (sim.halted) break
    yield
  }
  sim.seek(lastStep + 1)
  const log = sim.eventsWithoutWords as readonly Event[]
  // An action names its message by the number it had up to the action's step.
  const stepOf = new Map<number, number>()
  for (const iv of onMessages) {
    const { msgId } = iv.action as MessageAction
    stepOf.set(msgId, Math.max(stepOf.get(msgId) ?? 0, iv.step))
  }
  const was = identitiesIn(oldLog, stepOf)
  const now = identitiesIn(log, stepOf)
  const effects = effectsIn(log)
  const refusals = refusalsIn(log, at)
  let trusted = true
  const kept: ScheduledIntervention[] = []
  const removed: ScheduledIntervention[] = []
  const refused: Refused[] = []
  for (const iv of later) {
    const a = iv.action
    if (namesMessage(a)) {
      if (trusted) {
        const before = was.get(a.msgId)
        trusted = before !== undefined && before === now.get(a.msgId) && effects.has(`${a.type}:${a.msgId}`)
      }
      if (trusted) kept.push(iv)
      else removed.push(iv)
      continue
    }
    const reason = refusals.get(`${iv.step}:${JSON.stringify(a)}`)?.shift()
    if (reason === undefined) kept.push(iv)
    else refused.push({ iv, reason })
  }
  return { interventions: [...upTo, ...kept], kept, removed, refused }
}

/** actInThePastInSlices, all at once. Pure. */
export function actInThePast(
  input: ProtocolRunInput,
  oldLog: readonly Event[],
  at: number,
  action: Intervention,
): LaterActions {
  const job = actInThePastInSlices(input, oldLog, at, action)
  for (;;) {
    const next = job.next()
    if (next.done === true) return next.value
  }
}

/** An action in plain words, as a past deed: `dropped #14`, `asked P3 to propose 20`. Pure. */
export function actionInWords(input: ProtocolRunInput, a: Intervention): string {
  const module = moduleFor(input.protocol)
  const P = (pid: number): string => module.app.processName(input.config as never, pid as never)
  switch (a.type) {
    case 'propose':
      return module.explorer.requestText(P(a.pid), a.value)
    case 'deliver':
      return `delivered #${a.msgId} out of turn`
    case 'drop':
      return `dropped #${a.msgId}`
    case 'delay':
      return `delayed #${a.msgId} by ${a.ticks} ticks`
    case 'duplicate':
      return `duplicated #${a.msgId}`
    case 'crash':
      return `crashed ${P(a.pid)}`
    case 'recover':
      return `recovered ${P(a.pid)}`
    case 'partition':
      return `partitioned the network into ${partitionGroups(
        a.groups,
        laneCount(input.protocol ?? 'paxos', input.config),
      )
        .map((g) => `{${g.map(P).join(', ')}}`)
        .join(' | ')}`
    case 'heal':
      return 'healed the partition'
    case 'fire-timer':
      return `fired ${P(a.pid)}'s ${a.key ?? ''} timer early`.replace('  ', ' ')
  }
}

const NOUNS: Record<Intervention['type'], string> = {
  propose: 'request',
  deliver: 'delivery',
  drop: 'drop',
  delay: 'delay',
  duplicate: 'duplicate',
  crash: 'crash',
  recover: 'recovery',
  partition: 'partition',
  heal: 'heal',
  'fire-timer': 'timer firing',
}

/** `at step 8: asked P3 to propose 20, delayed #14 by 15 ticks; at step 9: …`. Pure. */
function listInWords(
  input: ProtocolRunInput,
  actions: readonly ScheduledIntervention[],
  why: (iv: ScheduledIntervention) => string = () => '',
): string {
  const byStep = new Map<number, string[]>()
  for (const iv of actions)
    byStep.set(iv.step, [...(byStep.get(iv.step) ?? []), `${actionInWords(input, iv.action)}${why(iv)}`])
  return [...byStep].map(([step, words]) => `at step ${step}: ${words.join(', ')}`).join('; ')
}

/** Whose a later action is: the example's script, the user's own click, or (a run not from an example) the run's. */
export type Owner = 'example' | 'yours' | 'run'

const POSSESSIVE: Record<Owner, string> = { example: "the example's", yours: 'your', run: "the run's" }
const GROUP: Record<Owner, string> = { example: "the example's", yours: 'yours', run: "the run's" }

/**
 * `the example's later actions (at step 8: …)`, `your later actions (…)`, or, when both are
 * there, `later actions (the example's at step 8: …; yours at step 25: …)`. `what` names the
 * actions (`later actions on messages`). Pure.
 */
function ownedInWords(
  input: ProtocolRunInput,
  actions: readonly ScheduledIntervention[],
  ownerOf: (iv: ScheduledIntervention) => Owner,
  what: string,
  why?: (iv: ScheduledIntervention) => string,
): string {
  const owners = [...new Set(actions.map(ownerOf))]
  if (owners.length === 1) return `${POSSESSIVE[owners[0]!]} ${what} (${listInWords(input, actions, why)})`
  const groups = owners.map(
    (o) =>
      `${GROUP[o]} ${listInWords(
        input,
        actions.filter((iv) => ownerOf(iv) === o),
        why,
      )}`,
  )
  return `${what} (${groups.join('; ')})`
}

/**
 * The notice for acting in the past over recorded later actions, naming what was kept, what was
 * removed and why, and whose each was (`ownerOf`); null when there were none. Pure.
 */
export function laterActionsNotice(
  input: ProtocolRunInput,
  at: number,
  action: Intervention,
  result: LaterActions,
  ownerOf: (iv: ScheduledIntervention) => Owner,
): string | null {
  const { kept, removed, refused } = result
  if (kept.length === 0 && removed.length === 0 && refused.length === 0) return null
  const parts: string[] = []
  if (kept.length > 0)
    parts.push(`kept ${ownedInWords(input, kept, ownerOf, 'later actions at their steps')}`)
  if (removed.length > 0) {
    const those =
      removed.length === 1 ? 'that number may name another message' : 'those numbers may name other messages'
    parts.push(
      `removed ${ownedInWords(input, removed, ownerOf, 'later actions on messages')}: after it, ${those}`,
    )
  }
  if (refused.length > 0) {
    const reasons = new Map(refused.map((r) => [r.iv, r.reason]))
    const why = (iv: ScheduledIntervention): string => ` (refused: ${reasons.get(iv) ?? ''})`
    const what = 'later actions the changed run refuses'
    parts.push(`removed ${ownedInWords(input, [...reasons.keys()], ownerOf, what, why)}`)
  }
  const lost = [...removed, ...refused.map((r) => r.iv)]
  const story = lost.some((iv) => ownerOf(iv) === 'example')
    ? " The example's story may not happen as it did."
    : ''
  return `Your ${NOUNS[action.type]} at step ${at} ${parts.join(', and ')}.${story} The run before it is under ↩ Previous branch.`
}
