/**
 * Language models for the East Asian multi-byte code pages: Shift_JIS and EUC-JP (Japanese),
 * GB18030/GBK (simplified Chinese), Big5 (traditional Chinese), EUC-KR (Korean).
 *
 * Each of these decoders turns almost any run of high bytes into some character, so validity
 * alone does not separate them: Big5 text read as GBK is valid GBK, and EUC-JP read as GB18030
 * keeps its kana (both put hiragana on row 4). What separates them is whether the characters are
 * the common ones of the language: about 60% of running Chinese is its 500 commonest hanzi,
 * most Japanese is kana and the commonest kanji, most Korean the commonest few hundred Hangul
 * syllables, while a wrong code page scatters over thousands of rare characters. Each decoded
 * candidate is scored under each language, character by character, on the same scale as the
 * single-byte models (real text about +1 a character, a wrong code page at or below 0), and
 * under the language that explains it best. The lists below are ours, written from general
 * knowledge of which characters are frequent, not copied from a corpus.
 */
import iconv from 'iconv-lite';

export type MultiByteEncoding = 'shift_jis' | 'euc-jp' | 'gb18030' | 'big5' | 'euc-kr';

export const MULTI_BYTE_ENCODINGS: readonly MultiByteEncoding[] = [
  'shift_jis',
  'euc-jp',
  'gb18030',
  'big5',
  'euc-kr',
];

// The commonest simplified Chinese characters, roughly in order of frequency.
const HANS = new Set([
  ...('的一是不了人我在有他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成' +
    '方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日者意无力它与长把机十民第公此已工使情' +
    '明性知全三又关点正业外将两高间由问很最重并物手应战向头文体相见被利什二等产或新己制身果加西月话合回特代内信表化老给世位次' +
    '度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感' +
    '建务做接必场件计管期市直资命山金指许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路' +
    '记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服' +
    '快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示' +
    '复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专' +
    '费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严' +
    '巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网' +
    '热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜' +
    '省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范'),
]);

// Traditional forms of common characters whose simplified form differs.
const HANT_ONLY =
  '們這個來為說時會國對過發後還沒麼學問點開從現樣經見動種長進裡兩頭關機業實員幾電應當與將無體變話聽嗎給讓邊覺認氣總條處風愛車歲錢東媽爸號聲讀寫書難離親隊軍戰師務報團層區產歷飛醫殺夢晚準備衛單錯謝請訴誰紙靜傳買賣貴廣廳樓歡陽陰隨導劇寶劍鐘藥輕鬆斷顯記語論談議許設試詩該識護訊調課詞誤誠門問間聞閉開關歸們萬與專業東兩嚴個豐臨為麗舉麼義樂習鄉書買亂爭於虧雲亞產親億僅從侖倉儀們價眾優夥會傘偉傳傷倫偽體餘傭僉俠侶僥偵側僑儂儈儉債傾働兌黨蘭關興茲養獸內岡冊寫軍農馮衝決況凍淨準涼減湊凜幾鳳鳧憑凱擊鑿芻劃劉則剛創刪別剄劊劌剴劑剮劍剝劇勸辦務勱動勵勁勞勢勳勻匭匱區醫華協單賣盧鹵臥衛卻巹廠廳曆厲壓厭厙廁廂厴廈廚廄廝縣參雙發變敘疊葉號歎嘰籲後嚇呂嗎唚噸聽啟吳嘸囈嘔嚦唄員咼嗆嗚詠哢嚨嚀噝吒響啞噠嘵嗶噦嘩噲嚌噥喲嘜嗊嘮啢嗩唕喚嘖嗇囀齧囉嘽嘯噴嘍嚳囁嗬噯噓嚶囑嚕劈囂謔團園囪圍圇國圖圓聖壙場壞塊堅壇壢壩塢墳墜壟壚壘墾坰堊墊埡墶壋塏堖塒塤堝墊垵塹墮壪牆壯聲殼壺壼處備復夠頭誇夾奪奩奐奮獎奧妝婦媽嫵嫗媯姍薑婁婭嬈嬌孌娛媧嫻嫿嬰嬋嬸媼嬡嬪嬙嬤孫學孿寧寶實寵審憲宮寬賓寢對尋導壽將爾塵堯尷屍盡層屭屜屆屬屢屨嶼歲豈嶇崗峴嶴嵐島嶺嶽崠巋嶨嶧峽嶢嶠崢巒嶗崍嶮嶄嶸嶔崳嶁脊巔鞏巰幣帥師幃帳簾幟帶幀幫幬幘幗冪襆幹並廣莊慶廬廡庫應廟龐廢廎廩開異棄張彌弳彎彈強歸當錄彠彥徹徑徠禦憶懺憂愾懷態慫憮慪悵愴憐總懟懌戀懇惡慟懨愷惻惱惲悅愨懸慳憫驚懼慘懲憊愜慚憚慣湣慍憤憒願懾憖懣懶懍戇戔戲戧戰戩戶紮撲扡執擴捫掃揚擾撫拋摶摳掄搶護報擔擬攏揀擁攔擰撥擇掛摯攣掗撾撻挾撓擋撟掙擠揮撏撈損撿換搗據撚擄摑擲撣摻摜摣攬撳攙擱摟攪攜攝攄擺搖擯攤攖撐攆擷擼攛擻攢敵斂數齋斕鬥斬斷無舊時曠暘曇晝曨顯晉曬曉曄暈暉暫曖劄術樸機殺雜權條來楊榪傑極構樅樞棗櫪梘棖槍楓梟櫃檸檉梔柵標棧櫛櫳棟櫨櫟欄樹棲樣欒棬椏橈楨檔榿橋樺檜槳樁夢檮棶檢欞槨櫝槧欏橢樓欖櫬櫚櫸檟檻檳櫧橫檣櫻櫫櫥櫓櫞簷檁歡歟歐殲歿殤殘殞殮殫殯毆毀轂畢斃氈毿氌氣氫氬氳匯漢汙湯洶遝溝沒灃漚瀝淪滄渢溈滬濔濘淚澩瀧瀘濼瀉潑澤涇潔灑窪浹淺漿澆湞溮濁測澮濟瀏滻渾滸濃潯濜塗湧濤澇淶漣潿渦溳渙滌潤澗漲澀';
