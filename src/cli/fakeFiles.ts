import { strToU8 } from 'fflate'
import type { ReadFile } from './readInput.ts'

/** For tests: a fake file system where a path maps to file text (or bytes); else "not found". */
export function files(map: Record<string, string | Uint8Array>): ReadFile {
  return (path: string) => {
    const content = map[path]
    if (content === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })
    return { bytes: typeof content === 'string' ? strToU8(content) : content }
  }
}
