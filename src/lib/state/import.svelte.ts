// The import flow: pick a record type and a file, read it in the import worker, map its
// columns (remembered per set of headers), check every row there with progress and Cancel,
// then hand the rows to the data worker as one undoable batch.
import type { Encoding } from '../domain/import/encoding';
import { mappingKey, type ImportKind } from '../domain/import/mapping';
import type { RowProblem } from '../domain/import/rows';
import type { FileError } from '../domain/import/table';
import type { WorkspaceClient } from '../worker/client';
import type { ImportCheck, ImportMode, ImportReadResult } from '../worker/protocol';
import type { RpcError } from '../worker/rpc';

const MAPPINGS_KEY = 'rapport.importMappings';

type Read = Extract<ImportReadResult, { ok: true }>;
export type ImportPhase = 'choose' | 'reading' | 'checking' | 'checked' | 'writing' | 'done';
export interface ImportDone {
	added: number;
	updated: number;
	skipped: number;
	skippedErrors: number;
	cancelled: boolean;
	batchId: string;
}

function remembered(): Record<string, string[]> {
	try {
		return JSON.parse(localStorage.getItem(MAPPINGS_KEY) ?? '{}') as Record<string, string[]>;
	} catch {
		return {};
	}
}

export class ImportFlow {
	kind = $state<ImportKind>('customers');
	encoding = $state<Encoding | 'auto'>('auto');
	phase = $state<ImportPhase>('choose');
	file = $state.raw<File | null>(null);
	read = $state.raw<Read | null>(null);
	fileError = $state.raw<FileError | null>(null);
	mapping = $state.raw<string[]>([]);
	check = $state.raw<ImportCheck | null>(null);
	progress = $state.raw<{ done: number; total: number } | null>(null);
	/** What to do with rows matching existing records, overall and per file row. */
	mode = $state<ImportMode>('update');
	modes = $state.raw<Record<number, ImportMode>>({});
	done = $state.raw<ImportDone | null>(null);
	failure = $state<string | null>(null);
	/** Rows the store refused when writing (nothing was written). */
	refused = $state.raw<RowProblem[]>([]);
	#job = 0;
	#readToken = 0;
	#batchId = '';
	#bytes: ArrayBuffer | null = null;
	#off: Array<() => void> = [];

	constructor(
		readonly client: WorkspaceClient,
		readonly owner: string
	) {
		const importer = client.importer();
		this.#off.push(
			importer.on('progress', (p) => {
				if (p.job === this.#job && this.phase === 'checking') this.progress = { done: p.done, total: p.total };
			}),
			client.data.on('import', (p) => {
				if (p.batchId === this.#batchId && this.phase === 'writing') this.progress = { done: p.done, total: p.total };
			})
		);
	}

	dispose(): void {
		for (const off of this.#off) off();
		if (this.phase === 'checking') void this.cancel();
	}

	async setFile(file: File | null): Promise<void> {
		this.file = file;
		this.#bytes = file ? await file.arrayBuffer() : null;
		await this.#read();
	}

	async setEncoding(e: Encoding | 'auto'): Promise<void> {
		this.encoding = e;
		await this.#read();
	}

	async setKind(k: ImportKind): Promise<void> {
		this.kind = k;
		await this.#read();
	}

	/** Maps column `i` to `field` ('' = not imported), remembers it and checks again. */
	async setColumn(i: number, field: string): Promise<void> {
		const next = this.mapping.map((f, k) => (k === i ? field : f === field && field ? '' : f));
		this.mapping = next;
		if (this.read) {
			const all = remembered();
			all[mappingKey(this.read.headers, this.kind)] = next;
			localStorage.setItem(MAPPINGS_KEY, JSON.stringify(all));
		}
		await this.#check();
	}

	async #read(): Promise<void> {
		await this.cancel();
		this.read = null;
		this.fileError = null;
		this.check = null;
		this.done = null;
		this.failure = null;
		this.refused = [];
		this.modes = {};
		if (!this.#bytes || !this.file) {
			this.phase = 'choose';
			return;
		}
		this.phase = 'reading';
		const token = ++this.#readToken;
		// A copy crosses to the worker; the original stays for a re-read with another encoding.
		const copy = this.#bytes.slice(0);
		const res = await this.client.importer().call('read', { bytes: copy, name: this.file.name, encoding: this.encoding, kind: this.kind }, [copy]);
		// Cancelled, or another file or encoding chosen meanwhile.
		if (token !== this.#readToken) return;
		if (!res.ok) {
			this.fileError = res.error;
			this.phase = 'choose';
			return;
		}
		const saved = remembered()[mappingKey(res.headers, this.kind)];
		this.mapping = saved && saved.length === res.headers.length ? saved : res.mapping;
		this.read = res;
		await this.#check();
	}

	async #check(): Promise<void> {
		if (!this.read) return;
		const job = ++this.#job;
		this.phase = 'checking';
		this.check = null;
		this.progress = { done: 0, total: this.read.rows };
		try {
			const res = await this.client.importer().call('check', { job, kind: this.kind, mapping: [...this.mapping], owner: this.owner });
			if (job !== this.#job) return;
			this.progress = null;
			if (res.cancelled) {
				this.phase = 'choose';
				return;
			}
			this.check = res;
			this.phase = 'checked';
		} catch (e) {
			if (job !== this.#job) return;
			this.failure = (e as RpcError).message;
			this.phase = 'choose';
		}
	}

	/** Stops the check or the write running now (a write takes back what it wrote). */
	async cancel(): Promise<void> {
		if (this.phase === 'reading') {
			this.#readToken++;
			this.phase = 'choose';
		} else if (this.phase === 'checking') {
			const job = this.#job++;
			this.progress = null;
			this.phase = 'choose';
			await this.client.importer().call('cancel', { job });
		} else if (this.phase === 'writing' && this.#batchId) {
			await this.client.data.call('cancelImport', { batchId: this.#batchId });
		}
	}

	setMode(line: number, mode: ImportMode): void {
		this.modes = { ...this.modes, [line]: mode };
	}

	async confirm(): Promise<void> {
		if (this.phase !== 'checked' || !this.file) return;
		this.phase = 'writing';
		this.refused = [];
		this.#batchId = crypto.randomUUID();
		this.progress = { done: 0, total: this.check?.valid ?? 0 };
		try {
			const res = await this.client.importer().call('confirm', { mode: this.mode, modes: this.modes, label: this.file.name, batchId: this.#batchId });
			this.progress = null;
			if (!res.ok) {
				this.refused = res.problems;
				this.phase = 'checked';
				return;
			}
			this.done = { added: res.added, updated: res.updated, skipped: res.skipped, skippedErrors: res.skippedErrors, cancelled: res.cancelled, batchId: res.batchId };
			this.phase = 'done';
		} catch (e) {
			this.progress = null;
			this.failure = (e as RpcError).message;
			this.phase = 'checked';
		}
	}

	/** Takes the finished import back (every row added removed, every row updated reverted). */
	async undo(): Promise<boolean> {
		if (!this.done) return false;
		const res = await this.client.data.call('undoImport', { batchId: this.done.batchId });
		if (res.ok) this.done = { ...this.done, cancelled: true };
		return res.ok;
	}
}
