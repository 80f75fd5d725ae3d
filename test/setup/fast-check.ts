/**
 * Property tests run with one fixed seed, so CI is repeatable; set FC_SEED to explore other
 * cases locally (and turn any counterexample into a test of its own).
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261127) });
