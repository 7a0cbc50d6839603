// The sample team's catalogue: an enterprise supplier of office and IT equipment, security,
// industrial supplies and corporate gifts, plus a few imported items priced in US dollars.
// Each product carries how its demand behaves over the 24 months, so that a forecast over the
// generated orders has something real to find: some grow, some decline, some are seasonal
// (gift boxes before Spring Festival, mooncakes before Mid-Autumn, fans in summer), one model
// replaces another part-way through.

/** How a product's demand moves through the year (see `seasonFactor` in sales.ts). */
export type Season = 'steady' | 'yearEnd' | 'springGift' | 'moonGift' | 'dragonBoat' | 'summer' | 'winter';

export interface CatalogItem {
	name: string;
	sku: string;
	category: string;
	/** One of 件, 箱, 台, 套. */
	unit: string;
	/** Minor units of `currency`. */
	price: number;
	currency: 'CNY' | 'USD';
	/** Relative popularity in orders. */
	weight: number;
	/** Demand multiplier per year (1.6 = +60 % a year, 0.8 = −20 %). */
	growth: number;
	season: Season;
	/** Sold from this many months after the window starts (a launch); 0 = all along. */
	from: number;
	/** Sold until this many months after the window starts, then inactive; 0 = still sold. */
	until: number;
	/** Usual quantity on an order line, [min, max]. */
	qty: readonly [number, number];
	description: string;
}

/** Category codes (the SKU prefixes) with their names. */
export const CATEGORIES = {
	OFC: '办公设备',
	SUP: '办公耗材',
	ITN: '电脑与网络',
	SVC: '软件与服务',
	SEC: '安防设备',
	IND: '工业用品',
	GFT: '企业礼品',
	IMP: 'Imported equipment'
} as const;
export type CategoryCode = keyof typeof CATEGORIES;

