import {
  formatBallot,
  ruleTitle,
  type EventOf,
  type MomentMark,
  type SimEvent,
  type Value,
} from '../engine/index.ts'
import { hueOf, hueOfKey, type Interval, type LogIndex, type MarkKind, type MarkRecord } from './logTypes.ts'

/** Marks, intervals and per-process records from the non-message events of the log. */

function mark(idx: LogIndex, e: SimEvent, m: Omit<MarkRecord, 'seq' | 'step' | 'tick' | 'text'>): void {
  idx.marks.push({ ...m, seq: e.seq, step: e.step, tick: e.tick, text: e.text })
}

const failureWord = { rejected: 'rejected', timeout: 'timed out', preempted: 'preempted' } as const

export function onPhase(idx: LogIndex, e: EventOf<'proposer.phase'>): void {
  const list = idx.phases.get(e.pid) ?? []
  list.push({ seq: e.seq, step: e.step, phase: e.phase, ballot: e.ballot })
  idx.phases.set(e.pid, list)
  const b = e.ballot
  if (!b) return
  const hue = hueOf(idx, b)
  const base = { pid: e.pid, pids: [e.pid], hue }
  if (e.phase === 'preparing') {
    mark(idx, e, { ...base, kind: 'ballot', label: `ballot ${formatBallot(b)} for ${e.value ?? '?'}` })
  } else if (e.phase === 'accepting' && e.adoptedFrom) {
    const from = formatBallot(e.adoptedFrom.ballot)
    mark(idx, e, { ...base, kind: 'adopt', label: `adopts ${e.adoptedFrom.value} from ${from}` })
  } else if ((e.phase === 'waiting' || e.phase === 'abandoned') && e.failure) {
    const label = `${formatBallot(b)} ${failureWord[e.failure.reason]}`
    mark(idx, e, { ...base, kind: 'ballot-failed', label })
  }
}

function closeInterval(i: Interval, e: SimEvent): void {
  i.toStep = e.step
  i.toTick = e.tick
}

export function onProcess(idx: LogIndex, e: SimEvent): void {
  switch (e.kind) {
    case 'proc.crash':
      idx.down.push({
        pid: e.pid,
        fromSeq: e.seq,
        fromStep: e.step,
        fromTick: e.tick,
        toStep: null,
        toTick: null,
      })
      return mark(idx, e, { kind: 'crash', pid: e.pid, pids: [e.pid], label: 'crashed', hue: null })
    case 'proc.recover': {
      for (const d of idx.down) if (d.pid === e.pid && d.toStep === null) closeInterval(d, e)
      return mark(idx, e, { kind: 'recover', pid: e.pid, pids: [e.pid], label: 'recovered', hue: null })
    }
    case 'net.partition':
    case 'net.heal': {
      const open = idx.partitions[idx.partitions.length - 1]
      if (open && open.toStep === null) closeInterval(open, e)
      if (e.kind === 'net.partition') {
        idx.partitions.push({
          groups: e.groups,
          fromStep: e.step,
          fromTick: e.tick,
          toStep: null,
          toTick: null,
        })
      }
      return
    }
  }
}

export function onOutcome(idx: LogIndex, e: SimEvent): void {
  if (e.kind === 'learner.decide') {
    const list = idx.decisions.get(e.pid) ?? []
    list.push({ seq: e.seq, step: e.step, value: e.value })
    idx.decisions.set(e.pid, list)
    const label = `decided ${valueText(e.value)}`
    mark(idx, e, { kind: 'decide', pid: e.pid, pids: [e.pid], label, hue: hueOf(idx, e.ballot) })
  } else if (e.kind === 'value.chosen') {
    const label = `★ chosen ${valueText(e.value)} (ballot ${formatBallot(e.ballot)})`
    mark(idx, e, { kind: 'chosen', pid: null, pids: e.acceptors, label, hue: hueOf(idx, e.ballot) })
  } else if (e.kind === 'invariant.violated') {
    const label = `⚠ Violated: ${ruleTitle(idx.module, e.rule)}`
    mark(idx, e, { kind: 'violation', pid: null, pids: e.pids, label, hue: null })
  }
}

const valueText = (v: Value): string => v

const MARK_OF_MOMENT: Record<MomentMark['kind'], MarkKind> = {
  attempt: 'ballot',
  leader: 'adopt',
  failed: 'ballot-failed',
  progress: 'chosen',
}

/** A moment the protocol module marks itself (a campaign, a new leader, a chosen slot). */
export function onModuleMark(idx: LogIndex, e: SimEvent): void {
  const m = idx.module.app?.mark(e)
  if (!m) return
  const hue = m.colourKey === null ? null : hueOfKey(idx, m.colourKey)
  mark(idx, e, { kind: MARK_OF_MOMENT[m.kind], pid: m.pid, pids: m.pids, label: m.label, hue })
}
