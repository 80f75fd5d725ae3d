/**
 * The countries the catalogue can name, by ISO 3166 code. Former states keep their ISO 3166-3
 * codes (SU for the Soviet Union): a 1957 film was made in the Soviet Union, not in Russia.
 */
export const COUNTRIES: Readonly<Record<string, string>> = Object.freeze({
  SU: 'Soviet Union',
  RU: 'Russia',
  UA: 'Ukraine',
  BY: 'Belarus',
  GE: 'Georgia',
  FR: 'France',
  DE: 'Germany',
  GB: 'United Kingdom',
  US: 'United States',
  IT: 'Italy',
  HU: 'Hungary',
  ES: 'Spain',
  DZ: 'Algeria',
  BG: 'Bulgaria',
  PL: 'Poland',
  CS: 'Czechoslovakia',
  JP: 'Japan',
  IN: 'India',
  SE: 'Sweden',
});

export function countryName(code: string): string | undefined {
  return COUNTRIES[code];
}
