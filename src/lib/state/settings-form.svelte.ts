// A workspace settings panel's form: loaded (and reloaded when the workspace's settings change)
// unless this person is editing, saved through one command with its problems by field and a
// toast when it is kept.
import type { FieldError } from '../domain/validate';
import type { CommandResult } from '../worker/protocol';
import type { WorkspaceClient } from '../worker/client';
import { formCommand } from './actions';
import { ignoreClosed } from './records.svelte';
import { session } from './session.svelte';
import { toasts } from './toasts.svelte';

export class SettingsForm<F, V> {
	form: F = $state() as F;
	dirty = $state(false);
	saving = $state(false);
	errors = $state.raw<FieldError[]>([]);

	/** Create while a component initialises. */
	constructor(initial: F, load: (client: WorkspaceClient) => Promise<V>, toForm: (value: V) => F) {
		this.form = initial;
		$effect(() => {
			void session.info;
			const client = session.client;
			if (!client) return;
			load(client)
				.then((v) => {
					if (!this.dirty) this.form = toForm(v);
				})
				.catch(ignoreClosed);
		});
	}

	/** The person changed something: keep their edits, clear the last problems. */
	edit = (): void => {
		this.dirty = true;
		this.errors = [];
	};

	/** Saves with `command`; `saved` is the toast once it is kept. */
	async save(command: (client: WorkspaceClient) => Promise<CommandResult<unknown>>, saved: string): Promise<void> {
		this.saving = true;
		try {
			let errs: FieldError[] = [];
			const res = await formCommand(command, (x) => (errs = x));
			this.errors = errs;
			if (res) {
				this.dirty = false;
				toasts.show(saved);
			}
		} finally {
			this.saving = false;
		}
	}
}
