// Draws charts one per task: a screen with many charts becomes several short tasks rather than
// one long one, so input stays responsive while a dashboard opens.

const queue: Array<() => void> = [];
let scheduled = false;

function step() {
	scheduled = false;
	queue.shift()?.();
	if (queue.length) schedule();
}

function schedule() {
	if (scheduled) return;
	scheduled = true;
	setTimeout(step, 0);
}

/** Runs `draw` in a task of its own after those queued before it; returns a cancel function. */
export function drawInTurn(draw: () => void): () => void {
	queue.push(draw);
	schedule();
	return () => {
		const i = queue.indexOf(draw);
		if (i >= 0) queue.splice(i, 1);
	};
}
