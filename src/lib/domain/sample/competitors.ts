// The companies the sample team sells against: three dozen profiles (Chinese office, IT,
// security and industrial suppliers, and a few English-named ones) with strategy, main products
// from the same categories as the team's catalogue, strengths, weaknesses, price level, website
// and a log of what members noted about them. Deals that name a rival (more of the lost ones,
// see generateDeal) are linked to these profiles by id; "a local reseller" and other generic
// rivals stay as typed, as older deals in a real workspace would.
import type { Competitor, CompetitorObservation, PriceLevel } from '../competitor';
import type { Deal } from '../deal';
import { CATALOG, EN_COMPETITORS, ZH_COMPETITORS, type CategoryCode } from './catalog';
import { DAY, T } from './parts';
import type { Random } from './random';

/** [name, web name, main categories]. */
type Rival = readonly [string, string, readonly CategoryCode[]];

const ZH_RIVALS: readonly Rival[] = [
	['鑫诚办公', 'xincheng-office', ['OFC', 'SUP']],
	['联达科技', 'lianda-tech', ['ITN', 'SVC']],
	['欧亚数码', 'ouya-digital', ['ITN', 'OFC']],
	['华信系统集成', 'huaxin-si', ['ITN', 'SVC', 'SEC']],
	['天宇安防', 'tianyu-security', ['SEC']],
	['东方伟业办公', 'dfwy-office', ['OFC', 'SUP']],
	['金鼎办公设备', 'jinding', ['OFC']],
	['博远信息技术', 'boyuan-it', ['SVC', 'ITN']],
	['海纳科技', 'haina-tech', ['ITN']],
	['中联恒通', 'zlht', ['ITN', 'SEC']],
	['智云网络', 'zhiyun-net', ['ITN', 'SVC']],
	['恒泰工业用品', 'hengtai-ind', ['IND']],
	['宏达礼品', 'hongda-gifts', ['GFT']],
	['卓越安防科技', 'zhuoyue-sec', ['SEC', 'ITN']],
	['新锐数码', 'xinrui-digital', ['ITN', 'OFC']],
	['明德文具', 'mingde-stationery', ['SUP']],
	['瑞丰商贸', 'ruifeng-trading', ['SUP', 'GFT', 'IND']],
	['永信电子', 'yongxin-elec', ['SEC', 'ITN']],
	['启航软件', 'qihang-soft', ['SVC']],
	['安捷物联', 'anjie-iot', ['SEC', 'SVC']],
	['京华办公', 'jinghua-office', ['OFC', 'SUP']],
	['锦程贸易', 'jincheng-trade', ['GFT', 'SUP']],
	['星辰安防', 'xingchen-sec', ['SEC']],
	['嘉禾工控', 'jiahe-ic', ['IND', 'ITN']]
];

const EN_RIVALS: readonly Rival[] = [
	['Apex Office Supply', 'apexofficesupply', ['OFC', 'SUP']],
	['Northwind Systems', 'northwindsystems', ['ITN', 'SVC']],
	['Bluepeak IT', 'bluepeak-it', ['ITN']],
	['Harbor Tech Solutions', 'harbortech', ['ITN', 'SEC']],
	['Summit Security Group', 'summitsecurity', ['SEC']],
	['Evergreen Industrial', 'evergreen-industrial', ['IND']],
	['Crestline Promotions', 'crestline', ['GFT']],
	['Meridian Networks', 'meridian-networks', ['ITN', 'IMP']],
	['Atlas Workplace', 'atlasworkplace', ['OFC']],
	['Keystone Supplies', 'keystone-supplies', ['SUP', 'IND']],
	['Pioneer Data Systems', 'pioneerdata', ['SVC', 'IMP']],
	['Silverline Imports', 'silverline-imports', ['IMP', 'ITN']]
];

// Rivals the deals name that are not one company: they stay free text.
const GENERIC = new Set([...ZH_COMPETITORS.slice(5), ...EN_COMPETITORS.slice(3)]);

const PRICE_T = T<PriceLevel | ''>([['low', 30], ['medium', 35], ['high', 20], ['premium', 8], ['', 7]]);

