import { declareFaultAttr, decideFault, errno, type FaultDecision, isFailure } from '@errinject/core';

/**
 * A tiny append-only journal with its own fault-injection capability, declared the way a kernel
 * subsystem declares `failslab`: every append asks the capability whether to fail, passing the
 * record's size in bytes (what `space` counts).
 */
export const failJournalWrite = declareFaultAttr('fail_journal_write');

/** The outcome of one append, with the capability's reason. */
export interface AppendResult {
  /** 0 on success, a negative errno on failure, as a kernel write returns. */
  readonly status: number;
  /** Why the capability let the call through or failed it. */
  readonly decision: FaultDecision;
}

/** The journal: records in memory, each append asking `fail_journal_write` first. */
export class Journal {
  private readonly records: string[] = [];

  /**
   * Appends a record, unless the capability fails the call with -EIO.
   *
   * @param record - the text to append
   * @returns the status and the capability's decision
   */
  append(record: string): AppendResult {
    const decision = decideFault(failJournalWrite, Buffer.byteLength(record));
    if (isFailure(decision)) return { status: -errno.EIO, decision };
    this.records.push(record);
    return { status: 0, decision };
  }

  /** How many records were written. */
  get size(): number {
    return this.records.length;
  }
}