// name | sku | unit | price (major units) | currency | weight | growth | season | from | until | qty | description
const ROWS = `
黑白激光打印机 LP-2020|OFC-1001|台|1299|CNY|8|1|steady|0|0|1-5|含一年上门保修
彩色激光多功能一体机 MFP-C450|OFC-1002|台|4680|CNY|5|1.05|yearEnd|0|0|1-3|打印/复印/扫描/传真，双面自动
A3数码复合机 DC-3060|OFC-1003|台|18800|CNY|2|1|yearEnd|0|0|1-2|含安装与首年耗材
商务投影仪 PJ-5200|OFC-1004|台|3999|CNY|3|0.75|steady|0|0|1-4|
86英寸会议平板 MB-86|OFC-1005|台|15800|CNY|3|1.7|yearEnd|0|0|1-3|含移动支架与无线投屏器
65英寸会议平板 MB-65|OFC-1006|台|8999|CNY|2|1.5|yearEnd|10|0|1-4|
大容量碎纸机 SD-330|OFC-1007|台|1580|CNY|2|1|steady|0|0|1-3|
A4复印纸 70g（5包/箱）|SUP-2001|箱|145|CNY|30|1.1|steady|0|0|5-120|
A4复印纸 80g（5包/箱）|SUP-2002|箱|178|CNY|14|1.15|steady|0|0|5-80|
原装硒鼓 TN-2020|SUP-2003|件|389|CNY|12|0.8|steady|0|0|2-40|适用 LP-2020
兼容硒鼓 TN-2020C|SUP-2004|件|129|CNY|10|1.1|steady|0|0|5-60|
彩色墨盒四色套装|SUP-2005|套|299|CNY|6|0.75|steady|0|0|2-30|
中性笔 0.5mm（480支/箱）|SUP-2006|箱|336|CNY|8|1|steady|0|0|1-10|
A4档案盒（50个/箱）|SUP-2007|箱|260|CNY|7|1|yearEnd|0|0|1-20|
热敏收银纸 80×80（50卷/箱）|SUP-2008|箱|210|CNY|6|1|steady|0|0|2-40|
笔记本与便签套装|SUP-2009|套|45|CNY|4|1.05|steady|0|0|20-300|
商用笔记本 14英寸 i5/16G/512G|ITN-3001|台|5699|CNY|8|1.1|yearEnd|0|0|1-30|三年原厂保修
商用台式机 i5/16G/512G|ITN-3002|台|4299|CNY|6|0.85|yearEnd|0|0|1-40|
27英寸2K显示器|ITN-3003|台|1299|CNY|7|1.1|yearEnd|0|0|2-40|
24口千兆交换机 SW-24G|ITN-3004|台|1680|CNY|5|1.05|steady|0|0|1-10|
48口万兆上联交换机 SW-48X|ITN-3005|台|6980|CNY|2|1.2|yearEnd|0|0|1-6|
Wi-Fi 6 吸顶AP AX-3000|ITN-3006|台|899|CNY|6|1.3|steady|0|0|2-60|
企业级路由器 ER-6000|ITN-3007|台|2480|CNY|3|1|steady|0|0|1-5|
4盘位NAS存储 NS-400|ITN-3008|台|3680|CNY|3|1.3|steady|0|0|1-3|
在线式UPS电源 3kVA|ITN-3009|台|4860|CNY|3|1|summer|0|0|1-5|
42U标准网络机柜|ITN-3010|台|2350|CNY|2|1|steady|0|0|1-4|
Wi-Fi 7 吸顶AP BE-5000|ITN-3011|台|1299|CNY|4|2|steady|15|0|2-60|新品
正版办公软件企业版（1用户/年）|SVC-4001|套|468|CNY|8|1.2|yearEnd|0|0|5-300|
终端安全软件企业版（1终端/年）|SVC-4002|套|128|CNY|6|1.25|yearEnd|0|0|10-500|
企业云盘 1TB 年费|SVC-4003|套|1999|CNY|5|1.9|steady|6|0|1-20|
IT运维服务包（年度）|SVC-4004|套|12000|CNY|3|1.15|yearEnd|0|0|1-2|每月一次巡检，4小时响应
综合布线（按信息点）|SVC-4005|件|260|CNY|4|1|steady|0|0|10-400|
设备上门安装调试|SVC-4006|件|300|CNY|6|1|steady|0|0|1-20|
数据备份与恢复服务|SVC-4007|套|5800|CNY|2|1.1|steady|0|0|1-2|
400万像素网络摄像机 IPC-4M|SEC-5001|台|459|CNY|8|0.9|steady|0|15|4-80|已停产，由 IPC-8M 替代
800万像素网络摄像机 IPC-8M|SEC-5002|台|629|CNY|8|1.8|steady|12|0|4-80|
16路网络硬盘录像机 NVR-16|SEC-5003|台|1380|CNY|4|1|steady|0|0|1-6|
人脸识别门禁一体机|SEC-5004|台|1890|CNY|4|1.3|steady|0|0|1-10|
智能考勤机|SEC-5005|台|560|CNY|3|0.9|steady|0|0|1-10|
中小企业监控套装（8路）|SEC-5006|套|3980|CNY|3|1|steady|0|0|1-4|含安装
丁腈劳保手套（100双/箱）|IND-6001|箱|380|CNY|9|1.05|steady|0|0|2-60|
ABS安全帽（20顶/箱）|IND-6002|箱|560|CNY|4|1|steady|0|0|1-20|
工业落地扇 750mm|IND-6003|台|468|CNY|5|1|summer|0|0|2-50|
移动冷风机|IND-6004|台|1280|CNY|4|1.2|summer|0|0|1-20|
工业暖风机 5kW|IND-6005|台|890|CNY|3|1|winter|0|0|1-20|
五金工具套装（128件）|IND-6006|套|699|CNY|4|1|steady|0|0|1-20|
防暑降温礼包|IND-6007|箱|198|CNY|4|1.1|summer|0|0|5-100|
应急照明灯|IND-6008|件|128|CNY|2|1|steady|0|0|5-100|
西湖龙井礼盒 250g|GFT-7001|套|688|CNY|6|1.05|springGift|0|0|5-200|
年货坚果大礼包|GFT-7002|箱|268|CNY|8|1.15|springGift|0|0|10-500|
广式月饼礼盒|GFT-7003|箱|238|CNY|6|1|moonGift|0|0|10-500|
定制保温杯（含LOGO）|GFT-7004|件|89|CNY|5|1.2|steady|0|0|50-1000|起订50件
进口红酒礼盒（双支）|GFT-7005|套|598|CNY|4|0.85|springGift|0|0|5-120|
端午粽子礼盒|GFT-7006|箱|158|CNY|4|1|dragonBoat|0|0|10-400|
员工生日蛋糕卡|GFT-7007|件|100|CNY|3|1.1|steady|0|0|20-300|
Rack Server 2U, 2× Xeon Silver, 128 GB|IMP-8001|台|6450|USD|2|1.2|yearEnd|0|0|1-4|3-year next-business-day support
Enterprise SSD 3.84 TB|IMP-8002|件|589|USD|3|1.4|steady|0|0|2-24|
Industrial Thermal Label Printer|IMP-8003|台|1290|USD|2|1|steady|0|0|1-6|
Handheld 2D Barcode Scanner|IMP-8004|台|189|USD|4|1.1|steady|0|0|2-40|
Video Conferencing Kit (camera + speakerphone)|IMP-8005|套|1150|USD|2|1.3|yearEnd|0|0|1-6|
`;

