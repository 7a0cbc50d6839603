// Custom fields in the store: definitions, checked values on records, the list filter, backup.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createCustomer, updateCustomer } from '../../src/lib/store/customers';
import { createFieldDef, fieldDefs } from '../../src/lib/store/custom-fields';
import { WorkspaceStore } from '../../src/lib/store/workspace';
import { exportBackup, parseBackup, restoreBackup } from '../../src/lib/store/backup';
import { customerRow, DEFAULT_QUERY } from '../../src/lib/domain/customer-query';
import { RowIndex } from '../../src/lib/domain/row-index';
import { decodeRows, encodeRows } from '../../src/lib/persistence/projection';

let clock = 1_770_000_000_000;
const ctx = { memberId: 'm', now: () => ++clock };
const ok = <T>(r: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value;
};

function workspace() {
	const ws = new WorkspaceStore(new Y.Doc());
	ws.init({ memberId: 'm', profile: { name: 'M', color: '#000' }, name: 'T' });
	const level = ok(createFieldDef(ws, { recordType: 'customer', label: '客户等级', kind: 'select', options: ['A', 'B', 'C'], required: true }, ctx));
	const budget = ok(createFieldDef(ws, { recordType: 'customer', label: 'Budget', kind: 'number', options: [] }, ctx));
	return { ws, level: `cf_${level}`, budget: `cf_${budget}` };
}

describe('custom fields', () => {
	it('refuses a duplicate label and a choice field without choices', () => {
		const { ws } = workspace();
		expect(createFieldDef(ws, { recordType: 'customer', label: '客户等级', kind: 'text', options: [] }, ctx).ok).toBe(false);
		expect(createFieldDef(ws, { recordType: 'customer', label: 'Tier', kind: 'select', options: [] }, ctx).ok).toBe(false);
		expect(fieldDefs(ws, 'customer').map((d) => d.label)).toEqual(['客户等级', 'Budget']);
	});

	it('checks values on create and update: required, choices, numbers written the Chinese way', () => {
		const { ws, level, budget } = workspace();
		expect(createCustomer(ws, { name: 'X' }, ctx)).toEqual({ ok: false, errors: [{ field: level, code: 'required' }] });
		const bad = createCustomer(ws, { name: 'X', [level]: 'D', [budget]: 'lots' } as never, ctx);
		expect(bad.ok ? [] : bad.errors.map((e) => e.code).sort()).toEqual(['invalidChoice', 'numberInvalid']);
		const id = ok(createCustomer(ws, { name: 'X', [level]: 'a', [budget]: '1.5万' } as never, ctx));
		expect(ws.customers.get(id)).toMatchObject({ [level]: 'A', [budget]: 15000 });
		ok(updateCustomer(ws, id, { [budget]: '2,000' } as never, ctx));
		expect(ws.customers.get(id)![budget]).toBe(2000);
		expect(ws.history.forRecord(id)[0].ch).toEqual([[budget, 15000, 2000]]);
	});

	it('filters the customer list by a custom field, also after the projection is saved and read back', () => {
		const { ws, level, budget } = workspace();
		const a = ok(createCustomer(ws, { name: 'A', [level]: 'A', [budget]: 500 } as never, ctx));
		ok(createCustomer(ws, { name: 'B', [level]: 'B', [budget]: 5000 } as never, ctx));
		const rows = [...ws.customers.ids()].map((id) => customerRow(ws.customers.get(id)!, 0));
		const index = new RowIndex(new Intl.Collator('en'));
		index.reset(decodeRows(encodeRows(rows)));
		const ids = (q: typeof DEFAULT_QUERY) => {
			const h = index.run(q);
			return h.slice(0, h.total).map((i) => index.rows[i].id);
		};
		expect(ids({ ...DEFAULT_QUERY, custom: { key: level, kind: 'select', filter: { op: 'equals', value: 'A' } } })).toEqual([a]);
		expect(ids({ ...DEFAULT_QUERY, custom: { key: budget, kind: 'number', filter: { op: 'range', min: 1000 } } })).toHaveLength(1);
		expect(ids({ ...DEFAULT_QUERY, custom: { key: budget, kind: 'number', filter: { op: 'range', max: 100 } } })).toEqual([]);
	});

	it('keeps definitions and values through a backup', () => {
		const { ws, level } = workspace();
		const id = ok(createCustomer(ws, { name: 'X', [level]: 'C' } as never, ctx));
		const parsed = parseBackup(JSON.stringify(exportBackup(ws, 'w')));
		if (!parsed.ok) throw new Error('bad backup');
		const copy = new WorkspaceStore(new Y.Doc());
		restoreBackup(copy.doc, parsed.value);
		expect(fieldDefs(copy, 'customer').map((d) => d.label)).toEqual(['客户等级', 'Budget']);
		expect(copy.customers.get(id)![level]).toBe('C');
	});
});
