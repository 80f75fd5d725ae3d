/**
 * Encoding detection (run: node --import tsx bench/subtitles/encoding.ts [--verbose]).
 *
 * Subtitle files of realistic size (60 cues) are assembled from our own sentences in each
 * language, encoded in each legacy code page that language is written in, and detected. A
 * file is right when the decoded text is the original (two code pages that give the same text
 * count as right), unsure when the detector says so (the CLI then exits 3 and asks for
 * --encoding), and confident-wrong otherwise — the one outcome that must not happen. Files in
 * code pages we have no model for must come back unsure, never confidently wrong.
 * Goal: ≥ 95% right over the modelled encodings, 0 confident-wrong everywhere.
 */
import iconv from 'iconv-lite';
import { decodeSubtitleBytes } from '../../src/modules/subtitles/index.ts';

const verbose = process.argv.includes('--verbose');

const TEXTS: Record<string, string[]> = {
  ru: [
    'Мама, где ты? Я жду тебя на вокзале.',
    'Поезд опаздывает уже на два часа.',
    'СКАЖИ МНЕ ПРАВДУ, ПОЖАЛУЙСТА.',
    'Он вернётся завтра утром, я знаю.',
    'Не плачь, всё будет хорошо.',
    'Съешь ещё этих мягких французских булок.',
    'Почему ты молчишь? Ответь мне!',
    'Письмо пришло из деревни в пятницу.',
  ],
  pl: [
    'Mamo, gdzie jesteś? Czekam na dworcu.',
    'Pociąg spóźnia się już dwie godziny.',
    'Powiedz mi prawdę, proszę.',
    'On wróci jutro rano, wiem to.',
    'Nie płacz, wszystko będzie dobrze.',
    'Zażółć gęślą jaźń, mówiła babcia.',
    'Dlaczego milczysz? Odpowiedz mi!',
    'List przyszedł ze wsi w piątek.',
  ],
  cs: [
    'Mami, kde jsi? Čekám na nádraží.',
    'Vlak má zpoždění už dvě hodiny.',
    'Řekni mi pravdu, prosím.',
    'Vrátí se zítra ráno, já to vím.',
    'Neplač, všechno bude dobré.',
    'Příliš žluťoučký kůň úpěl ďábelské ódy.',
    'Proč mlčíš? Odpověz mi!',
    'Dopis přišel z vesnice v pátek.',
  ],
  hu: [
    'Anya, hol vagy? A pályaudvaron várok.',
    'A vonat már két órát késik.',
    'Mondd meg az igazat, kérlek.',
    'Holnap reggel visszajön, tudom.',
    'Ne sírj, minden rendben lesz.',
    'Árvíztűrő tükörfúrógép a műhelyben.',
    'Miért hallgatsz? Válaszolj!',
    'A levél pénteken jött a faluból.',
  ],
  de: [
    'Mama, wo bist du? Ich warte am Bahnhof.',
    'Der Zug hat schon zwei Stunden Verspätung.',
    'Sag mir die Wahrheit, bitte.',
    'Er kommt morgen früh zurück, ich weiß es.',
    'Weine nicht, alles wird gut.',
    'Über die Brücke, schnell! Die Straße ist gesperrt.',
    'Warum schweigst du? Antworte mir!',
    'Der Brief kam am Freitag aus dem Dorf.',
  ],
  fr: [
    'Maman, où es-tu ? Je t’attends à la gare.',
    'Le train a déjà deux heures de retard.',
    'Dis-moi la vérité, s’il te plaît.',
    'Il reviendra demain matin, je le sais.',
    'Ne pleure pas, tout ira bien.',
    'Ça coûte cher, mais c’est l’été.',
    'Pourquoi te tais-tu ? Réponds-moi !',
    'La lettre est arrivée du village vendredi.',
  ],
  es: [
    'Mamá, ¿dónde estás? Te espero en la estación.',
    'El tren ya lleva dos horas de retraso.',
    'Dime la verdad, por favor.',
    'Volverá mañana por la mañana, lo sé.',
    'No llores, todo saldrá bien.',
    '¡Qué niño tan pequeño!',
    '¿Por qué callas? ¡Contéstame!',
    'La carta llegó del pueblo el viernes.',
  ],
  el: [
    'Μαμά, πού είσαι; Σε περιμένω στον σταθμό.',
    'Το τρένο έχει ήδη δύο ώρες καθυστέρηση.',
    'Πες μου την αλήθεια, σε παρακαλώ.',
    'Θα γυρίσει αύριο το πρωί, το ξέρω.',
    'Μην κλαις, όλα θα πάνε καλά.',
    'ΓΙΑΤΙ ΣΩΠΑΙΝΕΙΣ; ΑΠΑΝΤΗΣΕ ΜΟΥ!',
    'Το γράμμα ήρθε από το χωριό την Παρασκευή.',
    'Η θάλασσα ήταν ήσυχη εκείνο το βράδυ.',
  ],
  he: [
    'אמא, איפה את? אני מחכה בתחנה.',
    'הרכבת מאחרת כבר שעתיים.',
    'תגידי לי את האמת, בבקשה.',
    'הוא יחזור מחר בבוקר, אני יודע.',
    'אל תבכי, הכול יהיה בסדר.',
    'למה את שותקת? תעני לי!',
    'המכתב הגיע מהכפר ביום שישי.',
    'הים היה שקט באותו ערב.',
  ],
  tr: [
    'Anne, neredesin? Seni istasyonda bekliyorum.',
    'Tren şimdiden iki saat gecikti.',
    'Bana doğruyu söyle, lütfen.',
    'Yarın sabah dönecek, biliyorum.',
    'Ağlama, her şey yoluna girecek.',
    'Neden susuyorsun? Cevap ver bana!',
    'Mektup cuma günü köyden geldi.',
    'Deniz o akşam çok sakindi.',
  ],
  ar: [
    'أمي، أين أنت؟ أنا أنتظرك في المحطة.',
    'القطار متأخر ساعتين بالفعل.',
    'قولي لي الحقيقة من فضلك.',
    'سيعود غدا صباحا، أنا أعرف.',
    'لا تبكي، كل شيء سيكون بخير.',
    'لماذا تصمتين؟ أجيبيني!',
    'وصلت الرسالة من القرية يوم الجمعة.',
    'كان البحر هادئا في تلك الليلة.',
  ],
  lt: [
    'Mama, kur tu? Laukiu stotyje.',
    'Traukinys vėluoja jau dvi valandas.',
    'Pasakyk man tiesą, prašau.',
    'Jis grįš rytoj ryte, aš žinau.',
    'Neverk, viskas bus gerai.',
    'Kodėl tyli? Atsakyk man!',
    'Laiškas atėjo iš kaimo penktadienį.',
    'Jūra tą vakarą buvo rami.',
  ],
  ja: [
    'お母さん、どこにいるの？駅で待っています。',
    '電車はもう二時間遅れています。',
    '本当のことを言ってください。',
    '彼は明日の朝に帰ってきます。',
    '泣かないで、大丈夫だよ。',
    'どうして黙っているの？',
    '手紙は金曜日に村から届いた。',
    'その夜、海は静かだった。',
  ],
  zh: [
    '妈妈，你在哪里？我在车站等你。',
    '火车已经晚点两个小时了。',
    '请告诉我真相。',
    '他明天早上回来，我知道。',
    '别哭，一切都会好的。',
    '你为什么不说话？回答我！',
    '信是星期五从村里寄来的。',
    '那天晚上海很平静。',
  ],
  ko: [
    '엄마, 어디 있어요? 역에서 기다리고 있어요.',
    '기차가 벌써 두 시간이나 늦었어요.',
    '진실을 말해 주세요.',
    '그는 내일 아침에 돌아올 거예요.',
    '울지 마, 다 괜찮을 거야.',
    '왜 말이 없어요? 대답해 주세요!',
    '편지는 금요일에 마을에서 왔어요.',
    '그날 밤 바다는 조용했어요.',
  ],
};