/** The catalogue, in SKU order. */
export const CATALOG: readonly CatalogItem[] = ROWS.trim()
	.split('\n')
	.map((row) => {
		const [name, sku, unit, price, currency, weight, growth, season, from, until, qty, description] = row.split('|');
		const [lo, hi] = qty.split('-').map(Number);
		return {
			name,
			sku,
			category: CATEGORIES[sku.slice(0, 3) as CategoryCode],
			unit,
			price: Math.round(Number(price) * 100),
			currency: currency as 'CNY' | 'USD',
			weight: Number(weight),
			growth: Number(growth),
			season: season as Season,
			from: Number(from),
			until: Number(until),
			qty: [lo, hi] as const,
			description
		};
	});

/** Deal titles by category code, Chinese and English; "{y}" is the year. */
export const DEAL_TITLES: Record<CategoryCode, readonly [readonly string[], readonly string[]]> = {
	OFC: [
		['会议室设备升级', '打印设备更新', '新办公室设备采购', '{y}年办公设备采购'],
		['Meeting room upgrade', 'Printer fleet refresh', 'New office equipment', '{y} office equipment']
	],
	SUP: [
		['{y}年度办公耗材', '耗材集中采购', '季度耗材补货', '办公用品年度框架'],
		['{y} office supplies', 'Consumables contract', 'Quarterly restock', 'Office supplies framework']
	],
	ITN: [
		['电脑批量更新', '网络改造项目', '新员工电脑采购', '机房升级', '无线网络覆盖'],
		['Laptop refresh', 'Network upgrade', 'New hire laptops', 'Server room upgrade', 'Wi-Fi coverage']
	],
	SVC: [
		['软件正版化', 'IT运维外包', '云盘部署', '综合布线工程', '{y}年软件续费'],
		['Software licensing', 'Managed IT services', 'Cloud storage rollout', 'Structured cabling', '{y} renewals']
	],
	SEC: [
		['监控系统改造', '门禁考勤项目', '厂区安防升级', '门店监控'],
		['CCTV upgrade', 'Access control project', 'Site security upgrade', 'Store cameras']
	],
	IND: [
		['劳保用品年度采购', '车间防暑降温', '工具补充', '冬季取暖设备'],
		['PPE annual supply', 'Workshop cooling', 'Tooling top-up', 'Winter heating']
	],
	GFT: [
		['员工节日福利', '客户答谢礼品', '{y}年礼品采购'],
		['Staff holiday gifts', 'Client appreciation gifts', '{y} corporate gifts']
	],
	IMP: [
		['服务器采购', '仓库条码系统', '存储扩容', '视频会议系统'],
		['Server purchase', 'Warehouse barcode system', 'Storage expansion', 'Video conferencing']
	]
};

/** Gift deals are named after the holiday they are for. */
export const GIFT_TITLES: Partial<Record<Season, readonly [string, string]>> = {
	springGift: ['{y}春节员工福利', 'Spring Festival gifts {y}'],
	moonGift: ['{y}中秋礼品', 'Mid-Autumn gifts {y}'],
	dragonBoat: ['{y}端午福利', 'Dragon Boat gifts {y}'],
	summer: ['{y}夏季防暑降温', 'Summer heat relief {y}']
};

export const ZH_COMPETITORS = ['鑫诚办公', '联达科技', '欧亚数码', '华信系统集成', '天宇安防', '本地经销商', '电商平台', '原厂直销'];
export const EN_COMPETITORS = ['Apex Office Supply', 'Northwind Systems', 'Bluepeak IT', 'Local reseller', 'Online marketplace', 'Direct from manufacturer'];
export const ZH_LOST_REASONS = ['价格高于竞品', '选择了竞争对手', '预算取消', '项目延期到明年', '客户内部决策变化', '交期无法满足', '联系不上客户', '只要样品不下单'];
export const EN_LOST_REASONS = ['Price too high', 'Went with a competitor', 'Budget cut', 'Project postponed', 'Decision maker changed', 'Lead time too long', 'No response'];
export const ZH_NEXT_STEPS = ['发送报价单', '安排产品演示', '确认采购数量', '等待预算审批', '提交技术方案', '商务谈判', '寄送样品', '合同评审', '约见采购负责人'];
export const EN_NEXT_STEPS = ['Send quote', 'Product demo', 'Confirm quantities', 'Waiting for budget approval', 'Technical proposal', 'Negotiate terms', 'Send samples', 'Contract review'];
export const ZH_DEAL_NOTES = ['客户要求含税报价', '需要走招标流程', '老客户介绍', '对交期要求高', '关注售后响应时间', '预算已批'];
export const EN_DEAL_NOTES = ['Quote incl. VAT', 'Goes through a tender', 'Referred by an existing customer', 'Tight delivery date', 'Cares about support response times'];
export const ZH_ORDER_NOTES = ['送货前电话联系', '开增值税专用发票', '分两批送货', '月结30天', '送至仓库，周末不收货'];
export const EN_ORDER_NOTES = ['Call before delivery', 'Ship in two batches', 'Net 30', 'Deliver to the warehouse, no weekend deliveries'];
