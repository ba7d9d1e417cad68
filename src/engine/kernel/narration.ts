import type { ProtocolModule, ProtocolTypes, RunEvent } from './module.ts'
import { LIMITS } from './limits.ts'
import type { DropReason, Intervention, KernelEvent, Message, Unreachable } from './types.ts'

/**
 * The narration of a run: the kernel's sentences for the network, timers, processes and limits,
 * with the protocol's words (labels, send sentences, counts, its own events) put in. Pure.
 */

/** How a kernel sentence names a process (`P2`, or a module's own name such as `C1`). */
export type ProcessNamer = (pid: number) => string

/** The kernel's name for a process when its module names none: `P<pid>`. */
export const pidName: ProcessNamer = (n) => `P${n}`

/**
 * The names `module` gives the processes of a run with `config`, from its app face (Paxos's
 * `P<pid>`; Multi-Paxos names clients `C1`…, not by pid). Pure.
 */
export function processNamer<T extends ProtocolTypes>(
  module: ProtocolModule<T>,
  config: T['Config'],
): ProcessNamer {
  const app = module.app
  return (pid) => app.processName(config, pid as never)
}

/**
 * The namer of the last (module, config) asked for: `narrateEvent` runs for every event of a run,
 * and a fresh closure per event was measurable. A cache of one entry, keyed by identity: the
 * namer depends on nothing else, so the words are the same.
 */
let lastNamer: { module: unknown; config: unknown; namer: ProcessNamer } | null = null

function namerFor<T extends ProtocolTypes>(module: ProtocolModule<T>, config: T['Config']): ProcessNamer {
  if (lastNamer === null || lastNamer.module !== module || lastNamer.config !== config) {
    // Names are asked for twice per delivery: each is made once per run.
    const name = processNamer(module, config)
    const names: string[] = []
    lastNamer = { module, config, namer: (pid) => (names[pid] ??= name(pid)) }
  }
  return lastNamer.namer
}

// Each takes the message, its label (computed once) and the namer: no closure per event.
const dropWhy: Record<DropReason, (m: Message, label: string, P: ProcessNamer) => string> = {
  loss: (m, l, P) => `The network loses #${m.id} (${l}, ${P(m.from)}→${P(m.to)}).`,
  // Said the same way for a click and for a scenario's scripted drop: either may have done it.
  user: (m, l, P) => `#${m.id} (${l}, ${P(m.from)}→${P(m.to)}) is dropped by hand.`,
  crash: (m, l, P) => `#${m.id} (${l}) to ${P(m.to)} is lost: ${P(m.to)} is down.`,
  partition: (m, l, P) =>
    `#${m.id} (${l}) from ${P(m.from)} cannot cross the partition to ${P(m.to)} and is lost.`,
  limit: (m) => `#${m.id} is discarded: too many messages in flight.`,
}

/** A message's label as a sentence says it: the module's words, else its drawn label. Pure. */
function spoken<T extends ProtocolTypes>(words: ProtocolModule<T>['narration'], msg: T['Msg']): string {
  return words.spokenLabel ? words.spokenLabel(msg) : words.label(msg)
}

