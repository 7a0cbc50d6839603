// The customer lifecycle (客户阶段): potential → prospect → customer moves forward (going back is a
// correction and needs a reason); any
// stage can be lost, with a reason; a lost customer comes back only as a prospect, by a
// win-back (赢回), which is flagged so the team can see who was won back.
import { STAGES, type Stage } from './customer';

/** Why a stage change is refused (codes the UI translates). */
export type TransitionError = 'invalidStage' | 'sameStage' | 'backward' | 'reasonRequired' | 'winBackRequired' | 'lostToProspectOnly';

/** Lifecycle fields stored on a customer next to its CustomerFields. */
export interface LifecycleFields {
	stage: Stage;
	/** When the stage last changed (epoch ms). */
	stageChangedAt: number;
	/** Why the customer was lost; kept after a win-back so the record still says why. */
	lostReason: string;
	/** When the customer was last lost (epoch ms); kept after a win-back. */
	lostAt: number;
	/** Set by a win-back; cleared when the customer is lost again. */
	winBack: boolean;
	/** When the customer was last won back (epoch ms). */
	winBackAt: number;
}

/** One stage change, as kept in a customer's history. */
export interface StageChange {
	from: Stage;
	to: Stage;
	at: number;
	by: string;
	reason?: string;
	winBack?: boolean;
}

export interface TransitionOptions {
	reason?: string;
	winBack?: boolean;
}

const RANK: Record<Stage, number> = { potential: 0, prospect: 1, customer: 2, lost: 3 };

/** Whether a customer may move from one stage to another, and every reason it may not. */
export function transition(from: Stage, to: Stage, { reason = '', winBack = false }: TransitionOptions = {}): { ok: boolean; errors: TransitionError[] } {
	const errors: TransitionError[] = [];
	if (!STAGES.includes(from) || !STAGES.includes(to)) errors.push('invalidStage');
	else if (from === to) errors.push('sameStage');
	else if (to === 'lost') {
		if (!reason.trim()) errors.push('reasonRequired');
	} else if (from === 'lost') {
		if (to !== 'prospect') errors.push('lostToProspectOnly');
		else if (!winBack) errors.push('winBackRequired');
	} else if (RANK[to] < RANK[from] && !reason.trim()) errors.push('backward');
	return { ok: errors.length === 0, errors };
}

export type StageChangeResult =
	| { ok: true; patch: Partial<LifecycleFields>; change: StageChange }
	| { ok: false; errors: TransitionError[] };

/**
 * The fields to write for a stage change and the history entry, or why it is refused. Only
 * changed fields are in the patch: a win-back leaves `lostReason` and `lostAt` as they were.
 */
export function changeStage(
	customer: Pick<LifecycleFields, 'stage'>,
	to: Stage,
	{ at, by, reason, winBack = false }: TransitionOptions & { at: number; by: string }
): StageChangeResult {
	const from = customer.stage;
	const check = transition(from, to, { reason, winBack });
	if (!check.ok) return { ok: false, errors: check.errors };
	const why = reason?.trim() ?? '';
	const change: StageChange = { from, to, at, by };
	if (why) change.reason = why;
	const patch: Partial<LifecycleFields> = { stage: to, stageChangedAt: at };
	if (to === 'lost') Object.assign(patch, { lostReason: why, lostAt: at, winBack: false });
	else if (from === 'lost') {
		Object.assign(patch, { winBack: true, winBackAt: at });
		change.winBack = true;
	}
	return { ok: true, patch, change };
}

/** Win a lost customer back: it becomes a prospect flagged `winBack`, its lost reason kept. */
export function winBack(customer: Pick<LifecycleFields, 'stage'>, opts: { at: number; by: string; reason?: string }): StageChangeResult {
	return changeStage(customer, 'prospect', { ...opts, winBack: true });
}

const DAY = 86_400_000;

/**
 * Lost customers worth trying to win back: lost at least `minDaysLost` days before `now`,
 * longest lost first (a customer lost before `lostAt` was recorded counts as long lost).
 */
export function winBackCandidates<T extends Pick<LifecycleFields, 'stage'> & Partial<LifecycleFields>>(
	customers: Iterable<T>,
	{ now, minDaysLost = 0 }: { now: number; minDaysLost?: number }
): T[] {
	const out: T[] = [];
	for (const c of customers) if (c.stage === 'lost' && now - (c.lostAt ?? 0) >= minDaysLost * DAY) out.push(c);
	return out.sort((a, b) => (a.lostAt ?? 0) - (b.lostAt ?? 0));
}

/** Customers won back and not lost since, most recently won back first. */
export function wonBack<T extends Pick<LifecycleFields, 'stage'> & Partial<LifecycleFields>>(customers: Iterable<T>): T[] {
	const out: T[] = [];
	for (const c of customers) if (c.winBack === true && c.stage !== 'lost') out.push(c);
	return out.sort((a, b) => (b.winBackAt ?? 0) - (a.winBackAt ?? 0));
}

/** True when a customer's first order should suggest moving it to the "customer" stage. */
export function suggestCustomerOnFirstOrder(stage: Stage): boolean {
	return stage === 'potential' || stage === 'prospect';
}
