/**
 * API requests being answered right now, so that background work on the embedded database (one connection) can
 * give way to people: the full demo's load waits for a quiet moment between its transactions.
 */
let inFlight = 0

export const requestsInFlight = (): number => inFlight

/** Counts the request while `next` answers it. */
export async function counted<T>(next: () => Promise<T>): Promise<T> {
  inFlight++
  try {
    return await next()
  } finally {
    inFlight--
  }
}

/**
 * Resolves once no request is being answered, or after `maxMs` (a steady stream must not stop the work); with
 * whether any request was being answered when called (people were waiting for the work before).
 */
export async function whenRequestsIdle(maxMs: number, pollMs = 5): Promise<boolean> {
  const waited = inFlight > 0
  const until = Date.now() + maxMs
  while (inFlight > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, pollMs))
  return waited
}
