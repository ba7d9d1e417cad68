import { ruleTitle, type MomentMark, type SimEvent } from '../engine/index.ts'
import { hueOfKey, type Interval, type LogIndex, type MarkKind, type MarkRecord } from './logTypes.ts'

/** Marks, intervals and per-process records from the non-message events of the log. */

function mark(idx: LogIndex, e: SimEvent, m: Omit<MarkRecord, 'seq' | 'step' | 'tick' | 'text'>): void {
  idx.marks.push({ ...m, seq: e.seq, step: e.step, tick: e.tick, text: e.text })
}

/**
 * Note what the module says about a lane (a ballot its proposer runs, a decision) for the lanes'
 * own status line, drawn when the app passes no lane faces (the lecture panels).
 */
export function onLaneNote(idx: LogIndex, e: SimEvent): void {
  const note = idx.module.app.laneNote?.(e)
  if (!note) return
  if (note.kind === 'running') {
    const list = idx.phases.get(note.pid) ?? []
    list.push({ seq: e.seq, step: e.step, running: note.running })
    idx.phases.set(note.pid, list)
  } else {
    const list = idx.decisions.get(note.pid) ?? []
    list.push({ seq: e.seq, step: e.step, value: note.value })
    idx.decisions.set(note.pid, list)
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
  if (e.kind === 'invariant.violated') {
    const label = `⚠ Violated: ${ruleTitle(idx.module, e.rule)}`
    mark(idx, e, { kind: 'violation', pid: null, pids: e.pids, label, hue: null })
  }
}

const MARK_OF_MOMENT: Record<MomentMark['kind'], MarkKind> = {
  attempt: 'ballot',
  leader: 'adopt',
  failed: 'ballot-failed',
  progress: 'chosen',
  decide: 'decide',
}

/** A moment the protocol module marks (a ballot, a campaign, a chosen value or slot, a decision). */
export function onModuleMark(idx: LogIndex, e: SimEvent): void {
  const m = idx.module.app.mark(e)
  if (!m) return
  const hue = m.colourKey === null ? null : hueOfKey(idx, m.colourKey)
  mark(idx, e, { kind: MARK_OF_MOMENT[m.kind], pid: m.pid, pids: m.pids, label: m.label, hue })
}
