import { closeSync, fstatSync, openSync, readSync } from 'node:fs'

/**
 * Reading a scenario file for the CLI without trusting its size: a regular file larger than the
 * limit is refused from its size alone, and anything else (a pipe, /dev/zero, a FIFO) is read
 * only until it passes the limit, so no input can make the CLI grow without bound.
 */

/** A file's bytes, or its size (exact or a lower bound) when that is over `maxBytes`. */
export type FileRead = { readonly bytes: Uint8Array } | { readonly tooLarge: number; readonly exact: boolean }

/** Reads a file for a scenario. Throws Node's errors (ENOENT, EACCES, EISDIR, …) for the caller. */
export type ReadFile = (path: string, maxBytes: number) => FileRead

export function readFileCapped(path: string, maxBytes: number): FileRead {
  const fd = openSync(path, 'r')
  try {
    const stat = fstatSync(fd)
    if (stat.isFile() && stat.size > maxBytes) return { tooLarge: stat.size, exact: true }
    // One byte more than allowed tells "exactly at the limit" from "over it".
    const buffer = new Uint8Array(maxBytes + 1)
    let length = 0
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null)
      if (n === 0) break
      length += n
    }
    if (length > maxBytes) return { tooLarge: length, exact: false }
    return { bytes: buffer.subarray(0, length) }
  } finally {
    closeSync(fd)
  }
}