const HANT = new Set<string>();

/** Which of the common simplified characters Big5 also holds (most of the commonest are shared). */
function buildHant(): Set<string> {
  if (HANT.size > 0) return HANT;
  for (const c of HANS) if (encodable(c, 'big5')) HANT.add(c);
  for (const c of HANT_ONLY.slice(0, 900)) HANT.add(c);
  return HANT;
}

// Common kanji of Japanese dialogue (shinjitai).
const JA = new Set([
  ...'日一国人年大十二本中長出三時行見月分後前生五間上東四今金九入学高円子外八六下来気小七山話女北午百書先名川千水半男西電校語土木聞食車何南万毎白天母火右読友左休父雨私僕君彼言思知事自会手目的者方物家世界最当通意味持続待帰答問題心感考同全部発動作使取受変明元好合場所地道足楽死殺愛夢夜朝昨駅遅泣黙静海村届紙曜夫妻娘息兄姉弟妹様願頼早急止走逃助違悪良真実嘘必要無理信仕警察病院医薬飲飯酒茶店屋窓戸開閉始終送返連絡番号誰俺達顔声頭体命神様魔法力戦王国城敵味方勝負負逃隠探調査件犯罪証拠殺人刑事課長社員会議部屋電車乗降歩走飛泳落着服着替寝起覚忘覚悟決定予定約束期限時代過去未来現在以前以後最初最後途中間違正直素直簡単複雑不安心配大丈夫残念結婚離婚恋人彼女彼氏友達仲間家族両親祖父祖母息子娘赤子供大人若年寄老顔目耳口鼻手足指髪血涙汗笑泣怒喜悲苦痛辛甘美味不味熱冷暖寒暑強弱速遅高低長短新古多少広狭重軽明暗近遠深浅太細厚薄黒赤青緑黄色音楽映画写真絵歌踊舞台劇場公園駅港空港橋道路線路島森林花草木石岩砂土空雲星雪風嵐雷晴曇虹波湖池泉谷丘坂町都市県区府府庁役所銀行郵便局図書館学校教室先生生徒学生授業試験宿題勉強研究練習経験説明紹介案内連絡相談質問返事文字漢字英語言葉意見気持感情性格態度習慣趣味興味関係理由原因結果目的方法手段計画準備用意支度掃除洗濯料理買物仕事会社給料値段円払借貸返渡受取送届配達到着出発入口出口上下左右前後内外東西南北春夏秋冬季節週末休日祝日誕生記念初恋運命奇跡秘密約束裏切許謝感謝失礼申訳',
]);

// The commonest Hangul syllables of Korean dialogue.
const KO = new Set([
  ...'이다는요가고지에어나하서을를의도기리아사게해있한그로자니면으내대거수시우마라정주세제원보까데여저일만전인부상생것말들네오없였했습죠걸할안좋알너무래건적소구장신러잘미비모경국바성동선실무야진계금명공감개호회중유위행방물분연문식심관화발운학간발히화같각및행결형당통강날곳집엄빠왜뭐때봐줘되된될돼됐왔갔했겠싶어요죠걱정말씀드렸드려주세요고마워미안해사랑해괜찮아그래서그런데그리고하지만그럼벌써지금오늘내일어제아침점심저녁밤낮시간분초년월일역기차버스택시비행배길집방문창밖안위아래앞뒤옆엄마아빠형누나오빠언니동생친구선생님학교회사병원경찰편지마을바다산강하늘별달해눈비바람꽃나무물불돈밥술차커피왜누가어디언제무엇어떻게얼마몇많적크작높낮길짧빠느뜨차따좋싫나쁘예쁘멋있재미없슬프기쁘화나무섭외롭피곤배고프목마르아프죽살찾잃알모르믿잊기억생각느끼보듣말하쓰읽먹마시자일어나앉서걷뛰오가들나타만나헤어지기다리돌아오떠나울웃싸우도와주받드리놓두넣빼열닫켜끄입벗씻고치만들부르노래춤추운전놀공부일하쉬자고꿈희망약속비밀진실거짓마음사람남자여자아이어른아저씨아줌마할머니할아버지아들딸남편아내결혼가족이름나이얼굴손발머리눈코입귀몸옷신발모자가방책상의자침대밥상',
]);

