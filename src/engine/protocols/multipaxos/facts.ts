import type { Tick } from '../../kernel/types.ts'
import type { Ballot, ClientCmd, Cmd, MpEventBody } from './types.ts'

/**
 * The facts a replica or client reports on every command (accepts, proposals, commits,
 * executions, a client's sends and answers: a third of a Multi-Paxos log), each made with the
 * slots `Draft.fact` (`pid`) and the kernel's `record` (its stamps) fill, after its own fields and
 * in their order, so the log's JSON is unchanged. An object literal gets room for exactly its own
 * fields: added later, the six went into a second object per event that the log kept alive (see
 * `kernel/bodies.ts`, which does the same for the kernel's events). Rare facts are written as
 * plain literals where they happen.
 */

/** The placeholders: `pid`, then the stamps (`text` comes when the log is read). */
interface Slots {
  pid: number
  seq: number
  step: number
  tick: Tick
  byUser: boolean
  text: string
}

type Fact<K extends MpEventBody['kind']> = Extract<MpEventBody, { kind: K }> & Slots

export const acceptFact = (slot: number, ballot: Ballot, cmd: Cmd): Fact<'acceptor.accept'> => ({
  kind: 'acceptor.accept',
  slot,
  ballot,
  cmd,
  pid: 0,
  seq: 0,
  step: 0,
  tick: 0 as Tick,
  byUser: false,
  text: '',
})

export const proposeFact = (slot: number, ballot: Ballot, cmd: Cmd): Fact<'slot.propose'> => ({
  kind: 'slot.propose',
  slot,
  ballot,
  cmd,
  pid: 0,
  seq: 0,
  step: 0,
  tick: 0 as Tick,
  byUser: false,
  text: '',
})

export const commitFact = (
  slot: number,
  cmd: Cmd,
  via: 'quorum' | 'leader' | 'catch-up',
): Fact<'slot.commit'> => ({
  kind: 'slot.commit',
  slot,
  cmd,
  via,
  pid: 0,
  seq: 0,
  step: 0,
  tick: 0 as Tick,
  byUser: false,
  text: '',
})

export const executeFact = (
  slot: number,
  cmd: Cmd,
  applied: boolean,
  result: string,
): Fact<'slot.execute'> => ({
  kind: 'slot.execute',
  slot,
  cmd,
  applied,
  result,
  pid: 0,
  seq: 0,
  step: 0,
  tick: 0 as Tick,
  byUser: false,
  text: '',
})

export const clientSendFact = (
  client: number,
  cmd: ClientCmd,
  retry: boolean,
  to: number,
  redirectedBy: number | null,
): Fact<'client.send'> => ({
  kind: 'client.send',
  client,
  cmd,
  retry,
  to,
  redirectedBy,
  pid: 0,
  seq: 0,
  step: 0,
  tick: 0 as Tick,
  byUser: false,
  text: '',
})

export const clientAnswerFact = (client: number, command: number, result: string): Fact<'client.answer'> => ({
  kind: 'client.answer',
  client,
  command,
  result,
  pid: 0,
  seq: 0,
  step: 0,
  tick: 0 as Tick,
  byUser: false,
  text: '',
})
