// A minimal typed request/response channel over postMessage, used between the main thread
// and the workers and between the two workers. Messages:
//   { t: 'call', id, m, a }         request method m with argument a
//   { t: 'res', id, ok, v | e }     its result, or an error message
//   { t: 'ev', n, d }               an event pushed without a request

export interface Endpoint {
	postMessage(message: unknown, transfer?: Transferable[]): void;
	addEventListener(type: 'message', listener: (ev: MessageEvent) => void): void;
	start?: () => void;
}

type Fn = (arg: never) => unknown;
export type Api = Record<string, Fn>;
type Arg<F> = F extends (arg: infer A) => unknown ? A : never;
type Ret<F> = F extends (arg: never) => infer R ? Awaited<R> : never;

/** An error that crossed the worker boundary; `code` is a stable reason for the UI. */
export class RpcError extends Error {
	constructor(
		message: string,
		readonly code: string
	) {
		super(message);
	}
}

/** Answers calls on `ep` with `handlers`; returns a function to push events. */
export function serve<A extends Api, E extends Record<string, unknown>>(ep: Endpoint, handlers: A) {
	ep.addEventListener('message', async (ev: MessageEvent) => {
		const msg = ev.data;
		if (!msg || msg.t !== 'call') return;
		const fn = handlers[msg.m as keyof A];
		try {
			if (!fn) throw new RpcError(`Unknown method ${msg.m}`, 'unknownMethod');
			const v = await fn(msg.a as never);
			ep.postMessage({ t: 'res', id: msg.id, ok: true, v });
		} catch (err) {
			const e = err as { message?: string; code?: string; name?: string };
			ep.postMessage({ t: 'res', id: msg.id, ok: false, e: String(e?.message ?? err), c: e?.code ?? e?.name ?? 'error' });
		}
	});
	ep.start?.();
	return <K extends keyof E & string>(name: K, data: E[K]) => ep.postMessage({ t: 'ev', n: name, d: data });
}

/** Calls methods served on `ep` and receives its events. */
export class RpcClient<A extends Api, E extends Record<string, unknown>> {
	#next = 1;
	#pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	#listeners = new Map<string, Set<(d: never) => void>>();

	constructor(readonly ep: Endpoint) {
		ep.addEventListener('message', (ev: MessageEvent) => {
			const msg = ev.data;
			if (msg?.t === 'res') {
				const p = this.#pending.get(msg.id);
				if (!p) return;
				this.#pending.delete(msg.id);
				if (msg.ok) p.resolve(msg.v);
				else p.reject(new RpcError(msg.e, msg.c));
			} else if (msg?.t === 'ev') {
				for (const fn of this.#listeners.get(msg.n) ?? []) fn(msg.d as never);
			}
		});
		ep.start?.();
	}

	call<K extends keyof A & string>(m: K, a: Arg<A[K]>, transfer?: Transferable[]): Promise<Ret<A[K]>> {
		const id = this.#next++;
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
			this.ep.postMessage({ t: 'call', id, m, a }, transfer ?? []);
		});
	}

	on<K extends keyof E & string>(name: K, fn: (d: E[K]) => void): () => void {
		let set = this.#listeners.get(name);
		if (!set) this.#listeners.set(name, (set = new Set()));
		set.add(fn as (d: never) => void);
		return () => set!.delete(fn as (d: never) => void);
	}

	/** Fails every call still waiting (the worker is gone). */
	failAll(reason: string): void {
		for (const p of this.#pending.values()) p.reject(new RpcError(reason, 'closed'));
		this.#pending.clear();
	}
}
