import type { Counted, DropReason, Message, PayloadBase, ProcessId, Stamp, Tick } from './types.ts'

/**
 * The kernel's most frequent event bodies (sends, deliveries, drops, timers: three in four
 * events of a Multi-Paxos run), each made with its stamps' slots already in it, after its own
 * fields, in the order `Simulator.record` fills them (the log's JSON key order is unchanged).
 *
 * Why: V8 gives an object literal room for exactly its own properties. Stamping five more onto a
 * two- to four-field body moved them into a separate property array, a second object per event
 * that a long log keeps alive, and that the collector copies with it (a quarter of a 1,000-command
 * run's live heap). Born with the slots, the event is one object. A world that does not stamp
 * (the explorer's) sees the placeholders and ignores them; nobody reads an event's stamps before
 * `record` has filled them, nor its `text` before the log is read (`Simulator.log`).
 */

/** The placeholders, as typed: `record` overwrites them, `text` comes when the log is read. */
type Slots = { -readonly [K in keyof Stamp]: Stamp[K] }

export const msgSend = <M extends PayloadBase>(
  msg: Message<M>,
): { kind: 'msg.send'; msg: Message<M> } & Slots => ({
  kind: 'msg.send',
  msg,
  seq: 0,
  step: 0,
  tick: 0 as Tick,
  byUser: false,
  text: '',
})

/**
 * The send of a copy the user made by hand (Duplicate). Its own body, so that `byHand` sits
 * before the stamps and a log without hand-made copies is unchanged, byte for byte.
 */
export const msgCopyByHand = <M extends PayloadBase>(
  msg: Message<M>,
): { kind: 'msg.send'; msg: Message<M>; byHand: true } & Slots => ({
  kind: 'msg.send',
  msg,
  byHand: true,
  seq: 0,
  step: 0,
  tick: 0 as Tick,
  byUser: false,
  text: '',
})

export const msgDeliver = <M extends PayloadBase>(
  msg: Message<M>,
  now: boolean,
  counted: Counted | null,
): { kind: 'msg.deliver'; msg: Message<M>; now: boolean; counted: Counted | null } & Slots => ({
  kind: 'msg.deliver',
  msg,
  now,
  counted,
  seq: 0,
  step: 0,
  tick: 0 as Tick,
  byUser: false,
  text: '',
})

export const msgDrop = <M extends PayloadBase>(
  msg: Message<M>,
  reason: DropReason,
): { kind: 'msg.drop'; msg: Message<M>; reason: DropReason } & Slots => ({
  kind: 'msg.drop',
  msg,
  reason,
  seq: 0,
  step: 0,
  tick: 0 as Tick,
  byUser: false,
  text: '',
})

export const timerSet = <K extends string>(
  pid: ProcessId,
  timerId: number,
  fireAt: Tick,
  key: K,
): { kind: 'timer.set'; pid: ProcessId; timerId: number; fireAt: Tick; key: K } & Slots => ({
  kind: 'timer.set',
  pid,
  timerId,
  fireAt,
  key,
  seq: 0,
  step: 0,
  tick: 0 as Tick,
  byUser: false,
  text: '',
})

export const timerFire = <K extends string>(
  pid: ProcessId,
  timerId: number,
  key: K,
  now: boolean,
): { kind: 'timer.fire'; pid: ProcessId; timerId: number; key: K; now: boolean } & Slots => ({
  kind: 'timer.fire',
  pid,
  timerId,
  key,
  now,
  seq: 0,
  step: 0,
  tick: 0 as Tick,
  byUser: false,
  text: '',
})

export const timerCancel = <K extends string>(
  pid: ProcessId,
  timerId: number,
  key: K,
  fireAt: Tick,
): { kind: 'timer.cancel'; pid: ProcessId; timerId: number; key: K; fireAt: Tick } & Slots => ({
  kind: 'timer.cancel',
  pid,
  timerId,
  key,
  fireAt,
  seq: 0,
  step: 0,
  tick: 0 as Tick,
  byUser: false,
  text: '',
})
