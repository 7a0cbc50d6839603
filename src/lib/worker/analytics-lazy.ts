// The analytics service, loaded on its first use: it builds after the activities have loaded,
// so its code (domain/analytics) stays out of what the data worker downloads to open a workspace.
import type { AnalyticsHost, AnalyticsService } from './analytics-service';

/** The service's methods, each answering asynchronously. */
export type LazyAnalytics = {
	[K in keyof AnalyticsService as AnalyticsService[K] extends (...a: never[]) => unknown ? K : never]: AnalyticsService[K] extends (...a: infer A) => infer R
		? (...a: A) => Promise<Awaited<R>>
		: never;
};

export function lazyAnalytics(host: AnalyticsHost): LazyAnalytics {
	let service: Promise<AnalyticsService> | null = null;
	const load = () => (service ??= import('./analytics-service').then((m) => new m.AnalyticsService(host)));
	return new Proxy({} as LazyAnalytics, {
		get:
			(_, name) =>
			async (...args: unknown[]) => {
				const s = (await load()) as unknown as Record<string | symbol, (...a: unknown[]) => unknown>;
				return s[name](...args);
			}
	});
}
