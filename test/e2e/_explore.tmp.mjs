import { chromium } from 'playwright-core';
import { createStaticServer } from '/work/main/scripts/serve.js';
const server = await createStaticServer({ root: '/tmp/buildcopy', port: 0, host: '127.0.0.1' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const delay of [0, 0, 30, 30, 60, 60, 100, 100, 150, 200]) {
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
const page = await ctx.newPage();
const out = [];
page.on('pageerror', e => out.push('PAGEERROR ' + e.message));
page.on('console', m => m.type() === 'error' && out.push('CONSOLE ' + m.text()));
await page.goto(server.url + 'customers');
await page.getByRole('button', { name: 'Load sample data' }).waitFor();
await page.getByRole('link', { name: 'Settings', exact: true }).click();
await page.getByRole('textbox', { name: 'Name of the new workspace' }).fill('Team B');
await page.getByRole('button', { name: 'New workspace', exact: true }).click();
await page.waitForFunction(() => document.title === 'Team B · Rapport');
await page.getByRole('link', { name: 'Customers', exact: true }).click();
await page.getByRole('button', { name: 'Load sample data' }).waitFor();
const sw = page.getByRole('banner').getByRole('combobox', { name: 'Workspace' });
await sw.selectOption({ label: 'My workspace' });
if (delay) await page.waitForTimeout(delay);
await sw.selectOption({ label: 'Team B' });
await page.waitForTimeout(1500);
const state = await page.evaluate(() => ({ title: document.title, sel: document.querySelector('header select').selectedOptions[0].textContent }));
console.log(delay, JSON.stringify(state), out);
await ctx.close();
}
await browser.close(); await server.close();
