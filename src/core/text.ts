// A user-facing text: a key into the message catalogue (messages.ts) and its named
// parameters. It is made where the problem is found and put into words where it is printed,
// in the reader's language; String(text) is the English.
import { MESSAGES } from './messages.js';

export type Lang = 'en' | 'zh';

export type Param = string | number | Text;
export type Params = Record<string, Param>;

export class Text {
  constructor(
    readonly key: string,
    readonly params: Params = {},
  ) {}
  in(lang: Lang): string {
    return render(this.key, this.params, lang);
  }
  toString(): string {
    return this.in('en');
  }
  toJSON(): string {
    return this.in('en');
  }
}

/** The catalogue's text `key` with these parameters. */
export function t(key: string, params: Params = {}): Text {
  return new Text(key, params);
}

const PLACEHOLDER = /\{(\w+)\}/g;

export function render(key: string, params: Params, lang: Lang): string {
  const entry = MESSAGES[key];
  // A key missing from the catalogue is a bug the catalogue test catches; never a crash.
  if (!entry) return `${key} ${JSON.stringify(params)}`;
  return entry[lang].replace(PLACEHOLDER, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return v instanceof Text ? v.in(lang) : String(v);
  });
}

/** The placeholders a catalogue text uses, for the test that both languages have the same. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();
}

/**
 * The language the user reads: --lang when given, else Chinese when the locale says so
 * (LC_ALL, then LC_MESSAGES, then LANG, as POSIX orders them), else English.
 */
export function chooseLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag === 'zh' || flag === 'en') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

/** An error whose words are a catalogue text: printed in the reader's language where caught. */
export class TextError extends Error {
  constructor(readonly text: Text) {
    super(String(text));
  }
}

/** "1 error" or "3 errors": the catalogue's `key.one` for one, `key` with {n} otherwise. */
export function counted(key: string, n: number): Text {
  return t(n === 1 ? `${key}.one` : key, { n });
}
