import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYTICS, readAnalyticsSettings, validateAnalyticsSettings } from '../../../src/lib/domain/analytics/settings';

describe('analytics settings', () => {
	it('fills what is missing from the defaults', () => {
		expect(readAnalyticsSettings(undefined)).toEqual(DEFAULT_ANALYTICS);
		expect(readAnalyticsSettings({ aTierDays: 14, maturity: { ownerShare: [0.4, 0.7, 0.9] } })).toMatchObject({ aTierDays: 14, tierShares: { a: 0.8, b: 0.15 }, maturity: { ownerShare: [0.4, 0.7, 0.9], ticketsPastSla: [0.3, 0.15, 0.05] } });
	});

	it('names each wrong setting, with the level of a wrong threshold', () => {
		const { errors } = validateAnalyticsSettings({
			tierShares: { a: 0.9, b: 0.2 },
			aTierDays: 0,
			churnFactor: 0.5,
			churnMinOrders: 1,
			maturity: { ...DEFAULT_ANALYTICS.maturity, ownerShare: [0.5, 0.4, 0.95], ordersCancelled: [0.2, 0.3, 0.03] }
		});
		expect(errors).toEqual([
			{ field: 'tierShares.b', code: 'numberInvalid' },
			{ field: 'aTierDays', code: 'numberInvalid' },
			{ field: 'churnMinOrders', code: 'numberInvalid' },
			{ field: 'churnFactor', code: 'numberInvalid' },
			{ field: 'maturity.ownerShare', index: 1, code: 'numberInvalid' },
			{ field: 'maturity.ordersCancelled', index: 1, code: 'numberInvalid' }
		]);
		expect(validateAnalyticsSettings({ tierShares: { a: 0.7, b: 0.2 } }).errors).toEqual([]);
	});
});
