// Short messages at the bottom of the screen, optionally with one action such as "Undo".
import { newId } from '../domain/ids';

export interface Toast {
	id: string;
	text: string;
	action?: { label: string; run: () => void | Promise<void> };
	kind: 'info' | 'error';
}

class Toasts {
	list = $state.raw<Toast[]>([]);

	show(text: string, opts: { action?: Toast['action']; kind?: Toast['kind']; ms?: number } = {}): string {
		const toast: Toast = { id: newId(), text, action: opts.action, kind: opts.kind ?? 'info' };
		this.list = [...this.list, toast];
		const ms = opts.ms ?? (opts.action ? 10000 : 5000);
		if (ms > 0) setTimeout(() => this.dismiss(toast.id), ms);
		return toast.id;
	}

	dismiss(id: string) {
		this.list = this.list.filter((t) => t.id !== id);
	}
}

export const toasts = new Toasts();
