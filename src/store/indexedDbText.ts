/**
 * The browser's IndexedDB as a place to keep text under a record name: one database, one object
 * store, one record per kept run (persistence.ts). Each operation is one transaction that has
 * committed when its promise resolves.
 */

const DB_NAME = 'synod'
const DB_STORE = 'work'

/** Where the text of the work is kept. */
export interface Backend {
  read(): Promise<string | null>
  write(text: string): Promise<void>
  remove(): Promise<void>
}

/** A request's result as a promise. */
function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

let dbPromise: Promise<IDBDatabase> | null = null

function openDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1)
    req.onupgradeneeded = () => req.result.createObjectStore(DB_STORE)
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
    req.onblocked = () => reject(new Error('blocked'))
  }).catch((e: unknown) => {
    dbPromise = null
    throw e
  })
  return dbPromise
}

/** One transaction on the work store; resolves when it has committed. */
async function inStore<T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb()
  const tx = db.transaction(DB_STORE, mode)
  const result = done(op(tx.objectStore(DB_STORE)))
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error ?? new Error('aborted'))
  })
  return result
}

export const indexedRecord = (record: string): Backend => ({
  read: async () => {
    const v = await inStore('readonly', (s) => s.get(record))
    return typeof v === 'string' ? v : null
  },
  write: async (text) => void (await inStore('readwrite', (s) => s.put(text, record))),
  remove: async () => void (await inStore('readwrite', (s) => s.delete(record))),
})

export const hasIndexedDb = (): boolean => {
  try {
    return typeof indexedDB !== 'undefined' && indexedDB !== null
  } catch {
    return false
  }
}
