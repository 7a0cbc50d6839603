// lazyModule: one import shared by every caller; reading it before a load has finished is a
// plain error naming the module, not an undefined property deep in a command.
import { describe, expect, it } from 'vitest';
import { lazyModule } from '../../src/lib/worker/lazy-module';

describe('lazyModule', () => {
	it('imports once, then reads the loaded module', async () => {
		let imports = 0;
		const m = lazyModule('test/module', async () => {
			imports++;
			return { answer: 42 };
		});
		expect(() => m.get()).toThrow('test/module is used before it was loaded');
		const [a, b] = await Promise.all([m.load(), m.load()]);
		expect(a).toBe(b);
		expect(imports).toBe(1);
		expect(m.get().answer).toBe(42);
	});
});
