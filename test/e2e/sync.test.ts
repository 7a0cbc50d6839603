// Two browsers sharing a workspace through a real relay (in this process, on its own port, so
// the relay is cross-origin to the app): connect as owner with a token from the relay's CLI,
// invite, join, live edits, offline edits on both sides that merge, a same-field conflict that
// converges, a member made a viewer becomes read-only, rotated invites stop joining, and
// revocation shown to the revoked member.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Dialog, Page } from 'playwright-core';
import { startTestRelay, type TestRelay } from '../relay/helpers';
import { collectConsoleErrors, newContext, repoRoot, useAppAndBrowser, waitForServiceWorker } from './harness';
import { createCustomer, detail, expectResults, fillCustomerForm, openCustomers, rowNames, customerTable } from './crm';

const run = promisify(execFile);
const e2e = useAppAndBrowser();
let relay: TestRelay;

beforeAll(async () => {
	relay = await startTestRelay({ logLevel: 'warn' });
});
afterAll(async () => {
	await relay?.close();
});

const t0 = Date.now();
/** Progress on stderr, so a timeout says where it stopped. */
function step(what: string) {
	if (process.env.E2E_STEPS) console.error(`[sync e2e ${Date.now() - t0} ms] ${what}`);
}

function syncStatus(page: Page) {
	return page.getByRole('status', { name: 'Sync status' });
}

async function expectStatus(page: Page, text: string | RegExp, timeout = 15_000) {
	await expect.poll(async () => ((await syncStatus(page).textContent()) ?? '').trim(), { timeout, interval: 50 }).toMatch(text);
}

/** Edits a customer through its Edit form and waits to be back on its page. */
async function edit(page: Page, id: string, fields: Parameters<typeof fillCustomerForm>[1]) {
	await page.goto(e2e.app.at(`/customers/${id}/edit`));
	await page.getByRole('textbox', { name: 'Name', exact: true }).waitFor();
	await fillCustomerForm(page, fields);
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await page.waitForURL((url) => url.pathname === `/customers/${id}`);
}

async function expectDetail(page: Page, label: string, value: string | RegExp) {
	await expect.poll(() => detail(page, label), { timeout: 15_000, interval: 50 }).toMatch(value);
}

