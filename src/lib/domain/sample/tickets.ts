// Service tickets of the standard workspace: after-sales requests following the orders —
// inquiries, complaints, warranty claims and repairs about what was bought, opened in office
// hours within two months of the order. Older tickets are resolved (most rated by the customer,
// mostly 4–5) and closed; the last weeks' are still open, in progress or waiting on the customer.
import type { Order } from '../order';
import type { StatusChange } from '../sla';
import type { Ticket, TicketPriority, TicketType } from '../ticket';
import { DAY, T } from './parts';
import type { Random } from './random';

/** Tickets per order when no count is given (about 5,000 at 50,000 orders). */
export const TICKET_RATIO = 0.1;

const HOUR = 3_600_000;
const TYPE_T = T<TicketType>([['inquiry', 40], ['complaint', 20], ['warranty', 22], ['repair', 18]]);
const PRIORITY_T = T<TicketPriority>([['urgent', 8], ['high', 22], ['normal', 55], ['low', 15]]);
const SCORE_T = T<number>([[1, 4], [2, 6], [3, 15], [4, 40], [5, 35]]);

const TITLES: Record<TicketType, readonly (readonly [string, string])[]> = {
	inquiry: [['发票什么时候开出？', 'When will the invoice be issued?'], ['如何设置设备参数', 'How to set up the device'], ['能否加急发货', 'Can the delivery be expedited?']],
	complaint: [['到货包装破损', 'Packaging damaged on arrival'], ['发货延迟', 'Delivery late'], ['数量与订单不符', 'Quantity does not match the order']],
	warranty: [['保修期内故障', 'Fault within warranty'], ['更换损坏部件', 'Replace a broken part'], ['申请保修', 'Warranty claim']],
	repair: [['设备无法开机', 'Unit does not power on'], ['上门维修', 'On-site repair'], ['异响需检修', 'Strange noise, needs a check']]
};

/**
 * `count` tickets (default TICKET_RATIO per order) about the orders, by the orders' owners or
 * other members; `zh` tells whether a customer id has a Chinese name.
 */
export function generateTickets(rng: Random, orders: readonly Order[], memberIds: readonly string[], zh: (customer: string) => boolean, now: number, count?: number): Ticket[] {
	const live = orders.filter((o) => o.status !== 'cancelled' && o.customer);
	const n = Math.min(count ?? Math.round(live.length * TICKET_RATIO), live.length ? Number.MAX_SAFE_INTEGER : 0);
	const out: Ticket[] = [];
	for (let i = 0; i < n; i++) {
		const o = live[rng.int(0, live.length - 1)];
		const orderAt = Date.parse(`${o.orderDate}T00:00:00Z`) || now - 30 * DAY;
		const createdAt = Math.min(now - HOUR, orderAt + rng.between(DAY, 60 * DAY));
		const day = Math.floor(createdAt / DAY);
		const at0 = day * DAY + HOUR + rng.between(0, 9 * HOUR);
		const type = rng.weighted(TYPE_T);
		const priority = rng.weighted(PRIORITY_T);
		const assignee = rng.chance(0.8) ? o.owner : rng.pick(memberIds);
		const age = now - at0;
		// The status walk: responded within hours, sometimes a wait on the customer, resolved
		// within days; recent tickets stop part way.
		const history: StatusChange[] = [{ status: 'open', at: at0 }];
		let at = at0;
		const step = (status: StatusChange['status'], ms: number) => {
			at += ms;
			if (at >= now) return false;
			history.push({ status, at });
			return true;
		};
		let ok = step('inProgress', rng.between(10 * 60_000, (priority === 'urgent' ? 2 : 20) * HOUR));
		if (ok && rng.chance(0.3)) ok = step('waitingOnCustomer', rng.between(HOUR, 2 * DAY)) && step('inProgress', rng.between(HOUR, 3 * DAY));
		if (ok) ok = step('resolved', rng.between(2 * HOUR, (priority === 'urgent' ? 1 : 6) * DAY));
		const resolved = ok;
		if (ok && age > 14 * DAY) step('closed', rng.between(DAY, 7 * DAY));
		const last = history[history.length - 1];
		const rated = resolved && rng.chance(0.7);
		const responded = history.find((h) => h.status === 'waitingOnCustomer' || h.status === 'resolved' || h.status === 'closed');
		const [zhTitle, enTitle] = rng.pick(TITLES[type]);
		out.push({
			id: rng.uuid(),
			title: zh(o.customer) ? zhTitle : enTitle,
			type,
			priority,
			status: last.status,
			assignee,
			customer: o.customer,
			contact: '',
			product: o.lines?.[0]?.product ?? '',
			order: o.id,
			description: '',
			firstResponseAt: responded?.at ?? 0,
			resolvedAt: resolved ? history.find((h) => h.status === 'resolved')!.at : 0,
			satisfaction: rated ? rng.weighted(SCORE_T) : 0,
			feedback: '',
			statusChangedAt: last.at,
			statusHistory: history,
			createdAt: at0,
			createdBy: assignee,
			updatedAt: last.at,
			updatedBy: assignee
		});
	}
	return out.sort((a, b) => a.createdAt - b.createdAt);
}
