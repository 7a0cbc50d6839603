// Which column of a file holds which field: guessed from English and Chinese headers
// (simplified and traditional, with the variants spreadsheets really use), adjusted by the
// user, remembered by the caller under mappingKey(headers).
import { foldText } from '../text';

export const IMPORT_COLLECTIONS = ['customers', 'contacts', 'products', 'orders', 'activities'] as const;
export type ImportKind = (typeof IMPORT_COLLECTIONS)[number];

// Aliases per target field, in folded form (lower case, no spaces or punctuation); an exact
// header match wins over a header that merely contains an alias.
const CUSTOMER: Record<string, string[]> = {
	name: ['name', 'customername', 'customer', 'fullname', 'clientname', 'client', '姓名', '客户名称', '客户', '客户名', '名称', '顾客', '客戶名稱', '客戶', '客戶名', '名稱', '顧客'],
	company: ['company', 'companyname', 'organization', 'organisation', 'org', '公司', '公司名称', '单位', '工作单位', '企业', '企业名称', '公司名稱', '單位', '工作單位', '企業', '企業名稱'],
	phones: ['phone', 'phones', 'mobile', 'mobilephone', 'cellphone', 'cell', 'tel', 'telephone', 'phonenumber', '手机', '手机号', '手机号码', '电话', '联系电话', '电话号码', '座机', '移动电话', '手機', '手機號', '手機號碼', '電話', '聯絡電話', '聯繫電話', '電話號碼'],
	emails: ['email', 'emails', 'mail', 'emailaddress', '邮箱', '电子邮件', '电子邮箱', '邮件', '邮箱地址', '郵箱', '電子郵件', '電子郵箱', '郵件'],
	address: ['address', 'streetaddress', '地址', '详细地址', '联系地址', '詳細地址', '聯絡地址'],
	region: ['region', 'province', 'area', 'state', '地区', '区域', '省份', '省', '大区', '所在地区', '地區', '區域', '所在地區'],
	city: ['city', 'town', '城市', '市', '所在城市'],
	industry: ['industry', 'sector', '行业', '所属行业', '行業', '所屬行業'],
	source: ['source', 'channel', 'leadsource', '来源', '渠道', '客户来源', '來源', '管道', '通路', '客戶來源'],
	stage: ['stage', 'lifecycle', 'lifecyclestage', 'status', '阶段', '客户阶段', '生命周期', '状态', '階段', '客戶階段', '生命週期', '狀態'],
	// Moving an existing customer to lost, or back a stage, needs a reason (domain/lifecycle.ts).
	stageReason: ['stagereason', 'reason', 'lostreason', '原因', '阶段原因', '流失原因', '变更原因', '階段原因', '變更原因'],
	type: ['type', 'customertype', '客户类型', '类型', '客戶類型', '類型'],
	kind: ['kind', '性质', '客户性质', '性質'],
	owner: ['owner', 'accountmanager', 'salesrep', 'assignedto', '负责人', '客户经理', '销售', '业务员', '所属人', '負責人', '客戶經理', '銷售', '業務員'],
	tags: ['tags', 'tag', 'labels', '标签', '標籤'],
	notes: ['notes', 'note', 'remark', 'remarks', 'comment', 'comments', 'description', '备注', '说明', '備註', '說明'],
	occupation: ['occupation', 'job', '职业', '職業'],
	preferences: ['preferences', 'habits', '偏好', '消费习惯', '消費習慣'],
	gender: ['gender', 'sex', '性别', '性別'],
	capacity: ['purchasingcapacity', 'capacity', '消费能力', '消費能力']
};

const PHONES = CUSTOMER.phones;
const EMAILS = CUSTOMER.emails;
const NOTES = CUSTOMER.notes;
const OWNER = CUSTOMER.owner;
const CUSTOMER_REF = ['customer', 'customername', 'client', 'company', 'organization', 'organisation', '客户', '客户名称', '公司', '公司名称', '单位', '客戶', '客戶名稱', '公司名稱', '單位'];
const CURRENCY = ['currency', '币种', '货币', '幣別', '貨幣', '幣種'];
const PRICE = ['unitprice', 'price', '单价', '价格', '售价', '單價', '價格', '售價'];

