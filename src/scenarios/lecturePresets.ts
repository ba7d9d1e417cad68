import { LECTURE_BUGS } from './lectureBugs.ts'
import { LECTURE_STORIES } from './lectureStories.ts'
import type { Preset } from './presets.ts'

/**
 * Single-decree Paxos's lecture examples (data only): the worked examples of PAXOS.md with their
 * beats, questions (predictions.ts) and explorer defaults, then the broken variants. presets.ts
 * looks them up.
 */
export const LECTURE_PRESETS: readonly Preset[] = [...LECTURE_STORIES, ...LECTURE_BUGS]
