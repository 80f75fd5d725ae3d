/**
 * Reading a film's English access. Other modules (the catalogue's film pages and lists) call
 * this, not the repository (DESIGN rule 2).
 */
import type { AccessKind, AccessOffer } from './access.ts';
import type { AccessRepository } from './access.repository.ts';

/** What the service reads; `AccessRepository` is the database one, a test may pass a fake. */
export type AccessReader = Pick<AccessRepository, 'offersForFilm' | 'kindsForFilms'>;

export class AccessService {
  constructor(private readonly access: AccessReader) {}

  /** Every offer of English access for one film, in the curator's order. */
  forFilm(filmId: number): Promise<AccessOffer[]> {
    return this.access.offersForFilm(filmId);
  }

  /** The kinds of English access of many films at once (for lists and badges). */
  kindsOf(filmIds: readonly number[]): Promise<Map<number, AccessKind[]>> {
    return this.access.kindsForFilms(filmIds);
  }
}
