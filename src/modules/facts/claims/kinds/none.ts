/** What is not checkable: plot, opinion, or a kind of statement the base does not record. */
import type { ClaimBase } from '../core/claim.ts';

export interface UncheckableSegment extends ClaimBase {
  kind: 'none';
  /** Why it is not checkable: an opinion, a plot description, or something the base does not cover. */
  reason: 'opinion' | 'plot' | 'outside';
}

const OPINION =
  /\b(considered|regarded|acclaimed|celebrated|masterpiece|classic|iconic|known for|renowned|famous|powerful|poignant|tender|touching|moving|stunning|beautiful|highlighting|showcasing|testament|universal|resonat\w*|deeply|profound|remarkable|greatest|finest|most|best|appeal|influential|beloved|unforgettable|haunting|stark|important|essential|masterful|brilliant|timeless|wave)\b/i;
const PLOT =
  /\b(tells|story|follows|features|portrays|depicts|explores|focus(?:es|ing)?|set (?:during|in)|centers|centres|plot|protagonist|subplot|scene|narrative|journey|struggles?|meets|sacrific\w*|waits|returns?|falls in love|who must|her son|his mother|grandmother|character)\b/i;

export function classify(text: string): UncheckableSegment['reason'] {
  const plot = PLOT.test(text);
  const opinion = OPINION.test(text);
  if (plot && !/^(?:highlighting|showcasing|making|which|who)\b/i.test(text)) return 'plot';
  if (opinion) return 'opinion';
  return plot ? 'plot' : 'outside';
}

export const NOT_CHECKABLE: Readonly<Record<UncheckableSegment['reason'], string>> = {
  opinion: 'An opinion or a judgement of quality: there is no fact to check.',
  plot: 'A description of the story. The knowledge base does not record plots, so it cannot check this; compare it with the film.',
  outside: 'Not a kind of statement the knowledge base records.',
};