/** [language, encoding, modelled?] */
const FILES: [string, string, boolean][] = [
  ['ru', 'windows-1251', true],
  ['ru', 'koi8-r', true],
  ['ru', 'cp866', true],
  ['ru', 'iso-8859-5', true],
  ['ru', 'maccyrillic', true],
  ['pl', 'windows-1250', true],
  ['pl', 'iso-8859-2', true],
  ['cs', 'windows-1250', true],
  ['cs', 'iso-8859-2', true],
  ['hu', 'windows-1250', true],
  ['de', 'windows-1252', true],
  ['de', 'iso-8859-15', true],
  ['fr', 'windows-1252', true],
  ['fr', 'iso-8859-15', true],
  ['es', 'windows-1252', true],
  ['el', 'iso-8859-7', true],
  ['el', 'windows-1253', true],
  ['he', 'windows-1255', true],
  ['ru', 'utf-16le', true],
  ['ru', 'utf-16be', true],
  ['el', 'utf-32le', true],
  ['ja', 'utf-32be', true],
  ['ru', 'ibm855', false],
  ['tr', 'windows-1254', true],
  ['ar', 'windows-1256', false],
  ['lt', 'windows-1257', true],
  ['ja', 'shift_jis', false],
  ['ja', 'euc-jp', false],
  ['zh', 'gb18030', false],
  ['zh', 'big5', false],
  ['ko', 'euc-kr', false],
];

