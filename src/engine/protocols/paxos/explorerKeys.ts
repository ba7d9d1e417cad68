import { ballotKey } from './ballot.ts'
import type { AcceptedPair, Ballot, GhostState, PaxosProc, Payload } from './types.ts'

/**
 * Canonical keys for the explorer's schedule search: equal keys, equal futures. Every field of
 * the state is either read here or listed in `IGNORED` with the reason (a test checks this
 * against real states, so a new field cannot be forgotten). Pure.
 */

const b = (x: Ballot | null): string => (x ? ballotKey(x) : '-')
const pair = (x: AcceptedPair | null): string => (x ? `${ballotKey(x.ballot)}=${x.value}` : '-')
const sortedEntries = (r: Record<string, number>): string =>
  Object.entries(r)
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join(',')

export function payloadKey(p: Payload): string {
  switch (p.type) {
    case 'prepare':
      return `1a${b(p.ballot)}`
    case 'promise':
      return `1b${b(p.ballot)}:${pair(p.accepted)}`
    case 'reject':
      return `nk${p.phase}${b(p.ballot)}:${b(p.promised)}`
    case 'accept':
      return `2a${b(p.ballot)}=${p.value}`
    case 'accepted':
      return `2b${b(p.ballot)}=${p.value}`
    case 'decide':
      return `dc${b(p.ballot)}=${p.value}`
    case 'learned':
      return `ln${b(p.ballot)}=${p.value}`
  }
}

export function procKey(s: PaxosProc): string {
  const a = s.acceptor
  const pr = s.proposer
  return (
    `${b(a.promised)}/${pair(a.accepted)}` +
    `|${pr.phase}${b(pr.ballot)}:${pr.ownValue ?? ''}:${pr.value ?? ''}:${pr.promises}:${pr.rejects}:${pr.accepteds}` +
    `:${pair(pr.highest)}:${pr.maxRoundSeen}:${pr.attempt}` +
    `|${pair(s.learner.decided)}:${sortedEntries(s.learner.tallies)}:${s.learner.informed}:${s.learner.disagreed}`
  )
}

export function ghostKey(g: GhostState): string {
  return (
    `${g.chosen.map(pair).join(',')}|${g.decisions.map((d) => `${d.pid}${d.value}`).join(',')}` +
    `|${g.maxPromised.map(b).join(',')}|${g.proposed.join(',')}|${sortedEntries(g.votes)}`
  )
}

/** Fields the keys leave out on purpose, and why. */
export const IGNORED: Readonly<Record<string, string>> = {
  'proposer.adoptedFrom':
    'only narrates where the phase-2 value came from; `value` decides what happens next',
  'proposer.highestFrom':
    'only names, in the narration, which acceptor reported `highest`; `highest` itself is keyed',
  'ghost.quorum': 'fixed for the whole run',
  'ghost.reported':
    'only keeps a violation from being reported twice; the search stops at its first goal, and the violation count is keyed',
}
