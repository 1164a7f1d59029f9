// The vocabulary options are declared in: an option's kind, default, unit and one line of
// documentation, and the helpers that write one. template/options.ts declares the options of
// the pipeline with it, and each Markdown construct (src/constructs/) its own section, which
// the one options table takes in.
import type { FieldType } from '../source/fields.js';

export type Unit = 'pt' | 'em' | 'chars' | 'lines' | 'fraction' | 'dpi';

export interface Opt<T> {
  type: FieldType;
  default: T;
  doc: string;
  unit?: Unit;
  min?: number;
  max?: number;
  /** The allowed words of a choice. */
  values?: readonly string[];
  /** Placeholders of a format string: those it must hold, and all it may. */
  placeholders?: { need: readonly string[]; allowed: readonly string[] };
  /** Lists: each entry must be non-empty text, and there must be one at least. */
  nonEmpty?: boolean;
  /**
   * A font role (fonts/fonts.yaml): checked against the font manifest, and an optional role
   * the installation lacks (kai …) replaced by the body font (template/load.ts).
   */
  role?: boolean;
}

export interface Section<O extends Record<string, Opt<unknown>> = Record<string, Opt<unknown>>> {
  doc: string;
  options: O;
}

export interface Range {
  min?: number;
  max?: number;
  unit?: Unit;
}

export const num = (value: number, doc: string, r: Range = {}): Opt<number> => ({
  type: 'number',
  default: value,
  doc,
  min: 0,
  ...r,
});
export const int = (value: number, doc: string, r: Range = {}): Opt<number> => ({
  type: 'integer',
  default: value,
  doc,
  min: 0,
  ...r,
});
export const text = (value: string, doc: string): Opt<string> => ({ type: 'string', default: value, doc });
export const font = (value: string, doc = 'font role (fonts/fonts.yaml)'): Opt<string> => ({
  ...text(value, doc),
  role: true,
});
export const color = (value: string, doc = 'colour: #rrggbb, cmyk(c,m,y,k) or both'): Opt<string> => ({
  type: 'color',
  default: value,
  doc,
});
export const flag = (value: boolean, doc: string): Opt<boolean> => ({ type: 'boolean', default: value, doc });
export const choice = <V extends string>(values: readonly V[], value: V, doc: string): Opt<V> => ({
  type: 'string',
  default: value,
  doc,
  values,
});
export const format = (
  value: string,
  doc: string,
  need: readonly string[],
  allowed: readonly string[] = need,
): Opt<string> => ({
  type: 'string',
  default: value,
  doc,
  placeholders: { need, allowed },
});
export const list = (value: string[], doc: string, nonEmpty = false): Opt<string[]> => ({
  type: 'list',
  default: value,
  doc,
  nonEmpty,
});

export const section = <O extends Record<string, Opt<unknown>>>(doc: string, options: O): Section<O> => ({
  doc,
  options,
});

/** font, size, pitch and colour: the options every text style has. */
export const style = (f: string, size: number, pitch: number, c = '#000000') => ({
  font: font(f),
  size: num(size, 'type size', { min: 1, unit: 'pt' }),
  pitch: num(pitch, 'baseline to baseline', { min: 1, unit: 'pt' }),
  color: color(c),
});

export type Camel<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<Camel<B>>}` : S;
export type Values<O> = { [K in keyof O as Camel<K & string>]: O[K] extends Opt<infer T> ? T : never };
export type Sections<D> = { [K in keyof D as Camel<K & string>]: D[K] extends Section<infer O> ? Values<O> : never };

/** A section's or option's YAML key as its camelCase field. */
export function camel(key: string): string {
  return key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
