/**
 * Typographic covers: SVG we draw ourselves from a film's titles, year and director, so no
 * copyrighted still, external font or image is ever needed.
 */
import { escapeXml } from '../lib/html.ts';

const PALETTE = [
  ['#7a1f1f', '#f3e9dc'],
  ['#1f3a5f', '#f1ede4'],
  ['#2f4f3a', '#f0ece2'],
  ['#4a3b63', '#efe9f2'],
  ['#5c4a1e', '#f5efe0'],
  ['#213b3b', '#e9f0ee'],
  ['#6b2d4a', '#f6ecef'],
  ['#3b3b3b', '#f2f0ea'],
] as const;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Greedy word wrap by an estimated glyph width (serif capitals are ~0.62em, lower case ~0.5em). */
export function wrap(text: string, maxWidth: number, fontSize: number, maxLines: number): string[] {
  const width = (s: string) =>
    [...s].reduce((w, ch) => w + (ch === ' ' ? 0.3 : /[A-ZА-ЯЁ]/.test(ch) ? 0.78 : 0.6), 0) *
    fontSize;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (width(next) <= maxWidth || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]!.replace(/[\s,.;:]+$/, '')}…`;
    return kept;
  }
  return lines;
}

export interface CoverText {
  key: string;
  title: string;
  original?: string | null;
  year?: number | null;
  byline?: string | null;
  label?: string;
}

export function coverSvg(c: CoverText): string {
  const [bg, fg] = PALETTE[hash(c.key) % PALETTE.length]!;
  const W = 400;
  const H = 600;
  const pad = 36;
  const titleSize = c.title.length > 28 ? 34 : 42;
  const titleLines = wrap(c.title, W - pad * 2, titleSize, 4);
  const originalLines = c.original ? wrap(c.original, W - pad * 2, 24, 3) : [];
  let y = 150;
  const parts: string[] = [];
  for (const l of titleLines) {
    parts.push(
      `<text x="${pad}" y="${y}" font-size="${titleSize}" font-weight="700">${escapeXml(l)}</text>`,
    );
    y += titleSize * 1.15;
  }
  y += 18;
  for (const l of originalLines) {
    parts.push(
      `<text x="${pad}" y="${y}" font-size="24" font-style="italic" lang="ru">${escapeXml(l)}</text>`,
    );
    y += 30;
  }
  const label = c.label ?? 'KINOTEKA';
  const aria = [c.title, c.original, c.year, c.byline].filter(Boolean).join(', ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeXml(aria)}">
<rect width="${W}" height="${H}" fill="${bg}"/>
<rect x="16" y="16" width="${W - 32}" height="${H - 32}" fill="none" stroke="${fg}" stroke-opacity="0.45" stroke-width="2"/>
<g fill="${fg}" font-family="Georgia, 'DejaVu Serif', 'Times New Roman', serif">
<text x="${pad}" y="76" font-size="16" letter-spacing="5" fill-opacity="0.8">${escapeXml(label)}</text>
${parts.join('\n')}
${c.year ? `<text x="${pad}" y="${H - 96}" font-size="56" font-weight="700" fill-opacity="0.9">${c.year}</text>` : ''}
${c.byline ? `<text x="${pad}" y="${H - 52}" font-size="20">${escapeXml(c.byline)}</text>` : ''}
</g>
</svg>`;
}
