// What a long task was made of: a Chrome trace of a page's load (the browser's own task and
// timeline events, no sampling profiler), and for each long task the main-thread task that
// contained it — its wall time, the main thread's CPU time within it, and the events inside.
// Wall time far above CPU time means the thread was waiting for a core (the two cores are shared
// with the app's workers, the browser's other processes and the machine's other tenants), not
// running the app's code.

const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'disabled-by-default-v8.gc', 'blink.user_timing'];
// Container events: their time is the task's, not a part of it.
const WRAPPERS = new Set(['ThreadControllerImpl::RunTask', 'RunTask', 'v8.callFunction', 'FunctionCall', 'TimerFire', 'RunMicrotasks', 'V8.StackGuard', 'V8.HandleInterrupts', 'EventDispatch', 'HandlePostMessage']);

// V8's phases of a collection, inside its MajorGC / MinorGC event.
const NESTED_GC = /^V8\.GC(_|FinalizeMC|HandleGCRequest|Scavenger|Compactor)/;

/** Starts tracing the page's tab; `stop()` ends it and returns the trace events. */
export async function startTrace(page) {
	const cdp = await page.context().newCDPSession(page);
	const events = [];
	cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
	await cdp.send('Tracing.start', { categories: CATEGORIES.join(','), transferMode: 'ReportEvents' });
	return {
		async stop() {
			const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
			await cdp.send('Tracing.end');
			await complete;
			await cdp.detach();
			return events;
		}
	};
}

/**
 * The main-thread task behind each long task (`[start, duration]` in the page's clock, from the
 * Long Tasks API): `{ start, wall, cpu, kind, parts }`, parts being the largest events inside it
 * with their milliseconds (an event nested in another is counted in both). The page's clock is found in the trace from `anchor`: the navigation to
 * a URL ending with `anchor.pathname` (its time origin), or a user-timing mark named `anchor.mark`
 * made at `anchor.at` on the clock of `longtasks` (0 when their times are counted from the mark).
 */
export function attributeLongTasks(events, longtasks, anchor) {
	const found = anchor.pathname
		? events.find((e) => e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL ?? '').endsWith(anchor.pathname))
		: events.find((e) => e.name === anchor.mark && String(e.cat).includes('user_timing'));
	if (!found) return longtasks.map(([start, duration]) => ({ start, wall: duration, cpu: null, kind: '', parts: 'the page is not in the trace' }));
	const origin = found.ts - (anchor.pathname ? 0 : anchor.at * 1000);
	const main = events.filter((e) => e.pid === found.pid && e.tid === found.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
	// Chrome's top-level task event (older builds name it RunTask).
	const topName = main.some((e) => e.name === 'ThreadControllerImpl::RunTask') ? 'ThreadControllerImpl::RunTask' : 'RunTask';
	return longtasks.map(([start, duration]) => {
		const at = origin + start * 1000;
		// The top-level task that overlaps the long task most.
		let task = null;
		let best = 0;
		for (const e of main) {
			if (e.name !== topName) continue;
			const overlap = Math.min(e.ts + e.dur, at + duration * 1000) - Math.max(e.ts, at);
			if (overlap > best) [task, best] = [e, overlap];
		}
		if (!task) return { start, wall: duration, cpu: null, kind: '', parts: 'no task found' };
		const parts = new Map();
		for (const e of main) {
			if (e === task || e.ts < task.ts || e.ts >= task.ts + task.dur || WRAPPERS.has(e.name) || NESTED_GC.test(e.name)) continue;
			parts.set(e.name, (parts.get(e.name) ?? 0) + e.dur);
		}
		const top = [...parts].filter(([, us]) => us >= 500).sort((a, b) => b[1] - a[1]).slice(0, 6);
		return {
			start,
			wall: Math.round(task.dur / 1000),
			cpu: task.tdur == null ? null : Math.round(task.tdur / 1000),
			kind: task.args?.src_func ?? '',
			parts: top.map(([name, us]) => `${name} ${(us / 1000).toFixed(1)}`).join(', ')
		};
	});
}

/** One attributed task in words, for the bench's log and report. */
export function describeTask(a) {
	return `${a.wall} ms of wall time, ${a.cpu ?? '?'} ms of it on the main thread's core (${a.kind || 'task'}: ${a.parts})`;
}