/** A 60-cue SRT file from the language's sentences, in a seeded order. */
function srt(lines: string[], seed: number): string {
  let x = seed * 7919 + 13;
  const out: string[] = [];
  for (let i = 0; i < 60; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const t = 2000 + i * 3500;
    const f = (ms: number): string =>
      `${String(Math.floor(ms / 3_600_000)).padStart(2, '0')}:${String(Math.floor(ms / 60_000) % 60).padStart(2, '0')}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')},${String(ms % 1000).padStart(3, '0')}`;
    out.push(`${i + 1}\n${f(t)} --> ${f(t + 2500)}\n${lines[(x >>> 16) % lines.length]!}\n`);
  }
  return out.join('\n');
}

/** Shorter files too: a short file is where detectors go wrong. */
const SIZES = [60, 8, 2];
const rows: string[] = [];
let modelled = 0;
let modelledRight = 0;
let confidentWrong = 0;
for (const [lang, enc, inModel] of FILES) {
  let right = 0;
  let unsure = 0;
  let wrong = 0;
  const wrongAs: string[] = [];
  for (const size of SIZES) {
    for (let seed = 0; seed < 4; seed++) {
      const full = srt(TEXTS[lang]!, seed + size);
      const text = full.split('\n\n').slice(0, size).join('\n\n');
      const bytes = iconv.encode(text, enc);
      // What the code page can hold of the text (’ does not exist in ISO-8859-15, say).
      const expected = iconv.decode(bytes, enc);
      const d = decodeSubtitleBytes(bytes);
      if (d.unsure) unsure++;
      else if (d.text === expected) right++;
      else {
        wrong++;
        wrongAs.push(`${d.encoding}@${d.confidence}`);
      }
    }
  }
  const n = SIZES.length * 4;
  if (inModel) {
    modelled += n;
    modelledRight += right;
  }
  confidentWrong += wrong;
  rows.push(
    `| ${lang.padEnd(4)} | ${enc.padEnd(12)} | ${inModel ? 'yes' : 'no '} | ${String(right).padStart(5)} | ${String(unsure).padStart(6)} | ${String(wrong).padStart(15)} |${verbose && wrongAs.length ? ` ${wrongAs.join(' ')}` : ''}`,
  );
}
console.log(
  `Encoding detection, ${SIZES.join('/')}-cue files, 4 of each size per encoding\n\n| lang | encoding     | model | right | unsure | confident-wrong |\n|------|--------------|-------|-------|--------|-----------------|`,
);
for (const r of rows) console.log(r);
console.log(
  `\nmodelled encodings: ${modelledRight}/${modelled} right (${((modelledRight / modelled) * 100).toFixed(1)}%); confident-wrong overall: ${confidentWrong}`,
);
