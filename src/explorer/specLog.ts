/**
 * The shared half of "a spec trace on the time-space diagram": builds a well-formed event log
 * (`run.start`, then `msg.send` / `msg.deliver` pairs by message id, then marks) from the
 * messages of a spec run, so the app's own Diagram draws it without special cases. Each step of
 * the spec is one step of the log, `STEP_TICKS` ticks long; a message is sent at the step that
 * adds it to `msgs` and delivered at the step whose action reads it. A copy nobody reads stays in
 * flight at the end.
 *
 * Copies are made lazily: a broadcast names its natural audience, and a step may read a copy
 * addressed to a process outside it (a leader reading its own Accept); that copy is then sent with
 * the broadcast, at its step, as if it had been there all along (it had: `msgs` is a set anyone
 * may read).
 *
 * Pure: no DOM, no clocks, no randomness.
 */
import type { AnyProtocol, Message, PayloadBase, SimEvent } from '../engine/index.ts'

/** Ticks per spec step: one step spans one default arrow length on the diagram. */
export const STEP_TICKS = 10

/** A lane at one step, shaped as the Diagram's `laneFaces` expect. */
export interface SpecLane {
  readonly name: string
  readonly up: boolean
  readonly text: string | null
  readonly tone: 'idle' | 'running' | 'done'
  readonly colourKey: string | null
}

/** One step of the run as the view narrates it. */
export interface SpecDiagramStep {
  /** The action with its parameters (`Phase1b(a=a2)`). */
  readonly label: string
  /** What happened, in the project's words: the trace's own facts. */
  readonly text: string
}

/** A spec run ready for the Diagram: the log, its lanes at every step, the narration, the verdict. */
export interface SpecDiagram {
  /** Whose words label and colour the arrows (the log is tagged with it too). */
  readonly module: AnyProtocol
  readonly log: readonly SimEvent[]
  readonly processCount: number
  /** `steps[k - 1]` is step k (cursor k shows the state after it). */
  readonly steps: readonly SpecDiagramStep[]
  /** `lanes[k]`: every lane at cursor k, 0..steps.length. */
  readonly lanes: readonly (readonly SpecLane[])[]
  /** How the run ends: two values chosen, a stale read, a deadlock, or nothing wrong. */
  readonly verdict: string
  /** True when the run ends in a violation or deadlock. */
  readonly bad: boolean
}

/** A message between two lanes; `deliverStep` null while nobody has read it. */
export interface Wire {
  readonly from: number
  readonly to: number
  readonly payload: PayloadBase
  readonly text: string
  readonly sendStep: number
  /** Ticks after the step's start (negative: just before it, for a client's request). */
  readonly sendOffset: number
  readonly order: number
  readonly group: { firstId: number | null }
  readonly replyTo: Wire | null
  deliverStep: number | null
  deliverOffset: number
  deliverOrder: number
  deliverText: string
}

interface MarkItem {
  readonly step: number
  readonly offset: number
  readonly order: number
  readonly body: Record<string, unknown> & { kind: string }
  readonly text: string
}

type Item =
  | {
      readonly what: 'send'
      readonly w: Wire
      readonly step: number
      readonly tick: number
      readonly order: number
    }
  | {
      readonly what: 'deliver'
      readonly w: Wire
      readonly step: number
      readonly tick: number
      readonly order: number
    }
  | {
      readonly what: 'mark'
      readonly m: MarkItem
      readonly step: number
      readonly tick: number
      readonly order: number
    }

/** Collects the wires and marks of a spec run, then writes them as one ordered log. */
export class SpecLogBuilder {
  private readonly wires: Wire[] = []
  private readonly marks: MarkItem[] = []
  private order = 0

  /** A broadcast's shared group: its copies get the id of the first as `broadcastId`. */
  group(): { firstId: number | null } {
    return { firstId: null }
  }

