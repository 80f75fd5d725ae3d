/**
 * Sidecar subtitle file names, as Jellyfin and Plex read them: `Title (Year).en.srt`,
 * `Title (Year).en.forced.srt`, `.en.sdh.srt`, `.eng.hi.srt`, `.pt-BR.default.srt`. The part
 * after the video's name is a dot-separated list of a language (ISO 639-1, ISO 639-2/B or /T,
 * a BCP 47 tag, or an English name) and flags. Languages come back as BCP 47 (RFC 5646: the
 * shortest ISO 639 code, so `eng` → `en`).
 */

export interface SidecarInfo {
  /** The video's base name (`Title (Year)`). */
  base: string;
  language?: string;
  forced: boolean;
  /** Hearing-impaired / SDH / closed captions (`sdh`, `hi`, `cc`). */
  sdh: boolean;
  default: boolean;
  extension: string;
}

const SUB_EXT = new Set(['srt', 'vtt', 'ass', 'ssa', 'sub', 'sbv', 'smi', 'txt']);

// ISO 639-2 (B and T) → ISO 639-1 for the languages subtitle files realistically carry.
const ISO3: Record<string, string> = {
  eng: 'en',
  rus: 'ru',
  ukr: 'uk',
  bel: 'be',
  fre: 'fr',
  fra: 'fr',
  ger: 'de',
  deu: 'de',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  pol: 'pl',
  cze: 'cs',
  ces: 'cs',
  slo: 'sk',
  slk: 'sk',
  hun: 'hu',
  rum: 'ro',
  ron: 'ro',
  bul: 'bg',
  srp: 'sr',
  hrv: 'hr',
  slv: 'sl',
  mac: 'mk',
  mkd: 'mk',
  gre: 'el',
  ell: 'el',
  tur: 'tr',
  ara: 'ar',
  heb: 'he',
  per: 'fa',
  fas: 'fa',
  hin: 'hi',
  chi: 'zh',
  zho: 'zh',
  jpn: 'ja',
  kor: 'ko',
  vie: 'vi',
  tha: 'th',
  ind: 'id',
  may: 'ms',
  msa: 'ms',
  dut: 'nl',
  nld: 'nl',
  swe: 'sv',
  nor: 'no',
  nob: 'nb',
  nno: 'nn',
  dan: 'da',
  fin: 'fi',
  est: 'et',
  lav: 'lv',
  lit: 'lt',
  geo: 'ka',
  kat: 'ka',
  arm: 'hy',
  hye: 'hy',
  aze: 'az',
  kaz: 'kk',
  uzb: 'uz',
  tat: 'tt',
  cat: 'ca',
  baq: 'eu',
  eus: 'eu',
  glg: 'gl',
  ice: 'is',
  isl: 'is',
  gle: 'ga',
  wel: 'cy',
  cym: 'cy',
  lat: 'la',
  yid: 'yi',
  tgk: 'tg',
  kir: 'ky',
  tuk: 'tk',
  mon: 'mn',
};
const ISO1 = new Set(Object.values(ISO3));
const NAMES: Record<string, string> = {
  english: 'en',
  russian: 'ru',
  ukrainian: 'uk',
  french: 'fr',
  german: 'de',
  spanish: 'es',
  italian: 'it',
  portuguese: 'pt',
  polish: 'pl',
  czech: 'cs',
  georgian: 'ka',
  armenian: 'hy',
  japanese: 'ja',
  chinese: 'zh',
  korean: 'ko',
  dutch: 'nl',
  swedish: 'sv',
  finnish: 'fi',
  estonian: 'et',
  latvian: 'lv',
  lithuanian: 'lt',
  hungarian: 'hu',
  bulgarian: 'bg',
  serbian: 'sr',
  croatian: 'hr',
  greek: 'el',
  turkish: 'tr',
  hebrew: 'he',
  arabic: 'ar',
};
const FORCED = new Set(['forced', 'foreign']);
const SDH = new Set(['sdh', 'hi', 'cc']);

/** Reads a language token into BCP 47, or null if it is not one. */
export function languageTag(token: string): string | null {
  const t = token.toLowerCase();
  if (ISO1.has(t)) return t;
  if (ISO3[t]) return ISO3[t];
  if (NAMES[t]) return NAMES[t];
  // BCP 47 with a region or script subtag: pt-BR, zh-Hans, sr-Latn (RFC 5646 §2.1).
  const m = /^([a-z]{2,3})[-_]([a-z]{4}|[a-z]{2}|\d{3})$/i.exec(token);
  if (m) {
    const lang = languageTag(m[1]!);
    if (!lang) return null;
    const sub = m[2]!;
    const norm =
      sub.length === 4 ? sub[0]!.toUpperCase() + sub.slice(1).toLowerCase() : sub.toUpperCase();
    return `${lang}-${norm}`;
  }
  return null;
}

export function parseSidecarName(fileName: string): SidecarInfo {
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  const parts = name.split('.');
  let extension = '';
  if (parts.length > 1 && SUB_EXT.has(parts[parts.length - 1]!.toLowerCase())) {
    extension = parts.pop()!.toLowerCase();
  }
  const info: SidecarInfo = { base: '', forced: false, sdh: false, default: false, extension };
  // Consume recognised tokens from the end; stop at the first that is part of the title.
  while (parts.length > 1) {
    const tok = parts[parts.length - 1]!;
    const low = tok.toLowerCase();
    if (FORCED.has(low)) info.forced = true;
    else if (SDH.has(low)) info.sdh = true;
    else if (low === 'default') info.default = true;
    else {
      const lang = info.language === undefined ? languageTag(tok) : null;
      if (!lang) break;
      info.language = lang;
    }
    parts.pop();
  }
  info.base = parts.join('.');
  return info;
}

/**
 * Builds a sidecar name for a video: `Title (Year).mkv` + `{ language: 'en', sdh: true }` →
 * `Title (Year).en.sdh.srt`. The order (language, then default, forced, sdh) is the one
 * Jellyfin documents.
 */
export function sidecarName(
  video: string,
  opts: {
    language?: string;
    forced?: boolean;
    sdh?: boolean;
    default?: boolean;
    extension?: string;
  },
): string {
  const file = video.split(/[\\/]/).pop() ?? video;
  const base = /\.[A-Za-z0-9]{2,4}$/.test(file) ? file.replace(/\.[A-Za-z0-9]{2,4}$/, '') : file;
  const parts = [base];
  if (opts.language) parts.push(languageTag(opts.language) ?? opts.language);
  if (opts.default) parts.push('default');
  if (opts.forced) parts.push('forced');
  if (opts.sdh) parts.push('sdh');
  parts.push(opts.extension ?? 'srt');
  return parts.join('.');
}
