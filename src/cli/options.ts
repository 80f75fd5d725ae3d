/** Option parsers shared by commands; a bad value is a usage error (exit 2, see errors.ts). */
import { InvalidArgumentError } from 'commander';

/** A whole number; commander reports a bad value as `option '--x <n>' argument '...' is invalid`. */
export function int(name: string): (value: string) => number {
  return (v) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isInteger(n)) {
      throw new InvalidArgumentError(`${name} must be a whole number`);
    }
    return n;
  };
}

/** A decade written as its first year, e.g. 1950 (the API's `decade` rule). */
export function decade(v: string): number {
  const n = int('decade')(v);
  if (n % 10 !== 0) throw new InvalidArgumentError('decade must be written like 1950');
  return n;
}
