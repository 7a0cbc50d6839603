// A token bucket per connection, for messages and for bytes. A message is always let
// through (even one larger than the bucket: a first sync may be tens of megabytes); the
// bucket then goes into debt and `take` says how long the connection must stay paused for
// the debt to be paid back. Pausing the socket lets TCP push back on the client instead of
// dropping anything.

export interface RateLimit {
	/** Sustained messages per second. */
	messagesPerSecond: number;
	/** Messages allowed in a burst. */
	messageBurst: number;
	/** Sustained bytes per second. */
	bytesPerSecond: number;
	/** Bytes allowed in a burst. */
	byteBurst: number;
}

/** The default clock: one function for every limiter (a default closure would be one per connection). */
const monotonicNow = (): number => performance.now();

export class RateLimiter {
	#messages: number;
	#bytes: number;
	#at: number;

	constructor(
		readonly limit: RateLimit,
		readonly now: () => number = monotonicNow
	) {
		this.#messages = limit.messageBurst;
		this.#bytes = limit.byteBurst;
		this.#at = now();
	}

	/** Count one message of `size` bytes; returns the milliseconds to pause (0: go on). */
	take(size: number): number {
		const { messagesPerSecond, messageBurst, bytesPerSecond, byteBurst } = this.limit;
		const t = this.now();
		const elapsed = (t - this.#at) / 1000;
		this.#at = t;
		this.#messages = Math.min(messageBurst, this.#messages + elapsed * messagesPerSecond) - 1;
		this.#bytes = Math.min(byteBurst, this.#bytes + elapsed * bytesPerSecond) - size;
		const wait = Math.max(-this.#messages / messagesPerSecond, -this.#bytes / bytesPerSecond, 0);
		return Math.ceil(wait * 1000);
	}
}
