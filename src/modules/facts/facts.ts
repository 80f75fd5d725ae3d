/** Sources and sourced facts: every statement shown to a viewer carries at least one source. */
export interface Source {
  url: string;
  title: string;
  publisher: string | null;
  /** The date the source was read, YYYY-MM-DD. */
  accessedOn: string;
}

export interface Fact {
  key: string;
  text: string;
  sources: Source[];
}

/** Orders sources by first citation and numbers them 1..n, for footnote-style citations. */
export function numberSources(groups: readonly (readonly Source[])[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const group of groups) {
    for (const s of group) if (!numbers.has(s.url)) numbers.set(s.url, numbers.size + 1);
  }
  return numbers;
}