export const TARGETS: Record<ImportKind, Record<string, string[]>> = {
	customers: CUSTOMER,
	contacts: {
		name: ['name', 'fullname', 'contact', 'contactname', '姓名', '联系人', '联系人姓名', '聯絡人', '聯繫人'],
		position: ['position', 'title', 'jobtitle', 'role', '职位', '职务', '職位', '職務', '职称', '職稱'],
		customer: CUSTOMER_REF,
		phones: PHONES,
		emails: EMAILS,
		address: CUSTOMER.address,
		birthday: ['birthday', 'bday', 'dateofbirth', '生日', '出生日期'],
		anniversary: ['anniversary', '纪念日', '紀念日'],
		notes: NOTES
	},
	products: {
		name: ['name', 'product', 'productname', 'item', '产品', '产品名称', '名称', '品名', '商品', '商品名称', '產品', '產品名稱', '名稱'],
		sku: ['sku', 'code', 'itemcode', 'productcode', '编号', '编码', '货号', '产品编号', '料号', '編號', '編碼', '貨號', '料號'],
		category: ['category', 'group', '类别', '分类', '類別', '分類'],
		unit: ['unit', 'uom', '单位', '單位'],
		unitPrice: PRICE,
		currency: CURRENCY,
		active: ['active', 'onsale', '启用', '在售', '啟用'],
		description: ['description', 'details', '描述', '说明', '說明']
	},
	orders: {
		orderNo: ['orderno', 'ordernumber', 'order', 'orderid', '订单号', '订单编号', '单号', '訂單號', '訂單編號', '單號'],
		customer: CUSTOMER_REF,
		orderDate: ['orderdate', 'date', '日期', '订单日期', '下单日期', '訂單日期', '下單日期'],
		status: ['status', 'orderstatus', '状态', '订单状态', '狀態', '訂單狀態'],
		currency: CURRENCY,
		owner: OWNER,
		contractNo: ['contractno', 'contract', 'contractnumber', '合同号', '合同编号', '合约编号', '合約編號', '合約號'],
		invoiceNo: ['invoiceno', 'invoice', 'invoicenumber', '发票号', '发票号码', '發票號碼', '發票號'],
		product: ['product', 'productname', 'item', 'sku', '产品', '产品名称', '商品', '商品名称', '品名', '產品', '產品名稱'],
		quantity: ['quantity', 'qty', '数量', '數量'],
		unitPrice: PRICE,
		notes: NOTES
	},
	activities: {
		type: ['type', 'activitytype', 'kind', '类型', '跟进方式', '方式', '類型', '跟進方式'],
		at: ['date', 'time', 'datetime', 'when', 'at', '日期', '时间', '跟进时间', '日期时间', '時間', '跟進時間'],
		customer: CUSTOMER_REF,
		subject: ['subject', 'title', 'summary', '主题', '标题', '主題', '標題'],
		notes: ['notes', 'note', 'content', 'details', '内容', '跟进内容', '备注', '內容', '跟進內容', '備註'],
		member: ['member', 'by', 'owner', 'rep', '跟进人', '负责人', '销售', '跟進人', '負責人'],
		channel: ['channel', '渠道', '管道'],
		duration: ['duration', 'minutes', '时长', '時長', '分钟', '分鐘'],
		outcome: ['outcome', 'result', '结果', '結果']
	}
};

/** A header in the form aliases are written in. */
export function headerKey(h: string): string {
	return foldText(h)
		.replace(/[(（][^)）]*[)）]|\*|必填/g, '')
		.replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** One target field (or '' = not imported) per column, guessed from the headers. */
export function guessMapping(headers: readonly string[], kind: ImportKind): string[] {
	const targets = TARGETS[kind];
	const out = headers.map(() => '');
	const used = new Set<string>();
	const keys = headers.map(headerKey);
	// Exact matches first, then headers containing an alias (longer aliases first).
	keys.forEach((k, i) => {
		for (const [field, aliases] of Object.entries(targets))
			if (!used.has(field) && aliases.includes(k)) {
				out[i] = field;
				used.add(field);
				return;
			}
	});
	const loose = Object.entries(targets)
		.flatMap(([field, aliases]) => aliases.filter((a) => a.length >= 2).map((a) => [field, a] as const))
		.sort((x, y) => y[1].length - x[1].length);
	keys.forEach((k, i) => {
		if (out[i] || !k) return;
		const hit = loose.find(([field, a]) => !used.has(field) && k.includes(a));
		if (hit) {
			out[i] = hit[0];
			used.add(hit[0]);
		}
	});
	return out;
}

/** The key a remembered mapping is stored under: the record type and the set of headers. */
export function mappingKey(headers: readonly string[], kind: ImportKind): string {
	return `${kind}:${[...headers].map(headerKey).sort().join('|')}`;
}
