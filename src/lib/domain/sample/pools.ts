// Word pools for the standard-workspace generator. Lists are packed into strings to keep the
// file small: `w` splits on spaces, `bar` on "|" (for entries that contain spaces), and
// "a:b" pairs carry pinyin / area codes / weights next to the word they belong to.

const w = (s: string): string[] => s.split(' ');
const bar = (s: string): string[] => s.split('|');
const pairs = (list: string[]): [string, string][] =>
	list.map((p) => {
		const i = p.indexOf(':');
		return [p.slice(0, i), p.slice(i + 1)];
	});

/** Chinese surnames with pinyin, most common first (the generator weights by rank). */
export const ZH_SURNAMES = pairs(
	w(
		'王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 黄:huang 赵:zhao 吴:wu 周:zhou 徐:xu 孙:sun 马:ma 朱:zhu 胡:hu 郭:guo 何:he 林:lin 高:gao 罗:luo 郑:zheng 梁:liang 谢:xie 宋:song 唐:tang 许:xu 韩:han 冯:feng 邓:deng 曹:cao 彭:peng 曾:zeng 肖:xiao 田:tian 董:dong 袁:yuan 潘:pan 蒋:jiang 蔡:cai 余:yu 杜:du 叶:ye 程:cheng 魏:wei 苏:su 吕:lv 丁:ding 任:ren 沈:shen 姚:yao 卢:lu 钟:zhong 姜:jiang 崔:cui 谭:tan 陆:lu 范:fan 汪:wang 廖:liao 石:shi 金:jin 贾:jia 夏:xia 方:fang 邹:zou 熊:xiong 白:bai 孟:meng 秦:qin 邱:qiu 侯:hou 江:jiang 薛:xue 雷:lei 龙:long 欧阳:ouyang 司马:sima 上官:shangguan'
	)
);
/** Characters for Chinese given names, by the gender they usually suggest. */
export const ZH_GIVEN_FEMALE = pairs(
	w(
		'芳:fang 娜:na 敏:min 静:jing 丽:li 艳:yan 娟:juan 秀:xiu 霞:xia 萍:ping 玉:yu 红:hong 婷:ting 雪:xue 琳:lin 颖:ying 倩:qian 慧:hui 莉:li 琴:qin 云:yun 欣:xin 怡:yi 佳:jia 梅:mei 丹:dan 晶:jing 蕾:lei 璐:lu 悦:yue 思:si 雨:yu 诗:shi 涵:han 梦:meng 晓:xiao'
	)
);
export const ZH_GIVEN_MALE = pairs(
	w(
		'伟:wei 强:qiang 磊:lei 军:jun 洋:yang 勇:yong 杰:jie 涛:tao 明:ming 超:chao 刚:gang 平:ping 辉:hui 鹏:peng 飞:fei 斌:bin 宇:yu 浩:hao 凯:kai 健:jian 俊:jun 帆:fan 旭:xu 宁:ning 龙:long 林:lin 建:jian 国:guo 志:zhi 文:wen 海:hai 峰:feng 鑫:xin 波:bo 亮:liang 华:hua 东:dong 成:cheng 博:bo 阳:yang 天:tian 振:zhen'
	)
);

export const EN_FIRST_FEMALE = w(
	'Emily Sarah Jessica Emma Olivia Sophia Grace Linda Amy Rachel Laura Anna Helen Lucy Chloe Hannah Kate Mia Julia Vivian Cindy Tina Wendy Angela Michelle'
);
export const EN_FIRST_MALE = w(
	'James John Michael David Daniel Robert William Thomas Kevin Jason Eric Peter Mark Paul Steven Andrew Brian Tony Jack Frank Leo Alex Henry Ryan Vincent'
);
export const EN_LAST = w(
	'Smith Johnson Brown Taylor Miller Wilson Moore Anderson Clark Lewis Walker Hall Young King Wright Scott Green Baker Adams Nelson Carter Mitchell Turner Parker Evans Collins Murphy Cooper Schmidt Fischer Weber Rossi Bianchi Martin Dubois Bernard Jansen Kumar Nguyen'
);
/** Romanised Chinese surnames, for "Emily Chen"-style names. */
export const EN_LAST_CHINESE = w('Chen Wang Li Zhang Liu Huang Lin Wong Chan Lee Ng Tan Lim Zhou Wu');

