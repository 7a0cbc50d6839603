// Text encodings of the files spreadsheet programs and phones write: UTF-8 (with or without a
// byte order mark), UTF-16 LE/BE, GBK/GB18030 (mainland Excel and WPS) and Big5 (Taiwan, Hong
// Kong). Decoding uses TextDecoder (browsers, workers and Node with full ICU all have these).

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'big5'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Characters common in Chinese business data, in simplified and traditional forms. */
const COMMON =
	'的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经去法学如都同现当没动面起看定天分还进好小部其些主样理心本前开但因只从想实日者意无力与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应向头文体美相见被利什二等产或新己制身果加西月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直资命山金指许统区保至形社便空决治展马科司五基书非则听白界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功包片史委查轻易早曾除农找装广显阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湖钟奥' +
	'這個們來為國說時會對於著過發後裡經麼學現當沒動還進樣實無與長機開間問關點業將兩應頭體見產種當從們務電數報結總區張該條書師觀傳華單價團戶標號碼郵箱聯絡負責區縣鎮樓廣東灣臺雲貿易實業發展電子機械設備網絡資訊廣告餐飲運輸員錢銷售設計辦處話錄戶來源籤備註稱聯繫項訂購額網頁職稱門區劉陳楊黃趙吳孫馬羅鄭謝許韓馮鄧蕭葉蘇呂盧鍾譚陸鄒賀顧龔萬嚴湯' +
	'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤' +
	'公司有限责任股份集团科技贸易实业发展电子机械工程建设技术服务网络信息广告文化传媒餐饮酒店物流商贸制造省市区县路街道号楼室镇村北京上海广州深圳杭州南京成都武汉天津重庆姓名客户名称手机电话邮箱地址地区行业负责人来源标签备注联系职位产品订单数量单价金额日期';

let common: Set<number> | null = null;
function commonSet(): Set<number> {
	if (!common) common = new Set([...COMMON].map((c) => c.codePointAt(0)!));
	return common;
}

function decoder(enc: Encoding, fatal = false): TextDecoder {
	return new TextDecoder(enc, { fatal, ignoreBOM: false });
}

function isUtf8(bytes: Uint8Array): boolean {
	try {
		decoder('utf-8', true).decode(bytes);
		return true;
	} catch {
		return false;
	}
}

// UTF-16 without a byte order mark: ASCII characters (digits, commas, line breaks) put a zero
// in the high byte, which is every odd byte in little endian and every even byte in big endian.
function utf16ByZeros(bytes: Uint8Array): Encoding | null {
	const n = Math.min(bytes.length, 4096) & ~1;
	if (n < 4) return null;
	let even = 0;
	let odd = 0;
	for (let i = 0; i < n; i += 2) {
		if (bytes[i] === 0) even++;
		if (bytes[i + 1] === 0) odd++;
	}
	const pairs = n / 2;
	if (odd > pairs * 0.1 && even < pairs * 0.01) return 'utf-16le';
	if (even > pairs * 0.1 && odd < pairs * 0.01) return 'utf-16be';
	return null;
}

/** How well a decoding reads as Chinese: common characters count, replacement characters cost. */
function chineseScore(text: string): number {
	const set = commonSet();
	let score = 0;
	for (const ch of text) {
		const c = ch.codePointAt(0)!;
		if (c === 0xfffd) score -= 5;
		else if (set.has(c)) score += 1;
		else if (c >= 0xe000 && c <= 0xf8ff) score -= 2; // private use: a wrong guess
	}
	return score;
}

/**
 * The encoding of a file's bytes: a byte order mark if there is one; UTF-16 by its zero bytes;
 * UTF-8 if the bytes are valid UTF-8; otherwise GB18030 or Big5, whichever decoding reads
 * more like Chinese text (scored over the first 64 KB).
 */
export function detectEncoding(bytes: Uint8Array): Encoding {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
	const u16 = utf16ByZeros(bytes);
	if (u16) return u16;
	const head = bytes.subarray(0, 65536);
	// A cut in the middle of a multi-byte character at the end of the sample is not an error.
	if (isUtf8(bytes.length > head.length ? trimPartial(head) : head)) return 'utf-8';
	const gb = chineseScore(decoder('gb18030').decode(head));
	const big5 = chineseScore(decoder('big5').decode(head));
	return big5 > gb ? 'big5' : 'gb18030';
}

function trimPartial(b: Uint8Array): Uint8Array {
	let end = b.length;
	for (let k = 0; k < 3 && end > 0 && (b[end - 1] & 0xc0) === 0x80; k++) end--;
	if (end > 0 && b[end - 1] >= 0xc0) end--;
	return b.subarray(0, end);
}

/** Decodes bytes with the chosen encoding, or the detected one for 'auto'; drops a byte order mark. */
export function decodeBytes(bytes: Uint8Array, choice: Encoding | 'auto' = 'auto'): { text: string; encoding: Encoding } {
	const encoding = choice === 'auto' ? detectEncoding(bytes) : choice;
	let text = decoder(encoding).decode(bytes);
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	return { text, encoding };
}
