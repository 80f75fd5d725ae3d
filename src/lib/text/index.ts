/**
 * The text core: how Kinoteka reads, compares and writes titles and names in any script and
 * transliteration ("Летят журавли" / "Letjat zhuravli" / "Letyat zhuravli"). Every module
 * matches text through these functions and nothing else; the folder imports nothing outside
 * itself. See docs/ARCHITECTURE.md ("Decision: one text core in src/lib/text").
 *
 * - fold.ts: tokenize, fold (lower case, ё → е, no diacritics, Cyrillic kept)
 * - skeleton.ts: the romanization skeleton, one key for every spelling of a Russian word
 * - romanize.ts: romanization tables for display, slugs, tests and the benchmark
 * - normalize.ts: a transliterated Latin reading for equality checks; leading articles
 * - distance.ts: bounded optimal-string-alignment edit distance
 * - names.ts: whether two written names are one person
 * - english.ts: ordinals and lists in English sentences
 * - slug.ts: slugs for URLs and content files
 */
export { fold, foldWord, hasCyrillic, tokenize } from './fold.ts';
export {
  prefixVariants,
  sameSkeleton,
  skeleton,
  skeletonKey,
  skeletonVariants,
} from './skeleton.ts';
export { romanize, ROMANIZATIONS, transliterate } from './romanize.ts';
export type { Random, Romanization } from './romanize.ts';
export { normalize, stripArticle } from './normalize.ts';
export { boundedOsa, editDistance, osaDistance } from './distance.ts';
export { sameName, spellingTolerance, surnameKey } from './names.ts';
export { joinWords, ordinal, parseOrdinal } from './english.ts';
export { slugify } from './slug.ts';