/** Brand words of Chinese company names with the pinyin used for their web domain. */
export const ZH_BRANDS = pairs(
	w(
		'华创:huachuang 恒通:hengtong 鑫达:xinda 宏远:hongyuan 金盛:jinsheng 中泰:zhongtai 永兴:yongxing 瑞丰:ruifeng 天成:tiancheng 联创:lianchuang 博远:boyuan 新宇:xinyu 华联:hualian 德信:dexin 明泰:mingtai 嘉华:jiahua 海天:haitian 东方:dongfang 盛世:shengshi 宏达:hongda 鼎盛:dingsheng 合众:hezhong 万通:wantong 腾飞:tengfei 远航:yuanhang 锦程:jincheng 安泰:antai 恒信:hengxin 利华:lihua 佳禾:jiahe 卓越:zhuoyue 诚达:chengda 立信:lixin 益康:yikang 长盛:changsheng 银河:yinhe'
	)
);

/** Industries as [中文, English]; `ZH_BUSINESS` and `EN_BUSINESS` point into this list. */
export const INDUSTRIES: readonly (readonly [string, string])[] = pairs(
	bar(
		'制造业:Manufacturing|贸易:Trading|IT/互联网:IT / Internet|电子:Electronics|食品饮料:Food & Beverage|物流:Logistics|医疗:Healthcare|教育:Education|零售:Retail|建筑:Construction|金融:Finance|化工:Chemicals|纺织服装:Textiles & Apparel'
	)
);

/** Business words of Chinese company names: word, industry index, weight, domain suffix. */
export const ZH_BUSINESS: readonly (readonly [string, number, number, string])[] = [
	['科技', 2, 12, 'tech'],
	['电子科技', 3, 7, 'tech'],
	['网络科技', 2, 4, 'tech'],
	['智能科技', 0, 4, 'tech'],
	['生物科技', 6, 2, 'bio'],
	['环保科技', 0, 2, 'tech'],
	['新材料科技', 11, 2, 'tech'],
	['信息技术', 2, 2, 'it'],
	['贸易', 1, 8, 'trade'],
	['进出口', 1, 3, 'trade'],
	['商贸', 8, 3, ''],
	['实业', 0, 5, ''],
	['制造', 0, 3, ''],
	['机械', 0, 4, 'machinery'],
	['机械设备', 0, 3, ''],
	['包装材料', 0, 2, ''],
	['电子', 3, 4, ''],
	['电器', 3, 2, ''],
	['食品', 4, 4, 'food'],
	['物流', 5, 3, 'logistics'],
	['供应链管理', 5, 2, 'scm'],
	['医疗器械', 6, 2, 'med'],
	['教育咨询', 7, 2, 'edu'],
	['建筑工程', 9, 2, ''],
	['投资', 10, 1, ''],
	['化工', 11, 2, 'chem'],
	['服饰', 12, 2, ''],
	['纺织', 12, 2, '']
];
export const ZH_COMPANY_SUFFIXES: readonly (readonly [string, number])[] = [
	['有限公司', 80],
	['股份有限公司', 15],
	['集团有限公司', 5]
];

export const EN_BRAND_1 = w(
	'Pacific Golden Silver Blue Summit Harbor Northstar Evergreen Atlas Pioneer Orient Apex Crown Eagle Liberty Sterling Vertex Horizon Bright Union Red Jade Grand Global'
);
export const EN_BRAND_2 = w('Bridge Star Wave Point Line Gate Stone Field Peak Rock River Leaf');
/** Business words of English company names with their industry index. */
export const EN_BUSINESS: readonly (readonly [string, number])[] = pairs(
	w(
		'Trading:1 Industries:0 Technologies:2 Electronics:3 Foods:4 Logistics:5 Medical:6 Learning:7 Retail:8 Construction:9 Capital:10 Chemicals:11 Apparel:12 Machinery:0 Supply:1 Solutions:2 Systems:2 Imports:1'
	)
).map(([word, i]) => [word, Number(i)] as const);
export const EN_COMPANY_SUFFIXES: readonly (readonly [string, number])[] = pairs(
	bar('Co., Ltd.:30|Inc.:25|LLC:10|Ltd.:15|GmbH:6|Corp.:8|Pte. Ltd.:6')
).map(([word, n]) => [word, Number(n)] as const);

export interface Region {
	name: string;
	weight: number;
	/** Mainland cities: [city, area code with leading 0]. */
	cities: [string, string][];
}
export interface ForeignRegion {
	name: string;
	weight: number;
	/** [city, country calling code, area code ('' where none is dialled)]. */
	cities: [string, string, string][];
}

