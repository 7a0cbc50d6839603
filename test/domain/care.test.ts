import { describe, expect, it } from 'vitest';
import { careKey, careTasks, type CareCustomer } from '../../src/lib/domain/care';
import { careOccasions, type Occasion } from '../../src/lib/domain/holidays';

const customers: CareCustomer[] = [
	{ id: 'k1', name: '华东科技有限公司', owner: 'm1' },
	{ id: 'k2', name: '深圳贸易', owner: 'm2' },
	{ id: 'k3', name: '张三', owner: '' }
];
const spring2026: Occasion = { type: 'holiday', key: 'springFestival', date: '2026-02-17' };

describe('holiday greetings', () => {
	it('makes one task per customer, due three days before, for its owner', () => {
		const tasks = careTasks({ occasion: spring2026, customers, existing: [], fallbackAssignee: 'me' });
		expect(tasks).toEqual([
			{
				title: { code: 'care.springFestival', params: { customer: '华东科技有限公司' } },
				customer: 'k1',
				contact: '',
				assignee: 'm1',
				due: '2026-02-14',
				careKey: 'springFestival:2026:k1'
			},
			{
				title: { code: 'care.springFestival', params: { customer: '深圳贸易' } },
				customer: 'k2',
				contact: '',
				assignee: 'm2',
				due: '2026-02-14',
				careKey: 'springFestival:2026:k2'
			},
			{
				title: { code: 'care.springFestival', params: { customer: '张三' } },
				customer: 'k3',
				contact: '',
				assignee: 'me',
				due: '2026-02-14',
				careKey: 'springFestival:2026:k3'
			}
		]);
	});
	it('is idempotent: a second run adds nothing, a partial one only what is missing', () => {
		const first = careTasks({ occasion: spring2026, customers, existing: [] });
		expect(careTasks({ occasion: spring2026, customers, existing: first })).toEqual([]);
		const again = careTasks({ occasion: spring2026, customers, existing: [{ careKey: 'springFestival:2026:k2' }, { careKey: '' }, {}] });
		expect(again.map((t) => t.customer)).toEqual(['k1', 'k3']);
	});
	it('keys by year, so next year greets again', () => {
		const next: Occasion = { type: 'holiday', key: 'springFestival', date: '2027-02-06' };
		const first = careTasks({ occasion: spring2026, customers, existing: [] });
		expect(careTasks({ occasion: next, customers, existing: first }).map((t) => t.careKey)).toEqual([
			'springFestival:2027:k1',
			'springFestival:2027:k2',
			'springFestival:2027:k3'
		]);
	});
	it('lists a customer chosen twice once', () => {
		expect(careTasks({ occasion: spring2026, customers: [customers[0], customers[0], { id: '', name: '', owner: 'm1' }], existing: [] })).toHaveLength(1);
	});
	it('takes the lead time in whole days, never negative', () => {
		const due = (leadDays: number) => careTasks({ occasion: spring2026, customers: [customers[0]], existing: [], leadDays })[0].due;
		expect(due(0)).toBe('2026-02-17');
		expect(due(7)).toBe('2026-02-10');
		expect(due(20)).toBe('2026-01-28');
		expect(due(2.9)).toBe('2026-02-15');
		expect(due(-5)).toBe('2026-02-17');
		expect(due(Number.NaN)).toBe('2026-02-14');
	});
	it('skips past occasions and is never due before today', () => {
		expect(careTasks({ occasion: spring2026, customers, existing: [], today: '2026-02-18' })).toEqual([]);
		expect(careTasks({ occasion: spring2026, customers, existing: [], today: '2026-02-16' })[0].due).toBe('2026-02-16');
		expect(careTasks({ occasion: spring2026, customers, existing: [], today: '2026-02-17' })[0].due).toBe('2026-02-17');
		expect(careTasks({ occasion: spring2026, customers, existing: [], today: '2026-02-01' })[0].due).toBe('2026-02-14');
	});
	it('names the workspace date in its title', () => {
		const occasion: Occasion = { type: 'workspace', key: 'date.w1', id: 'w1', name: '公司周年庆', date: '2025-06-18' };
		const [t] = careTasks({ occasion, customers: [customers[1]], existing: [] });
		expect(t.title).toEqual({ code: 'care.workspaceDate', params: { occasion: '公司周年庆', customer: '深圳贸易' } });
		expect(t.careKey).toBe('date.w1:2025:k2');
		expect(t.careKey).toBe(careKey('date.w1', 2025, 'k2'));
	});
});

describe('birthdays and anniversaries', () => {
	const birthday: Occasion = { type: 'birthday', key: 'birthday.c1', contact: 'c1', customer: 'k1', name: '王芳', date: '2025-03-05', years: 40 };

	it('links the contact and its company and goes to the company owner', () => {
		expect(careTasks({ occasion: birthday, customers, existing: [] })).toEqual([
			{
				title: { code: 'care.birthday', params: { name: '王芳' } },
				customer: 'k1',
				contact: 'c1',
				assignee: 'm1',
				due: '2025-03-02',
				careKey: 'birthday.c1:2025:k1'
			}
		]);
	});
	it('gives nothing when the company is not among the chosen customers', () => {
		expect(careTasks({ occasion: birthday, customers: customers.slice(1), existing: [] })).toEqual([]);
	});
	it('greets a person customer directly', () => {
		const occasion: Occasion = { type: 'anniversary', key: 'anniversary.k3', contact: '', customer: 'k3', name: '张三', date: '2025-12-25', years: 3 };
		const [t] = careTasks({ occasion, customers, existing: [], fallbackAssignee: 'me' });
		expect(t).toMatchObject({ title: { code: 'care.anniversary', params: { name: '张三' } }, customer: 'k3', contact: '', assignee: 'me', careKey: 'anniversary.k3:2025:k3' });
	});
	it('gives a contact without a company to the fallback assignee', () => {
		const occasion: Occasion = { type: 'birthday', key: 'birthday.c9', contact: 'c9', customer: '', name: '陈静', date: '2025-08-01' };
		const tasks = careTasks({ occasion, customers, existing: [], fallbackAssignee: 'me' });
		expect(tasks).toEqual([
			{ title: { code: 'care.birthday', params: { name: '陈静' } }, customer: '', contact: 'c9', assignee: 'me', due: '2025-07-29', careKey: 'birthday.c9:2025:' }
		]);
		expect(careTasks({ occasion, customers, existing: tasks, fallbackAssignee: 'me' })).toEqual([]);
	});
	it('keeps two contacts of one company apart', () => {
		const other: Occasion = { ...birthday, key: 'birthday.c2', contact: 'c2', name: '李伟' };
		const first = careTasks({ occasion: birthday, customers, existing: [] });
		expect(careTasks({ occasion: other, customers, existing: first })).toHaveLength(1);
	});
});

it('plans a whole year of holiday greetings from the care calendar, once', () => {
	const occasions = careOccasions('2025-01-01', '2025-12-31');
	const plan = (existing: Array<{ careKey: string }>) => occasions.flatMap((occasion) => careTasks({ occasion, customers, existing, today: '2025-01-01' }));
	const first = plan([]);
	expect(first).toHaveLength(occasions.length * customers.length);
	expect(new Set(first.map((t) => t.careKey)).size).toBe(first.length);
	// New Year's Day is today: its tasks are due today, not three days ago.
	expect(first.filter((t) => t.title.code === 'care.newYear').map((t) => t.due)).toEqual(['2025-01-01', '2025-01-01', '2025-01-01']);
	expect(plan(first)).toEqual([]);
});
