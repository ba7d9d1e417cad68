/**
 * Turns the explorer's violation (a path of state ids) into readable steps: each consecutive pair
 * of states differs by exactly one message, which names the action that sent it.
 *
 * Pure: no DOM, no clocks, no randomness.
 */
import { chosenValues } from './agreement.ts'
import type { SpecExplorer } from './spec.ts'
import { acceptorName, formatMessage, valueName, type SpecMessage, type Universe } from './universe.ts'

export interface SpecStep {
  readonly action: 'Phase1a' | 'Phase1b' | 'Phase2a' | 'Phase2b'
  /** The action with its parameters, e.g. `Phase2a(b=1, v=v2)`. */
  readonly label: string
  /** What happened, in the project's vocabulary (prepare, promise, accept, accepted). */
  readonly description: string
  /** The message this step sends (acceptors and values 0-based). */
  readonly message: SpecMessage
  /** The same message in the spec's record notation. */
  readonly messageText: string
  /** Phase2a only: a quorum whose ballot-b 1b messages make the value safe. */
  readonly quorum?: readonly string[]
}

export interface ChosenWitness {
  readonly value: string
  readonly ballot: number
  readonly quorum: readonly string[]
}

export interface SpecViolation {
  /** Number of steps: BFS finds no shorter path to two chosen values. */
  readonly depth: number
  readonly steps: readonly SpecStep[]
  /** For each value chosen in the final state: a ballot and quorum that chose it. */
  readonly chosen: readonly ChosenWitness[]
}

const hasBit = (bits: Uint32Array, i: number): boolean => ((bits[i >>> 5] as number) & (1 << (i & 31))) !== 0
const members = (u: Universe, mask: number): string[] =>
  Array.from({ length: u.acceptors }, (_, a) => a)
    .filter((a) => mask & (1 << a))
    .map(acceptorName)

/** The one message in `after` and not in `before`. */
function addedMessage(u: Universe, before: Uint32Array, after: Uint32Array): number {
  for (let i = 0; i < u.messages.length; i++) if (!hasBit(before, i) && hasBit(after, i)) return i
  throw new Error('consecutive states must differ by one message')
}

/** A quorum that lets Phase2a(b, v) fire in `bits`, following the spec's rule for safe values. */
function justifyingQuorum(u: Universe, bits: Uint32Array, b: number, v: number): number {
  for (const q of u.quorums) {
    const votes: { mbal: number; mval: number }[] = []
    for (let a = 0; a < u.acceptors; a++) {
      if (!(q & (1 << a))) continue
      const m = u.messages.findIndex(
        (x, i) => x.type === '1b' && x.acc === a && x.bal === b && hasBit(bits, i),
      )
      const msg = u.messages[m]
      if (msg?.type !== '1b') break
      votes.push({ mbal: msg.mbal, mval: msg.mval })
    }
    if (votes.length !== u.quorumSize) continue
    const top = Math.max(...votes.map((x) => x.mbal))
    if (top < 0 || votes.some((x) => x.mbal === top && x.mval === v)) return q
  }
  return 0
}

function describeStep(u: Universe, before: Uint32Array, m: SpecMessage): SpecStep {
  const base = { message: m, messageText: formatMessage(m) }
  switch (m.type) {
    case '1a':
      return {
        ...base,
        action: 'Phase1a',
        label: `Phase1a(b=${m.bal})`,
        description: `prepare ballot ${m.bal}`,
      }
    case '1b': {
      const vote = m.mbal < 0 ? 'no vote yet' : `last voted ${valueName(m.mval)} in ballot ${m.mbal}`
      return {
        ...base,
        action: 'Phase1b',
        label: `Phase1b(a=${acceptorName(m.acc)})`,
        description: `${acceptorName(m.acc)} promises ballot ${m.bal} (${vote})`,
      }
    }
    case '2a': {
      const quorum = members(u, justifyingQuorum(u, before, m.bal, m.val))
      return {
        ...base,
        action: 'Phase2a',
        label: `Phase2a(b=${m.bal}, v=${valueName(m.val)})`,
        description: `accept ${valueName(m.val)} in ballot ${m.bal}, safe by the promises of {${quorum.join(', ')}}`,
        quorum,
      }
    }
    case '2b':
      return {
        ...base,
        action: 'Phase2b',
        label: `Phase2b(a=${acceptorName(m.acc)})`,
        description: `${acceptorName(m.acc)} accepted ${valueName(m.val)} in ballot ${m.bal}`,
      }
  }
}

/** For each chosen value, the lowest ballot and first quorum that chose it. */
export function chosenWitnesses(u: Universe, bits: Uint32Array): ChosenWitness[] {
  return chosenValues(u, bits).map((v) => {
    for (let b = 0; b < u.ballots; b++) {
      for (const q of u.quorums2) {
        let all = true
        for (let a = 0; a < u.acceptors; a++)
          if (q & (1 << a) && !hasBit(bits, u.index2b(a, b, v))) all = false
        if (all) return { value: valueName(v), ballot: b, quorum: members(u, q) }
      }
    }
    throw new Error('a chosen value has a ballot and a quorum')
  })
}

/** The explorer's violation as steps, or null when it found none. */
export function explainViolation(
  explorer: Pick<SpecExplorer, 'universe' | 'violationPath' | 'stateBits'>,
): SpecViolation | null {
  const path = explorer.violationPath()
  if (path === null) return null
  const u = explorer.universe
  const states = path.map((id) => explorer.stateBits(id))
  const steps: SpecStep[] = []
  for (let k = 1; k < states.length; k++) {
    const before = states[k - 1] as Uint32Array
    const m = u.messages[addedMessage(u, before, states[k] as Uint32Array)] as SpecMessage
    steps.push(describeStep(u, before, m))
  }
  const last = states[states.length - 1] as Uint32Array
  return { depth: steps.length, steps, chosen: chosenWitnesses(u, last) }
}