const cn = (name: string, weight: number, cities: string): Region => ({
	name,
	weight,
	cities: pairs(w(cities))
});
export const CN_REGIONS: readonly Region[] = [
	cn('华东', 28, '上海:021 杭州:0571 南京:025 苏州:0512 宁波:0574 无锡:0510 合肥:0551 济南:0531 青岛:0532 福州:0591 厦门:0592 温州:0577'),
	cn('华南', 24, '广州:020 深圳:0755 东莞:0769 佛山:0757 珠海:0756 中山:0760 南宁:0771 海口:0898'),
	cn('华北', 14, '北京:010 天津:022 石家庄:0311 太原:0351 保定:0312 呼和浩特:0471'),
	cn('华中', 9, '武汉:027 长沙:0731 郑州:0371 南昌:0791 洛阳:0379'),
	cn('西南', 8, '成都:028 重庆:023 昆明:0871 贵阳:0851'),
	cn('西北', 4, '西安:029 兰州:0931 乌鲁木齐:0991 银川:0951'),
	cn('东北', 5, '沈阳:024 大连:0411 长春:0431 哈尔滨:0451')
];
const foreign = (name: string, weight: number, cities: string): ForeignRegion => ({
	name,
	weight,
	cities: bar(cities).map((c) => c.split(':') as [string, string, string])
});
export const FOREIGN_REGIONS: readonly ForeignRegion[] = [
	foreign('North America', 35, 'New York:1:212|Los Angeles:1:213|Chicago:1:312|Toronto:1:416|Vancouver:1:604'),
	foreign('Europe', 30, 'London:44:20|Hamburg:49:40|Paris:33:1|Milan:39:02|Rotterdam:31:10'),
	foreign('Southeast Asia', 25, 'Singapore:65:|Bangkok:66:2|Kuala Lumpur:60:3|Ho Chi Minh City:84:28')
];

/** Parts of a mainland address: districts ('' = none), road names, road kinds. */
export const ZH_DISTRICTS = ['高新区', '经济开发区', '工业园区', '新区', '', ''];
export const ZH_ROADS = w('人民 中山 建设 解放 和平 长江 黄河 科技 创业 工业 文化 延安 滨江 学府 新华 迎宾 世纪 金融 东风 胜利');
export const ZH_ROAD_KINDS = w('路 路 路 大道 街');
export const EN_STREETS = bar(
	'Main Street|Market Street|Oak Avenue|Park Road|King Street|High Street|Harbour Road|Industrial Way|Commerce Drive|Station Road'
);

/** Channels as "label:weight". */
export const ZH_SOURCES = pairs(w('展会:18 转介绍:16 官网:12 电话营销:10 微信:14 阿里巴巴:6 百度推广:5 抖音:4 地推:4 1688:3'));
export const EN_SOURCES = pairs(
	bar('Trade show:18|Referral:16|Website:14|Cold call:8|LinkedIn:10|Alibaba.com:8|Email campaign:6|Canton Fair:8')
);

export const ZH_TAGS = w('VIP 重点客户 老客户 新客户 经销商大会 大客户 价格敏感 待回访 样品已寄 春节问候 展会客户 战略合作');
export const EN_TAGS = bar('VIP|key account|export|sample sent|price sensitive|OEM|follow-up|distributor meeting');

export const ZH_OCCUPATIONS = w('采购经理 总经理 销售总监 工程师 教师 医生 个体户 店主 财务主管 设计师 项目经理 行政主管 创业者');
export const EN_OCCUPATIONS = bar(
	'Purchasing Manager|CEO|Sales Director|Engineer|Teacher|Doctor|Store Owner|Designer|Project Manager|Buyer|Office Manager'
);

export const ZH_PREFERENCES = w('喜欢微信沟通 注重性价比 偏好上午联系 要求含税报价 月结30天 偏好海运 关注售后服务 喜欢尝试新品 只接受现款现货');
export const EN_PREFERENCES = bar(
	'Prefers email|Price-driven|Values fast delivery|Net 30 payment terms|Prefers calls in the morning|Quality over price|Ships by sea'
);

export const ZH_NOTES = w(
	'展会上认识，对新品很感兴趣。 老板比较忙，建议下午联系。 已寄样品，等待客户反馈。 年底有采购计划，需重点跟进。 价格比较敏感，注意报价策略。 通过老客户介绍，信任度较高。 上次投诉已处理，客户表示满意。 需要开具增值税专用发票。'
);
export const EN_NOTES = bar(
	'Met at the trade show; interested in the new range.|Prefers email over phone calls.|Samples sent, waiting for feedback.|Budget approved for a Q1 purchase.|Price-sensitive; compares competitor quotes.|Referred by an existing customer.|Asked for a catalogue and price list.'
);

/** Free mail providers; qq.com and 163.com dominate in mainland China. */
export const ZH_MAIL = pairs(w('qq.com:30 163.com:25 126.com:10 sina.com:5 foxmail.com:8 139.com:4 hotmail.com:3 gmail.com:3'));
export const EN_MAIL = pairs(w('gmail.com:40 outlook.com:20 hotmail.com:10 yahoo.com:10 icloud.com:8 qq.com:4'));
export const ORG_MAILBOXES = w('sales info service purchase contact admin market');
export const TLDS = w('.com .com .com.cn .cn .net');

