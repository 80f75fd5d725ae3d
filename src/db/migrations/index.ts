/**
 * The ordered list of migrations. Each file is named by its UTC timestamp and exports `up` and
 * `down`; a static list (rather than a directory scan) keeps the order explicit and works the
 * same under tsx, vitest and any bundler.
 */
import type { Migration } from 'kysely';
import * as m20261127T0100 from './20261127T0100_catalogue.ts';
import * as m20261127T0200 from './20261127T0200_knowledge.ts';
import * as m20261202T1200 from './20261202T1200_media.ts';
import * as m20261202T1300 from './20261202T1300_accounts.ts';
import * as m20261202T1400 from './20261202T1400_collection_review.ts';
import * as m20261202T1510 from './20261202T1510_people.ts';
import * as m20261202T1520 from './20261202T1520_revisions.ts';
import * as m20261202T1525 from './20261202T1525_files_and_users.ts';
import * as m20261202T1530 from './20261202T1530_imdb.ts';
import * as m20261202T1535 from './20261202T1535_list_indexes.ts';
import * as m20261203T0100 from './20261203T0100_media_cover_picks.ts';

export const migrations: Record<string, Migration> = {
  '20261127T0100_catalogue': m20261127T0100,
  '20261127T0200_knowledge': m20261127T0200,
  '20261202T1200_media': m20261202T1200,
  '20261202T1300_accounts': m20261202T1300,
  '20261202T1400_collection_review': m20261202T1400,
  '20261202T1510_people': m20261202T1510,
  '20261202T1520_revisions': m20261202T1520,
  '20261202T1525_files_and_users': m20261202T1525,
  '20261202T1530_imdb': m20261202T1530,
  '20261202T1535_list_indexes': m20261202T1535,
  '20261203T0100_media_cover_picks': m20261203T0100,
};
