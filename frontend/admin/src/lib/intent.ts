// Idempotency keys for money operations: one key per operation the operator means to do, not
// per click. A retry after a timeout or a lost answer sends the same key, so the server
// records the sale once; changing what is asked (amount, account, channel …) is another
// operation with a fresh key.

/** Keys for the operations of one form: the same intent keeps its key until it succeeds. */
export class IntentKeys {
  private intent?: string;
  private key?: string;

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  /** The key for intent (any stable description of the operation, e.g. JSON of its input). */
  keyFor(intent: string): string {
    if (this.intent !== intent || !this.key) {
      this.intent = intent;
      this.key = this.newKey();
    }
    return this.key;
  }

  /** The operation succeeded: the next one, even if identical, is a new operation. */
  done() {
    this.intent = undefined;
    this.key = undefined;
  }
}
