/**
 * Language of subtitle text, so an untagged `movie.srt` can still be labelled. Script decides
 * first (Cyrillic, Latin, others); within a script, the share of very frequent function words
 * picks the language. Results are BCP 47 primary language subtags (RFC 5646) or `und`.
 */

export interface LanguageGuess {
  /** BCP 47 tag: `ru`, `en`, … or `und` when unsure. */
  language: string;
  confidence: number;
  script: 'Cyrl' | 'Latn' | 'other' | 'none';
}

const STOPWORDS: Record<string, string> = {
  ru: 'и в не на я что он с как это а то все она так его но да ты к у же вы за бы по её ее мне было вот от меня ещё еще нет о из ему когда даже ну ли если уже или ни быть был него до вас опять вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам без чего тоже себе под будет тогда кто этот того потому этого какой здесь мой чтобы сейчас были куда зачем всех можно при хорошо тебе меня знаю',
  uk: 'і в не на я що він з як це а то все вона так його але та ти до у же ви за би по її мені було ось від мене ще ні о із йому коли навіть чи якщо вже або бути був нього вас там потім себе нічого їй може вони тут де є треба для ми тебе їх чим була сам без чого теж собі під буде тоді хто цей того тому цього який тут мій щоб зараз',
  bg: 'и в не на аз че той с как това а то всичко тя така го но да ти към у вие за би по ѝ ми беше ето от мен още не о из му когато дори ли ако вече или нито съм бил него до вас там после себе нищо може те тук къде има трябва за ние теб техни',
  en: "the and to of a i you it in that is was he for on are with as his they be at one have this from or had by but not what all were we when your can said there use an each which she do how their if will up about out many then them so some her would make like him into time has look two more go see no way could my than been who its now did get come made may i'm don't it's you're that's know yes okay oh",
  fr: "le la les de des du un une et est en que qui dans pour pas ne vous je il elle nous ils sur avec ce cette mais ou au aux se sa son ses plus tout bien oui non c'est je suis j'ai moi toi lui y a",
  de: 'der die das und ist nicht ich du er sie es wir ihr ein eine zu in den dem mit auf für von sich auch so was wie aber noch nur ja nein mein dein bin bist hat haben war',
  es: 'el la los las de del y que en un una es no se por con para su al lo como más pero sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos yo tú te qué',
  it: 'il lo la i gli le di da in con su per tra fra e che non un una è mi ti ci si sono sei ho hai ha come ma anche più questo quello io tu lui lei noi voi loro del della',
};

const SETS = new Map(Object.entries(STOPWORDS).map(([k, v]) => [k, new Set(v.split(' '))]));
const BY_SCRIPT: Record<'Cyrl' | 'Latn', string[]> = {
  Cyrl: ['ru', 'uk', 'bg'],
  Latn: ['en', 'fr', 'de', 'es', 'it'],
};

export function detectLanguage(text: string): LanguageGuess {
  const plain = text.replace(/<[^>]*>/g, ' ').replace(/\{[^}]*\}/g, ' ');
  let cyr = 0;
  let lat = 0;
  let other = 0;
  for (const ch of plain) {
    if (/[\u0400-\u04ff]/.test(ch)) cyr++;
    else if (/[A-Za-z\u00c0-\u024f]/.test(ch)) lat++;
    else if (/\p{L}/u.test(ch)) other++;
  }
  const letters = cyr + lat + other;
  if (letters < 3) return { language: 'und', confidence: 0, script: 'none' };
  if (other > cyr && other > lat) return { language: 'und', confidence: 0.5, script: 'other' };
  const script: 'Cyrl' | 'Latn' = cyr >= lat ? 'Cyrl' : 'Latn';
  const scriptShare = (script === 'Cyrl' ? cyr : lat) / letters;
  const words = plain
    .toLowerCase()
    .split(/[^\p{L}']+/u)
    .filter((w) => w !== '')
    .filter((w) => (script === 'Cyrl' ? /[\u0400-\u04ff]/.test(w) : /[a-z\u00c0-\u024f]/.test(w)));
  if (words.length === 0) return { language: 'und', confidence: 0, script };
  const hits = BY_SCRIPT[script].map((lang) => {
    const set = SETS.get(lang)!;
    let n = 0;
    for (const w of words) if (set.has(w)) n++;
    return { lang, share: n / words.length };
  });
  // Letters unique to a language are strong evidence (Ukrainian і ї є ґ; Bulgarian ъ as a vowel
  // is too subtle for this, so Bulgarian relies on words).
  if (script === 'Cyrl') {
    const uk = (plain.match(/[іїєґІЇЄҐ]/g) ?? []).length;
    const ruOnly = (plain.match(/[ыэъЫЭЪ]/g) ?? []).length;
    const ukHit = hits.find((h) => h.lang === 'uk')!;
    const ruHit = hits.find((h) => h.lang === 'ru')!;
    if (uk > ruOnly) ukHit.share += 0.2;
    else if (ruOnly > uk) ruHit.share += 0.1;
  }
  hits.sort((a, b) => b.share - a.share);
  const best = hits[0]!;
  const second = hits[1]!;
  // Typical dialogue has 25-45% function words; under ~8% the text is too short or in a
  // language we do not model.
  if (best.share < 0.08) return { language: 'und', confidence: 0.3, script };
  const margin = best.share - second.share;
  const confidence = Math.min(
    0.99,
    scriptShare * (0.5 + margin * 3) * Math.min(1, words.length / 8),
  );
  return { language: best.lang, confidence: Math.round(confidence * 100) / 100, script };
}