describe('sync through the relay', () => {
	test('invite, join, live edits, offline merge, convergence and revocation', async () => {
		const a = await newContext(e2e.browser);
		const b = await newContext(e2e.browser);
		try {
			const pageA = await a.newPage();
			const pageB = await b.newPage();
			const errorsA = collectConsoleErrors(pageA);
			const errorsB = collectConsoleErrors(pageB);
			for (const p of [pageA, pageB]) p.on('dialog', (d: Dialog) => void d.accept());

			// A: a customer, then connect the workspace as its owner.
			step('A: a customer, then connect the workspace as its owner.');
			await openCustomers(pageA, e2e.app);
			await expectStatus(pageA, 'On this device only');
			const id = await createCustomer(pageA, { name: '华强科技', phones: ['13800138000'], stage: 'Prospect', city: 'Shenzhen' });
			await pageA.getByRole('button', { name: 'Share', exact: true }).click();
			const dialog = pageA.getByRole('dialog', { name: 'Share this workspace' });
			const command = (await dialog.locator('pre').textContent()) ?? '';
			const [, workspace, member] = /--workspace (\S+) .*--member (\S+)/.exec(command) ?? [];
			expect(workspace).toBeTruthy();
			const { stdout } = await run(
				'npm',
				['run', '--silent', 'relay', '--', 'token', '--data', relay.dataDir, '--workspace', workspace, '--role', 'owner', '--member', member, '--name', 'Ann'],
				{ cwd: repoRoot }
			);
			const token = stdout.trim();
			expect(token).toMatch(/^\S{20,}$/);
			await dialog.getByRole('textbox', { name: 'Relay address' }).fill(relay.relay.origin);
			await dialog.getByRole('textbox', { name: 'Owner token' }).fill(token);
			await dialog.getByRole('button', { name: 'Connect' }).click();
			await expectStatus(pageA, 'Up to date');

			// A invites an editor; B opens the link, joins and sees the customer.
			step('A invites an editor; B opens the link, joins and sees the customer.');
			await dialog.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Editor' });
			expect(await dialog.getByRole('combobox', { name: 'Role' }).locator('option').allTextContents()).toEqual(['Editor', 'Viewer']);
			await dialog.getByRole('button', { name: 'Create invite' }).click();
			const link = await dialog.getByRole('textbox', { name: 'Invite link' }).inputValue();
			expect(link).toMatch(new RegExp(`^${e2e.app.url}join#relay=.+&code=.+`));
			await dialog.getByRole('button', { name: 'Close' }).click();

			await pageB.goto(link);
			await pageB.waitForURL(/\/customers$/, { timeout: 15_000 });
			await expectStatus(pageB, 'Up to date');
			await expectResults(pageB, 1);
			expect(await rowNames(customerTable(pageB))).toEqual(['华强科技']);

			// Live: an edit in A appears on B's open customer page.
			step("Live: an edit in A appears on B's open customer page.");
			await pageB.goto(e2e.app.at(`/customers/${id}`));
			await expectDetail(pageB, 'City', 'Shenzhen');
			await edit(pageA, id, { city: 'Guangzhou' });
			await expectDetail(pageB, 'City', 'Guangzhou');

			// Presence: A is back on this customer's page, so B sees A online and viewing it.
			step('Presence: B sees A online and on the same customer.');
			await expect.poll(() => pageB.getByRole('list', { name: 'Online now' }).getByRole('listitem').count(), { timeout: 15_000 }).toBe(1);
			await expect.poll(async () => (await pageB.getByText(/^Also viewing:/).textContent()) ?? '', { timeout: 15_000 }).toBe('Also viewing: Me');

			// Both offline: A changes the phone, B the stage.
			step('Both offline: A changes the phone, B the stage.');
			// Pages open with the network off only once the service worker has installed (it
			// precaches every chunk; on a busy machine that can outlast the steps above).
			for (const p of [pageA, pageB]) await waitForServiceWorker(p);
			await a.setOffline(true);
			await b.setOffline(true);
			await expectStatus(pageA, /^Offline/);
			await expectStatus(pageB, /^Offline/);
			await edit(pageA, id, { phones: ['13900139000'] });
			await edit(pageB, id, { stage: 'Customer' });
			await expectStatus(pageA, 'Offline — 1 change not yet on the relay');
			await expectStatus(pageB, 'Offline — 1 change not yet on the relay');
			// Nothing crossed while offline.
			expect(await detail(pageB, 'Phone')).toMatch(/138\s?0013\s?8000|13800138000/);
			expect(await detail(pageA, 'Stage')).toBe('Prospect');
			await a.setOffline(false);
			await b.setOffline(false);
			await expectStatus(pageA, 'Up to date');
			await expectStatus(pageB, 'Up to date');
			for (const p of [pageA, pageB]) {
				await expectDetail(p, 'Phone', /139\s?0013\s?9000|13900139000/);
				await expectDetail(p, 'Stage', 'Customer');
			}

			// The same field on both sides converges to one value everywhere.
			step('The same field on both sides converges to one value everywhere.');
			await a.setOffline(true);
			await b.setOffline(true);
			await expectStatus(pageA, /^Offline/);
			await expectStatus(pageB, /^Offline/);
			await edit(pageA, id, { city: 'Dongguan' });
			await edit(pageB, id, { city: 'Foshan' });
			await a.setOffline(false);
			await b.setOffline(false);
			await expectStatus(pageA, 'Up to date');
			await expectStatus(pageB, 'Up to date');
			await expect
				.poll(async () => [await detail(pageA, 'City'), await detail(pageB, 'City')], { timeout: 15_000, interval: 50 })
				.toSatisfy(([x, y]: string[]) => x === y && (x === 'Dongguan' || x === 'Foshan'));

			// A makes B a viewer: B's app becomes read-only.
			step("A makes B a viewer: B's app becomes read-only.");
			await pageA.getByRole('button', { name: 'Share', exact: true }).click();
			const members = dialog.getByRole('listitem');
			await expect.poll(() => members.count(), { timeout: 10_000 }).toBe(2);
			const other = members.filter({ hasNotText: '(you)' });
			const nameB = ((await other.locator('.name').textContent()) ?? '').trim();
			expect(nameB).toBeTruthy();
			const access = dialog.getByRole('combobox', { name: `Access level of ${nameB}`, exact: true });
			expect(await access.inputValue()).toBe('editor');
			await access.selectOption({ label: 'Viewer' });
			await expect.poll(() => access.inputValue(), { timeout: 10_000 }).toBe('viewer');
			const readOnlyNote = pageB.getByRole('note').filter({ hasText: 'You can view this workspace but not change it' });
			await expect.poll(() => readOnlyNote.isVisible(), { timeout: 15_000, interval: 50 }).toBe(true);
			await expectStatus(pageB, 'Up to date');
			await pageB.goto(e2e.app.at('/customers'));
			await expectResults(pageB, 1);
			expect(await pageB.getByRole('button', { name: 'New customer' }).count()).toBe(0);
			expect(await readOnlyNote.isVisible()).toBe(true);
			await pageB.goto(e2e.app.at(`/customers/${id}`));
			await expectDetail(pageB, 'Stage', 'Customer');

			// A rotates invites: the link B used no longer joins.
			step('A rotates invites: the old link no longer joins.');
			await dialog.getByRole('button', { name: 'Rotate invites' }).click();
			await expect.poll(() => dialog.getByText('Earlier invite links no longer work.').isVisible(), { timeout: 10_000 }).toBe(true);
			const c = await newContext(e2e.browser);
			try {
				const pageC = await c.newPage();
				await pageC.goto(link);
				const alert = pageC.getByRole('alert');
				await expect.poll(async () => ((await alert.textContent().catch(() => '')) ?? '').trim(), { timeout: 15_000 }).toBe(
					'This invite link no longer works: it has expired or the owner has replaced the invites. Ask the workspace owner for a new link.'
				);
			} finally {
				await c.close();
			}

			// A revokes B: B's app says so and stops syncing.
			step("A revokes B: B's app says so and stops syncing.");
			await other.getByRole('button', { name: 'Revoke access' }).click();
			await expectStatus(pageB, 'Access revoked — ask the workspace owner for a new invite');
			await expect.poll(() => other.textContent()).toContain('access revoked');
			// A's later edit does not reach B.
			step("A's later edit does not reach B.");
			await dialog.getByRole('button', { name: 'Close' }).click();
			await edit(pageA, id, { city: 'Zhuhai' });
			await expectStatus(pageA, 'Up to date');
			await new Promise((r) => setTimeout(r, 300));
			expect(await detail(pageB, 'City')).not.toBe('Zhuhai');

			expect(errorsA).toEqual([]);
			expect(errorsB).toEqual([]);
		} finally {
			await a.close();
			await b.close();
		}
	}, 120_000);
});
