/**
 * English accessibility: the ways an English-speaking viewer can follow a film (subtitles, a
 * dub, a voice-over, translated intertitles) and where each is offered.
 */
import type { Source } from '../facts/index.ts';

export const ACCESS_KINDS = ['subtitles', 'dub', 'voice-over', 'intertitles'] as const;
export const ACCESS_MEDIA = ['disc', 'stream', 'broadcast', 'self-hosted'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];
export type AccessMedium = (typeof ACCESS_MEDIA)[number];

export interface AccessOffer {
  kind: AccessKind;
  medium: AccessMedium;
  provider: string;
  edition: string | null;
  region: string | null;
  year: number | null;
  url: string | null;
  source: Source;
  /** When someone last confirmed the offer, YYYY-MM-DD. */
  checkedOn: string;
  note: string | null;
}

const KIND_LABELS: Record<AccessKind, string> = {
  subtitles: 'English subtitles',
  dub: 'English dub',
  'voice-over': 'English voice-over',
  intertitles: 'English intertitles',
};

const MEDIUM_LABELS: Record<AccessMedium, string> = {
  disc: 'Disc',
  stream: 'Streaming',
  broadcast: 'Broadcast',
  'self-hosted': 'On this server',
};

export function accessKindLabel(kind: AccessKind): string {
  return KIND_LABELS[kind];
}

export function accessMediumLabel(medium: AccessMedium): string {
  return MEDIUM_LABELS[medium];
}

/** The distinct kinds of English access a film has, in a stable order. */
export function accessKinds(offers: readonly { kind: AccessKind }[]): AccessKind[] {
  const present = new Set(offers.map((o) => o.kind));
  return ACCESS_KINDS.filter((k) => present.has(k));
}

export function isAccessKind(value: string): value is AccessKind {
  return (ACCESS_KINDS as readonly string[]).includes(value);
}