/** Names in a sentence: `P5`, `P4 and P5`, `P3, P4 and P5`. Pure. */
export function namesInWords(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`
}

/**
 * Who a run at rest waits on, and what would wake it: `P5, which is down, and P4, which the
 * partition cuts off` / `P5 recovers or the partition heals` (see `restsOn`). Pure.
 */
export function unreachableInWords(w: Unreachable, P: ProcessNamer): { who: string; unless: string } {
  const who: string[] = []
  const unless: string[] = []
  const { down, cutOff } = w
  if (down.length > 0) {
    const names = namesInWords(down.map(P))
    who.push(`${names}, which ${down.length === 1 ? 'is' : 'are'} down`)
    unless.push(down.length === 1 ? `${names} recovers` : `one of ${names} recovers`)
  }
  if (cutOff.length > 0) {
    who.push(`${namesInWords(cutOff.map(P))}, which the partition cuts off`)
    unless.push('the partition heals')
  }
  return { who: who.join(', and '), unless: unless.join(' or ') }
}

/** The kernel's sentence for a run at rest (see `restsOn`). */
function restsText(w: Unreachable, P: ProcessNamer): string {
  const { who, unless } = unreachableInWords(w, P)
  return `All that is left is retrying toward ${who}. Nothing more happens unless ${unless}, so the run rests here.`
}

/**
 * An intervention refused. A request is said in the protocol's words, as the explorer's change
 * list says it (`asked C2 to send a write`, `asked P3 to propose 20`): the kernel's name for it,
 * `propose`, is no word of Multi-Paxos. A request to no process or with a value out of bounds is
 * not repeated (it may be anything a hand-edited scenario holds). The others keep the action's
 * type, which is their word too (`Ignored crash: C1 is already down.`).
 */
function ignoredText<T extends ProtocolTypes>(
  module: ProtocolModule<T>,
  action: Intervention,
  reason: string,
  processCount: number,
  P: ProcessNamer,
): string {
  if (action.type !== 'propose') return `Ignored ${action.type}: ${reason}.`
  const sayable =
    action.pid >= 1 &&
    action.pid <= processCount &&
    action.value.trim().length > 0 &&
    action.value.length <= LIMITS.valueLengthMax
  if (!sayable) return `Ignored a request: ${reason}.`
  return `Ignored: ${module.explorer.requestText(P(action.pid), action.value)}, but ${reason}.`
}

/** The narration sentence for any event of a run of `module`. Pure. */
export function narrateEvent<T extends ProtocolTypes>(
  module: ProtocolModule<T>,
  config: T['Config'],
  processCount: number,
  e: RunEvent<T>,
): string {
  const words = module.narration
  const P = namerFor(module, config)
  const k = e as KernelEvent<T['Msg'], T['Config']>
  switch (k.kind) {
    case 'run.start':
      return words.runStart(config, processCount)
    case 'msg.send': {
      const m = k.msg
      if (m.dupOf === null) return `${words.send(m)}.`
      // The sender sent the message once, so the sentence must not say it sends it again; and it
      // says who made the copy: a user's Duplicate (`byHand`), else the run's duplication rate.
      const what = `${P(m.from)}'s ${spoken(words, m.payload)} to ${P(m.to)}`
      const copy = `a second copy, #${m.id}, is in flight (${P(m.from)} sent it once)`
      if (k.byHand) return `#${m.dupOf}, ${what}, is duplicated by hand: ${copy}.`
      return `The network duplicates #${m.dupOf}, ${what}: ${copy}.`
    }
    case 'msg.deliver': {
      const m = k.msg
      const who = m.from === m.to ? 'its own' : `${P(m.from)}'s`
      const now = k.now ? 'Out of turn: ' : ''
      return `${now}${P(m.to)} receives ${who} ${spoken(words, m.payload)}${words.counted(m, k.counted)}.`
    }
    case 'msg.drop':
      return dropWhy[k.reason](k.msg, spoken(words, k.msg.payload), P)
    case 'msg.delay':
      return `#${k.msg.id} is held back ${k.byTicks} ticks; it now arrives at tick ${k.msg.deliverAt}.`
    case 'timer.set':
      return words.timerSet(k.pid, k.key as T['TimerKey'], k.fireAt, config)
    case 'timer.fire':
      return `${k.now ? 'Out of turn: ' : ''}${words.timerFire(k.pid, k.key as T['TimerKey'], config)}`
    case 'proc.crash':
      return words.crash(k.pid, config)
    case 'proc.recover':
      return words.recover(k.pid, config)
    case 'net.partition':
      return `The network splits into ${k.groups.map((g) => `{${g.map(P).join(', ')}}`).join(' | ')}; messages cannot cross between groups.`
    case 'net.heal':
      return 'The partition heals; every process can reach every other again.'
    case 'intervention.invalid':
      return ignoredText(module, k.action, k.reason, processCount, P)
    case 'limit.reached':
      return `The run stopped at its limit of ${k.value} ${k.limit === 'steps' ? 'steps' : k.limit === 'log' ? 'events' : 'messages in flight'}.`
    case 'run.quiescent':
      if (k.waitingOn) return words.rests?.(k.waitingOn, config) ?? restsText(k.waitingOn, P)
      return 'Nothing is left to deliver and no timer is set: the run is quiet.'
    default:
      return words.event(e as T['Event'], config)
  }
}

/**
 * A sentence built from template pieces is a tree of string fragments (V8's cons strings), about
 * three times the size of its characters. A long run's log keeps every sentence to its end, so
 * the trees made a 1,000-command Multi-Paxos run's heap a third bigger and its garbage collection
 * slower. Reading a character makes V8 flatten the string into one piece; the text is unchanged.
 * A short log (a lecture scenario, the explorer's runs, the Paxos benchmark's runs) is gone
 * before the collector copies it, so it is spared the cost.
 */
const COMPACT_FROM_EVENT = 4096

/** Keep `text`, the sentence of the log's event number `seq`, compact (see above). */
export function compactSentence(text: string, seq: number): void {
  if (seq >= COMPACT_FROM_EVENT) text.charCodeAt(0)
}
