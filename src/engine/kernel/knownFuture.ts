/**
 * The events after a run's current point that the run is known to log: those a seek back cut off
 * (the run is deterministic, so replaying logs them again). A seek forward within them may restore
 * a later snapshot instead of replaying (see `Simulator.seek`).
 */
export class KnownFuture<E> {
  private ahead: E[] = []
  /** The first of `ahead` not logged again yet. */
  private from = 0

  /** The run logged its next event: the next known one, if any, is behind it now. */
  logged(): void {
    if (this.from < this.ahead.length) this.from++
  }

  /** How many of the run's events are known, when `logLength` are logged. */
  knownLength(logLength: number): number {
    return logLength + this.ahead.length - this.from
  }

  /** A restore cuts `log` back to `length`: keep the events it cuts off, before the known rest. */
  cut(log: E[], length: number): void {
    this.ahead = log.slice(length).concat(this.ahead.slice(this.from))
    this.from = 0
    log.length = length
  }

  /** A restore forward, within the known events: log them again up to `length`. */
  refill(log: E[], length: number): void {
    while (log.length < length) log.push(this.ahead[this.from++] as E)
  }

  /** A fork: the events known to come next were the old future's. */
  forget(): void {
    this.ahead = []
    this.from = 0
  }
}