const STRATEGY: readonly (readonly [string, string])[] = [
	['以低价抢占中小企业市场，主打性价比', 'Wins small businesses on price; sells value for money'],
	['重点发展政府和国企招投标项目', 'Goes after government and state-owned tenders'],
	['扩张华东渠道，新开三家门店', 'Expanding its East China channel with three new stores'],
	['从卖硬件转向整体解决方案和运维服务', 'Moving from boxes to complete solutions and managed services'],
	['依靠电商平台做标准品，线下只做大客户', 'Sells standard items online; field sales only for key accounts'],
	['与原厂签了区域总代，价格有优势', 'Became the regional distributor for a major brand, so its prices are sharp'],
	['主攻制造业客户，提供驻厂服务', 'Targets factories with on-site service staff'],
	['做定制礼品和企业福利采购', 'Focuses on custom gifts and employee-benefit purchasing']
];
const STRENGTHS: readonly (readonly [string, string])[] = [
	['价格低，账期长', 'Low prices and long payment terms'],
	['本地仓库，当天送货', 'Local warehouse, same-day delivery'],
	['原厂授权，货源稳定', 'Authorised by the manufacturer, steady supply'],
	['技术团队强，能做方案', 'Strong engineers who design solutions'],
	['与客户高层关系好', 'Good relationships with customers’ management'],
	['品类齐全，一站式采购', 'Broad range, one-stop purchasing']
];
const WEAKNESSES: readonly (readonly [string, string])[] = [
	['售后响应慢', 'Slow after-sales response'],
	['人员流动大，对接人常换', 'High staff turnover; contacts change often'],
	['只做标准品，不接定制', 'Standard items only, no customisation'],
	['资金紧张，常要求预付款', 'Short of cash; often asks for prepayment'],
	['发票和对账不规范', 'Sloppy invoices and statements'],
	['大项目交付能力不足', 'Struggles to deliver large projects']
];
const NOTES: readonly (readonly [string, string])[] = [
	['老板是前同事，了解我们的报价方式', 'Its owner used to work here and knows how we quote'],
	['去年被几家大客户投诉过交期', 'Several large customers complained about its delivery last year'],
	['正在融资，可能会加大价格战', 'Raising money; may start a price war']
];
const OBSERVATIONS: readonly (readonly [string, string])[] = [
	['报价比我们低 8% 左右', 'Quoted about 8% below us'],
	['在展会上推新款产品，现场下单送配件', 'Launched a new range at the trade show with free accessories'],
	['客户反馈他们的售后上门要等一周', 'A customer says their on-site service takes a week'],
	['新招了两名销售专门跑我们的老客户', 'Hired two reps to call on our existing customers'],
	['拿下了一个区政府的年度框架协议', 'Won a district government’s annual framework agreement'],
	['开始提供 12 期免息分期', 'Now offers 12 months interest-free'],
	['主力型号缺货，交期延到 6 周', 'Main model out of stock; lead time now six weeks'],
	['在电商平台上大幅降价清库存', 'Cutting prices online to clear stock'],
	['和一家原厂的代理权到期未续', 'Its distribution agreement with a brand ran out'],
	['客户说他们的方案做得更细', 'A customer found their proposal more detailed']
];

const HOUR = 3_600_000;

/** Items of the catalogue in a category, by name. */
const itemsOf = (code: CategoryCode) => CATALOG.filter((c) => c.sku.startsWith(`${code}-`)).map((c) => c.name);

/**
 * The rivals of the sample workspace (ZH_RIVALS then EN_RIVALS), created in the window's first
 * months by members; observations dated between `start` and `now`.
 */
export function generateCompetitors(rng: Random, memberIds: readonly string[], start: number, now: number): Competitor[] {
	const out: Competitor[] = [];
	for (const [zh, list] of [[true, ZH_RIVALS], [false, EN_RIVALS]] as const) {
		for (const [name, web, codes] of list) {
			const lang = zh ? 0 : 1;
			const createdAt = rng.between(start, Math.min(now, start + 120 * DAY));
			const createdBy = rng.pick(memberIds);
			const products = [...new Set(codes.flatMap((code) => [rng.pick(itemsOf(code)), rng.pick(itemsOf(code))]))].slice(0, 4);
			const weaknesses = rng.pick(WEAKNESSES)[lang];
			const c: Competitor = {
				id: rng.uuid(),
				name,
				strategy: rng.pick(STRATEGY)[lang],
				products,
				strengths: rng.pick(STRENGTHS)[lang],
				weaknesses: rng.chance(0.85) ? weaknesses : '',
				priceLevel: rng.weighted(PRICE_T),
				website: rng.chance(0.8) ? (zh ? `www.${web}.com.cn` : `${web}.com`) : '',
				notes: rng.chance(0.3) ? rng.pick(NOTES)[lang] : '',
				createdAt,
				createdBy,
				updatedAt: createdAt,
				updatedBy: createdBy
			};
			// What members noted since, one key each as the store writes them (store/sales.ts).
			const count = rng.int(1, 6);
			for (let i = 0; i < count; i++) {
				const at = rng.between(createdAt, now - HOUR);
				const obs: CompetitorObservation = { at, by: rng.pick(memberIds), text: rng.pick(OBSERVATIONS)[lang] };
				c[`obs:${rng.uuid()}`] = obs;
				if (at > c.updatedAt) {
					c.updatedAt = at;
					c.updatedBy = obs.by;
				}
			}
			out.push(c);
		}
	}
	return out;
}

/**
 * Turns the rivals the deals name into links to the profiles: each named company becomes a
 * profile of the same language (a few big rivals more often than the rest); generic rivals stay
 * as typed. Changes `deals` in place.
 */
export function linkDealCompetitors(rng: Random, deals: Deal[], competitors: readonly Competitor[]): void {
	const zhCount = ZH_RIVALS.length;
	// The first rivals of each language are the big ones.
	const share = (list: readonly Competitor[]) => T(list.map((c, i) => [c.id, 1 / (i + 2) ** 0.9] as const));
	const zh = share(competitors.slice(0, zhCount));
	const en = share(competitors.slice(zhCount));
	const zhNames = new Set(ZH_COMPETITORS);
	for (const d of deals) {
		if (!d.competitors.length) continue;
		const linked = d.competitors.map((name) => (GENERIC.has(name) ? name : rng.weighted(zhNames.has(name) ? zh : en)));
		d.competitors = [...new Set(linked)];
	}
}
