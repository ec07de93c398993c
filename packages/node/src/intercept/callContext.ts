/**
 * Where the thread is, for the interceptors of every capability: inside an intercepted call (whose
 * own calls of other intercepted functions are part of it, not calls of their own), or inside Node's
 * module loader (whose reads are never counted).
 */
export interface CallContext {
  /** Intercepted calls in progress, synchronously: while not 0, a call is part of another. */
  nested: number;
  /** `require` loads in progress outside any module's own code: their calls never count. */
  loading: number;
}

/** The one context of this thread. */
export const callContext: CallContext = { nested: 0, loading: 0 };
