// A module the data worker loads on first use, so its start-up does not carry it: `load()`
// imports it once (every caller shares that import); `get()` reads it where a load is known to
// have finished, and says so plainly when it has not.
export interface LazyModule<M> {
	load(): Promise<M>;
	get(): M;
}

export function lazyModule<M>(name: string, importer: () => Promise<M>): LazyModule<M> {
	let mod: M | undefined;
	let loading: Promise<M> | null = null;
	return {
		load: () => (loading ??= importer().then((m) => (mod = m))),
		get: () => {
			if (mod === undefined) throw new Error(`${name} is used before it was loaded`);
			return mod;
		}
	};
}