/** Mainland mobile prefixes in use (China Mobile, Unicom, Telecom, virtual operators). */
export const MOBILE_PREFIXES = w(
	'130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 170 176 177 178 180 181 182 183 185 186 187 188 189 191 198 199'
);

/** Job titles of contact persons, "title:weight". */
export const ZH_POSITIONS = pairs(
	w('采购经理:20 总经理:10 采购专员:10 财务经理:8 项目经理:8 销售经理:6 副总经理:6 行政主管:5 技术总监:5 外贸业务员:4 运营总监:4 质量经理:4 仓库主管:3 董事长:3 总经理助理:3')
);
export const EN_POSITIONS = pairs(
	bar(
		'Purchasing Manager:20|Buyer:10|General Manager:8|Procurement Specialist:8|Finance Manager:6|Project Manager:6|Sales Director:5|Operations Manager:5|CEO:4|Technical Director:4|Office Manager:4|Quality Manager:3|Supply Chain Manager:3'
	)
);
export const ZH_CONTACT_NOTES = w('决策人 负责日常下单 喜欢喝茶 对账请找她 技术问题找他 只接受微信沟通 周末不接电话 新上任，需建立关系');
export const EN_CONTACT_NOTES = bar('Decision maker|Places the regular orders|Handles invoices|Technical questions go to them|Prefers WeChat|New in the role');

/** Activity subjects by activity type. */
export const ZH_SUBJECTS: Record<string, string[]> = {
	call: w('电话回访 报价跟进 确认交期 催收货款 样品反馈 售后问题回访 邀约拜访 新品介绍'),
	visit: w('上门拜访 工厂参观 客户现场考察 节日拜访 售后现场处理 合同签订'),
	meeting: w('合同洽谈 年度采购计划会 技术交流会 价格谈判 项目启动会 季度业务回顾'),
	email: w('发送报价单 发送产品目录 合同草案 发票寄出通知 发货通知 付款提醒'),
	message: w('微信跟进 发送产品图片 确认收货 节日问候 报价确认 发送物流单号'),
	note: w('客户情况备注 竞品信息 内部讨论 采购计划变化 客户反馈记录')
};
export const EN_SUBJECTS: Record<string, string[]> = {
	call: bar('Follow-up call|Quote follow-up|Delivery date check|Payment reminder|Sample feedback|After-sales check-in|New range intro'),
	visit: bar('Site visit|Factory tour|Quarterly visit|On-site support|Contract signing'),
	meeting: bar('Contract negotiation|Annual purchase planning|Technical review|Price negotiation|Kick-off meeting|Quarterly business review'),
	email: bar('Quotation sent|Catalogue sent|Draft contract|Invoice sent|Shipping notice|Payment reminder'),
	message: bar('Quick follow-up|Product photos|Delivery confirmed|Season greetings|Quote confirmed|Tracking number'),
	note: bar('Account notes|Competitor info|Internal discussion|Purchase plan changed|Customer feedback')
};
export const ZH_ACTIVITY_NOTES = w(
	'客户对价格有异议，需要再申请折扣。 下个月有一批新订单，注意备货。 对样品质量满意，准备小批量试单。 客户在比较两家供应商，本周内给答复。 付款流程在走审批，预计月底到账。 需要补充产品认证资料。 客户反馈包装有破损，已安排补发。 约好下周再沟通具体方案。'
);
export const EN_ACTIVITY_NOTES = bar(
	'Asked for a better price; will check with management.|A new order is expected next month.|Happy with the samples; planning a trial order.|Comparing two suppliers; decision this week.|Payment is in approval, expected by month end.|Needs our product certificates.|Some cartons arrived damaged; replacement arranged.|Agreed to talk again next week.'
);

/** Task titles. */
export const ZH_TASKS = w('回访客户 发送报价单 寄送样品 确认订单交期 催收货款 安排拜访 准备合同 跟进样品反馈 更新客户资料 发送新品目录 确认发票信息 节日问候');
export const EN_TASKS = bar(
	'Call back|Send quotation|Ship samples|Confirm delivery date|Chase payment|Schedule a visit|Prepare contract|Follow up on samples|Update account details|Send new catalogue|Confirm invoice details'
);
export const ZH_TASK_NOTES = w('客户要求尽快回复 注意含税价格 先和财务确认 带上新品样册 需要经理审批');
export const EN_TASK_NOTES = bar('Customer asked for a quick reply|Quote incl. VAT|Check with finance first|Bring the new catalogue|Needs manager approval');
