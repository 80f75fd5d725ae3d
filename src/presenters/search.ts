/** Presenter of search hits: a film summary plus how it matched. */
import type { SearchResult } from '../modules/search/index.ts';
import { presentFilmSummary } from './catalog.ts';
import type { SearchHitDto } from './dto.ts';

export function presentSearchResult(r: SearchResult): SearchHitDto {
  return {
    ...presentFilmSummary(r.film),
    score: Math.round(r.score * 1000) / 1000,
    matched_title: r.matchedTitle,
    matched_field: r.matchedField,
    matched_person: r.matchedPerson,
  };
}
