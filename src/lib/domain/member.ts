import type { RecordMeta } from './record';

export const ROLES = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** A person in the workspace; records name members by id as owner, createdBy, updatedBy. */
export interface Member extends RecordMeta {
	name: string;
	color: string;
	role: Role;
	[extra: string]: unknown;
}

export const MEMBER_COLORS = [
	'#1f77b4',
	'#d62728',
	'#2ca02c',
	'#9467bd',
	'#ff7f0e',
	'#17becf',
	'#8c564b',
	'#e377c2'
] as const;

/** Display name for a member id, falling back to a short form of the id. */
export function memberLabel(members: ReadonlyMap<string, Pick<Member, 'name'>>, id: string): string {
	const m = members.get(id);
	return m?.name || (id ? id.slice(0, 6) : '');
}
