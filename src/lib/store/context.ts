/** Who is writing and when: every write is stamped with a member id and a time. */
export interface WriteContext {
	memberId: string;
	/** Milliseconds since the epoch; injectable so tests can order writes. */
	now?: () => number;
}

export function stamp(ctx: WriteContext): { at: number; by: string } {
	return { at: (ctx.now ?? Date.now)(), by: ctx.memberId };
}
