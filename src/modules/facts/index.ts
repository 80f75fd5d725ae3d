export { type Fact, type Source, numberSources } from './facts.ts';
export { FactsRepository } from './facts.repository.ts';