const cache = new Map<string, boolean>();

/** Whether a character exists in a code page (its encoding decodes back to it). */
function encodable(ch: string, enc: string): boolean {
  const key = enc + ch;
  let v = cache.get(key);
  if (v === undefined) {
    const b = iconv.encode(ch, enc);
    v = iconv.decode(b, enc) === ch && !(b.length === 1 && b[0] === 0x3f);
    if (enc === 'gbk' && v) v = b.length === 2 && b[0]! >= 0xa1 && b[1]! >= 0xa1; // GB2312 proper
    cache.set(key, v);
  }
  return v;
}

type Lang = 'ja' | 'zh-Hans' | 'zh-Hant' | 'ko';
const LANGS: Lang[] = ['ja', 'zh-Hans', 'zh-Hant', 'ko'];

const COMMON_PUNCT = new Set([...'、。「」『』（）！？：；，・…〜～“”‘’—　〇《》【】％']);

const isHan = (c: number): boolean =>
  (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
const isHira = (c: number): boolean => c >= 0x3041 && c <= 0x309f;
const isKata = (c: number): boolean => c >= 0x30a0 && c <= 0x30ff;
const isHangul = (c: number): boolean => c >= 0xac00 && c <= 0xd7a3;

function charScore(ch: string, prev: string, lang: Lang): number {
  const c = ch.codePointAt(0)!;
  if (isHira(c) || isKata(c)) {
    if (lang !== 'ja') return -3;
    return isHira(c) ? 1.2 : 0.8;
  }
  if (isHan(c)) {
    switch (lang) {
      case 'ja':
        if (JA.has(ch)) return 1.5;
        return encodable(ch, 'shift_jis') ? -0.3 : -4;
      case 'zh-Hans':
        if (HANS.has(ch)) return 1.5;
        return encodable(ch, 'gbk') ? -0.5 : -1.5;
      case 'zh-Hant':
        if (buildHant().has(ch)) return 1.5;
        return encodable(ch, 'big5') ? -0.5 : -4;
      case 'ko':
        return encodable(ch, 'euc-kr') ? -1 : -4;
    }
  }
  if (isHangul(c)) {
    if (lang !== 'ko') return -3;
    return KO.has(ch) ? 1.5 : -0.2;
  }
  if (ch === '々') return lang === 'ja' && prev !== '' && isHan(prev.codePointAt(0)!) ? 0.5 : -3;
  if (COMMON_PUNCT.has(ch)) return 0.3;
  if (c >= 0xff10 && c <= 0xff5a) return 0; // full-width digits and Latin letters
  if (ch === '\ufffd') return -8;
  if (c >= 0xe000 && c <= 0xf8ff) return -6; // private use
  if (c >= 0xff61 && c <= 0xff9f) return -2; // half-width katakana: rare in modern files
  return -4;
}

/**
 * Scores a multi-byte candidate's decoded text under the language that fits it best. Returns
 * the score and the count of non-ASCII characters it was measured on.
 */
export function cjkPlausibility(text: string): { score: number; chars: number; lang: Lang } {
  const totals = new Float64Array(LANGS.length);
  let chars = 0;
  const all = [...text];
  for (let i = 0; i < all.length; i++) {
    const ch = all[i]!;
    if (ch.charCodeAt(0) < 0x80) continue;
    chars++;
    const prev = all[i - 1] ?? '';
    for (let k = 0; k < LANGS.length; k++) totals[k] = totals[k]! + charScore(ch, prev, LANGS[k]!);
    // A CJK character glued to a Latin letter ("Versp則ung") is a Western accented letter read
    // as the lead byte of a pair.
    if (/[A-Za-z]/.test(prev) || /[A-Za-z]/.test(all[i + 1] ?? '')) {
      for (let k = 0; k < LANGS.length; k++) totals[k] = totals[k]! - 4;
    }
  }
  let best = 0;
  for (let k = 1; k < LANGS.length; k++) if (totals[k]! > totals[best]!) best = k;
  return { score: totals[best]!, chars, lang: LANGS[best]! };
}
