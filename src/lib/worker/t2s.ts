// Traditional → simplified Chinese for matching (opencc-js "t2cn", 108 KB): loaded on first
// use inside a worker, never in the first screen's bundle.
import type { Convert } from '../domain/import/match';

let loading: Promise<Convert> | null = null;

/** The converter, loaded once. */
export function loadT2s(): Promise<Convert> {
	loading ??= import('opencc-js/t2cn').then((m) => m.Converter({ from: 't', to: 'cn' }));
	return loading;
}