  /** Send `payload` from `from` to `to` at `step` (at the broadcast's place when `at` is given). */
  send(
    step: number,
    from: number,
    to: number,
    payload: PayloadBase,
    text: string,
    opts: { group?: { firstId: number | null }; replyTo?: Wire | null; offset?: number; at?: Wire } = {},
  ): Wire {
    const w: Wire = {
      from,
      to,
      payload,
      text,
      sendStep: opts.at?.sendStep ?? step,
      sendOffset: opts.at?.sendOffset ?? opts.offset ?? 0,
      order: opts.at?.order ?? this.order++,
      group: opts.group ?? this.group(),
      replyTo: opts.replyTo ?? null,
      deliverStep: null,
      deliverOffset: 0,
      deliverOrder: 0,
      deliverText: '',
    }
    this.wires.push(w)
    return w
  }

  /** The step's action reads `w`: its arrow ends here. A copy is delivered once. */
  /** Returns false when the copy was delivered already (nothing happens then). */
  deliver(w: Wire, step: number, text: string, offset = 0): boolean {
    if (w.deliverStep !== null) return false
    if (step < w.sendStep) throw new Error('a message is read before it is sent')
    w.deliverStep = step
    w.deliverOffset = offset
    w.deliverOrder = this.order++
    w.deliverText = text
    return true
  }

  /** A protocol event at `step` (a value chosen, a violation), drawn as a mark. */
  mark(step: number, body: MarkItem['body'], text: string, offset = 0): void {
    this.marks.push({ step, offset, order: this.order++, body, text })
  }

  /** The log: `run.start` at step 0, then every item in step, tick and call order. */
  build(config: { readonly [k: string]: unknown }, startText: string, lastStep: number): SimEvent[] {
    const tickOf = (step: number, offset: number) => step * STEP_TICKS + offset
    const items: Item[] = []
    for (const w of this.wires) {
      items.push({
        what: 'send',
        w,
        step: w.sendStep,
        tick: tickOf(w.sendStep, w.sendOffset),
        order: w.order,
      })
      if (w.deliverStep !== null)
        items.push({
          what: 'deliver',
          w,
          step: w.deliverStep,
          tick: tickOf(w.deliverStep, w.deliverOffset),
          order: w.deliverOrder,
        })
    }
    for (const m of this.marks)
      items.push({ what: 'mark', m, step: m.step, tick: tickOf(m.step, m.offset), order: m.order })
    items.sort((a, b) => a.step - b.step || a.tick - b.tick || a.order - b.order)
    const log: Record<string, unknown>[] = []
    const stamp = (step: number, tick: number, text: string) => ({
      seq: log.length,
      step,
      tick,
      byUser: false,
      text,
    })
    log.push({ kind: 'run.start', config, seed: 0, ...stamp(0, 0, startText) })
    const msgs = new Map<Wire, Message>()
    const endTick = tickOf(lastStep + 1, 0)
    for (const it of items) {
      if (it.what === 'send') {
        const w = it.w
        const id = msgs.size + 1
        w.group.firstId ??= id
        const msg = {
          id,
          from: w.from,
          to: w.to,
          payload: w.payload,
          sentAt: it.tick,
          deliverAt: w.deliverStep === null ? endTick : tickOf(w.deliverStep, w.deliverOffset),
          lost: false,
          dupOf: null,
          seq: id,
          inReplyTo: w.replyTo ? (msgs.get(w.replyTo)?.id ?? null) : null,
          broadcastId: w.group.firstId,
        } as unknown as Message
        msgs.set(w, msg)
        log.push({ kind: 'msg.send', msg, ...stamp(it.step, it.tick, w.text) })
      } else if (it.what === 'deliver') {
        const msg = msgs.get(it.w) as Message
        log.push({
          kind: 'msg.deliver',
          msg,
          now: false,
          counted: null,
          ...stamp(it.step, it.tick, it.w.deliverText),
        })
      } else log.push({ ...it.m.body, ...stamp(it.step, it.tick, it.m.text) })
    }
    return log as unknown as SimEvent[]
  }
}
