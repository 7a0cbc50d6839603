// Counters for GET /metrics. Gauges (rooms, connections, memory) are read when asked.

import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** The event-loop delay histogram records the time between samples taken this often. */
const LOOP_SAMPLE_MS = 10;

export class Metrics {
	readonly startedAt = Date.now();
	connectionsAccepted = 0;
	connectionsRefused = 0;
	messagesIn = 0;
	bytesIn = 0;
	messagesOut = 0;
	bytesOut = 0;
	updatesApplied = 0;
	/** Updates received that would have changed nothing (not applied). */
	updatesUnchanged = 0;
	viewerUpdatesDropped = 0;
	flushes = 0;
	flushErrors = 0;
	updatesStored = 0;
	bytesStored = 0;
	acksSent = 0;
	roomsLoaded = 0;
	roomsUnloaded = 0;
	deadPeers = 0;
	rateLimited = 0;
	/** Times a peer fell behind (unread output over --max-buffered-bytes) and was skipped. */
	peersBehind = 0;
	/** Catch-ups sent to peers that had fallen behind, once they had read their backlog. */
	catchUps = 0;
	/** Close codes the relay sent, by code. */
	readonly closes: Record<string, number> = {};
	/** How late the event loop ran its timers: whether anything blocks it (store, Yjs work). */
	#loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS });

	constructor() {
		this.#loopDelay.enable();
	}

	/** Stop sampling the event loop (the relay is closing). */
	close(): void {
		this.#loopDelay.disable();
	}

	countClose(code: number): void {
		this.closes[code] = (this.closes[code] ?? 0) + 1;
	}

	/**
	 * A JSON-ready snapshot, with the gauges the caller supplies. `eventLoopDelayMs` covers the
	 * time since the previous snapshot (each one starts a new measurement).
	 */
	snapshot(gauges: Record<string, number>): Record<string, unknown> {
		const mem = process.memoryUsage();
		const { startedAt, closes, ...counters } = this;
		const delay = this.#loopDelay;
		// How much later than due each sample ran.
		const ms = (ns: number) => Math.max(0, Math.round(ns / 1e4) / 100 - LOOP_SAMPLE_MS);
		const eventLoopDelayMs = delay.count
			? { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) }
			: null;
		delay.reset();
		return {
			uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
			...gauges,
			...counters,
			closes: { ...closes },
			memory: { rss: mem.rss, heapUsed: mem.heapUsed, external: mem.external },
			eventLoopDelayMs
		};
	}
}
