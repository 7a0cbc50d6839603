// The workspace document: its collections, settings and change log.
import type * as Y from 'yjs';
import { emptyCustomer, type Customer } from '../domain/customer';
import { emptyContact, type Contact } from '../domain/contact';
import type { Member } from '../domain/member';
import type { OccasionRecord } from '../domain/occasion';
import type { CustomFieldDef } from '../domain/custom-fields';
import { emptyTask, type Task } from '../domain/task';
import { MEMBER_COLORS } from '../domain/member';
import type { RecordMeta } from '../domain/record';
import { emptySegment } from '../domain/analytics/segment-record';
import type { SegmentFields } from '../domain/analytics/types';
import { Collection } from './collection';
import type { WriteContext } from './context';
import { stamp } from './context';
import { HistoryLog } from './history';
import { ORIGIN, SCHEMA_VERSION, SETTINGS } from './schema';

type AnyRecord = RecordMeta & { [k: string]: unknown };

export interface Profile {
	name: string;
	color: string;
}

export class WorkspaceStore {
	readonly history: HistoryLog;
	readonly members: Collection<Member>;
	readonly customers: Collection<Customer>;
	readonly contacts: Collection<Contact>;
	readonly tasks: Collection<Task>;
	/** The workspace's own dates for the care calendar. */
	readonly occasions: Collection<OccasionRecord>;
	/** Custom field definitions per record type. */
	readonly fields: Collection<CustomFieldDef & RecordMeta>;
	/** Saved customer segments (analytics), shared with the team. */
	readonly segments: Collection<SegmentFields & RecordMeta>;
	readonly settings: Y.Map<unknown>;

	constructor(readonly doc: Y.Doc) {
		this.history = new HistoryLog(doc);
		this.members = new Collection<Member>(doc, 'members', this.history);
		this.customers = new Collection<Customer>(doc, 'customers', this.history, emptyCustomer('') as unknown as Record<string, unknown>);
		this.contacts = new Collection<Contact>(doc, 'contacts', this.history, emptyContact() as unknown as Record<string, unknown>);
		this.tasks = new Collection<Task>(doc, 'tasks', this.history, emptyTask('') as unknown as Record<string, unknown>);
		this.occasions = new Collection<OccasionRecord>(doc, 'occasions', this.history);
		this.fields = new Collection<CustomFieldDef & RecordMeta>(doc, 'fields', this.history, { options: [] });
		this.segments = new Collection<SegmentFields & RecordMeta>(doc, 'segments', this.history, emptySegment() as unknown as Record<string, unknown>);
		this.settings = doc.getMap(SETTINGS);
	}

	/** A collection by name, for generic code (backup, export). */
	collection(name: string): Collection<AnyRecord> | undefined {
		const c = (this as unknown as Record<string, unknown>)[name];
		return c instanceof Collection ? (c as Collection<AnyRecord>) : undefined;
	}

	get name(): string {
		return String(this.settings.get('name') ?? '');
	}

	get schemaVersion(): number {
		return Number(this.settings.get('schemaVersion') ?? 0);
	}

	/**
	 * Makes sure the document has its settings and that `memberId` is a member, creating the
	 * member from the local profile on first open. Writes only what is missing.
	 */
	init({ memberId, profile, name, now }: { memberId: string; profile: Profile; name: string; now?: () => number }): void {
		const ctx: WriteContext = { memberId, now };
		const { at } = stamp(ctx);
		const missingMember = !this.members.has(memberId);
		const version = this.schemaVersion;
		if (!missingMember && this.settings.has('name') && version >= SCHEMA_VERSION) return;
		this.doc.transact(() => {
			if (!this.settings.has('name')) this.settings.set('name', name);
			if (!this.settings.has('createdAt')) this.settings.set('createdAt', at);
			// Never lower the version: a newer app may have written this document.
			if (version < SCHEMA_VERSION) this.settings.set('schemaVersion', SCHEMA_VERSION);
			if (missingMember) {
				const first = this.members.size === 0;
				this.members.put({
					id: memberId,
					name: profile.name,
					color: profile.color || MEMBER_COLORS[0],
					role: first ? 'owner' : 'editor',
					createdAt: at,
					createdBy: memberId,
					updatedAt: at,
					updatedBy: memberId
				});
			}
		}, ORIGIN.init);
	}

	rename(name: string, ctx: WriteContext): void {
		const clean = name.trim();
		if (!clean || clean === this.name) return;
		void ctx;
		this.doc.transact(() => this.settings.set('name', clean), ORIGIN.local);
	}

	/** Active (not deleted) members. */
	memberList(): Member[] {
		const out: Member[] = [];
		for (const id of this.members.ids()) {
			const l = this.members.load(id);
			if (l && !l.deletion) out.push(l.record);
		}
		return out.sort((a, b) => a.createdAt - b.createdAt);
	}
}
