// Every subcommand and option of the command line, in one table: parsing (util.parseArgs),
// the did-you-mean for a mistyped command or flag, and the help texts all come from here.
// To add an option: a row in its command's `options` and its help line in the catalogue
// (src/core/messages.ts, key help.<command>.<option>, English and Chinese). To add a command:
// a row in COMMANDS, its help keys, and its case in main.ts.
import { parseArgs } from 'node:util';
import { t, type Lang, type Text } from '../core/text.js';
import { closest } from '../source/fields.js';

export interface OptionSpec {
  /** The long name, without the dashes. */
  name: string;
  short?: string;
  type: 'boolean' | 'string';
  /** For a string option: the word for its value in the help (<file>, <n>). */
  value?: string;
  /** How a string option's value is checked. */
  check?: 'count' | 'port' | 'lang' | 'nonempty';
  /** Accepted, but not shown: the other spelling of a listed option. */
  alias?: boolean;
}

export interface CommandSpec {
  name: string;
  options: OptionSpec[];
}

/** Options every command takes. */
export const COMMON: OptionSpec[] = [
  { name: 'lang', type: 'string', value: 'en|zh', check: 'lang' },
  { name: 'help', short: 'h', type: 'boolean' },
];

export const COMMANDS: CommandSpec[] = [
  {
    name: 'build',
    options: [
      { name: 'output', short: 'o', type: 'string', value: 'file', check: 'nonempty' },
      { name: 'strict', type: 'boolean' },
      { name: 'draft', type: 'boolean' },
      { name: 'quiet', short: 'q', type: 'boolean' },
    ],
  },
  {
    name: 'check',
    options: [
      { name: 'json', type: 'boolean' },
      { name: 'fix', type: 'boolean' },
      { name: 'max-warnings', type: 'string', value: 'n', check: 'count' },
      { name: 'no-archive', type: 'boolean' },
      { name: 'color', type: 'boolean' },
      { name: 'no-color', type: 'boolean' },
      { name: 'colour', type: 'boolean', alias: true },
      { name: 'no-colour', type: 'boolean', alias: true },
    ],
  },
  {
    name: 'preview',
    options: [
      { name: 'port', type: 'string', value: 'n', check: 'port' },
      { name: 'open', type: 'boolean' },
      { name: 'host', type: 'string', value: 'address', check: 'nonempty' },
      { name: 'no-watermark', type: 'boolean' },
    ],
  },
];

/** Options at the top level, before any command. */
const TOP: OptionSpec[] = [...COMMON, { name: 'version', short: 'v', type: 'boolean' }];

export const command = (name: string): CommandSpec | undefined => COMMANDS.find((c) => c.name === name);

/** A mistake in the command line: what is wrong, and whose usage to show (exit 2). */
export class UsageError extends Error {
  constructor(
    readonly text: Text,
    readonly command?: string,
  ) {
    super(String(text));
  }
}

export interface Parsed {
  command?: string;
  dir: string;
  values: Record<string, string | boolean | undefined>;
  lang?: 'en' | 'zh';
}

const flag = (o: OptionSpec): string => `--${o.name}`;
const spelled = (o: OptionSpec): string => (o.short ? `-${o.short}, ` : '') + flag(o) + (o.value ? ` <${o.value}>` : '');

function config(options: OptionSpec[]): Record<string, { type: 'boolean' | 'string'; short?: string }> {
  return Object.fromEntries(options.map((o) => [o.name, o.short ? { type: o.type, short: o.short } : { type: o.type }]));
}

/** The first token strict parsing refused, said so the user can act on it. */
function explain(args: string[], options: OptionSpec[], cmd: string | undefined): UsageError {
  const { tokens } = parseArgs({ args, options: config(options), allowPositionals: true, strict: false, tokens: true });
  const names = options.filter((o) => !o.alias).map(flag);
  for (const tok of tokens) {
    if (tok.kind !== 'option') continue;
    const spec = options.find((o) => o.name === tok.name);
    if (!spec) {
      const written = tok.rawName;
      const hint = closest(written.startsWith('--') ? written : `--${tok.name}`, names);
      return new UsageError(hint ? t('usage.unknown-option.hint', { option: written, hint }) : t('usage.unknown-option', { option: written }), cmd);
    }
    if (spec.type === 'string' && tok.value === undefined) return new UsageError(t('usage.needs-value', { option: tok.rawName, value: spec.value ?? 'value' }), cmd);
    if (spec.type === 'boolean' && tok.inlineValue) return new UsageError(t('usage.no-value', { option: tok.rawName }), cmd);
  }
  return new UsageError(t('usage.bad-arguments', { args: args.join(' ') }), cmd);
}

function checkValue(o: OptionSpec, v: string, cmd: string | undefined): void {
  const bad = (key: string): never => {
    throw new UsageError(t(key, { option: flag(o), value: v }), cmd);
  };
  if (o.check === 'count' && !/^\d+$/.test(v)) bad('usage.count');
  if (o.check === 'port' && (!/^\d+$/.test(v) || Number(v) > 65535)) bad('usage.port');
  if (o.check === 'lang' && v !== 'en' && v !== 'zh') bad('usage.lang');
  if (o.check === 'nonempty' && v === '') bad('usage.empty');
}

function strictParse(args: string[], options: OptionSpec[], cmd: string | undefined): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const r = parseArgs({ args, options: config(options), allowPositionals: true, strict: true });
    return { values: r.values as Record<string, string | boolean | undefined>, positionals: r.positionals };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) throw explain(args, options, cmd);
    throw e;
  }
}

/** The --lang of a command line, however wrong the rest of it is: usage errors speak it too. */
export function langOf(argv: string[]): 'en' | 'zh' | undefined {
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i] === '--lang' ? argv[i + 1] : argv[i].startsWith('--lang=') ? argv[i].slice(7) : undefined;
    if (v === 'en' || v === 'zh') return v;
  }
  return undefined;
}

/** The whole command line: `bulletin [--lang L] <command> <issue-dir> [options]`, or top-level flags. */
export function parseCommandLine(argv: string[]): Parsed {
  const first = argv.findIndex((a) => !a.startsWith('-') && a !== 'en' && a !== 'zh');
  const name = first >= 0 ? argv[first] : undefined;
  if (name === undefined || name === 'help') {
    const { values } = strictParse(argv.filter((a) => a !== 'help'), TOP, undefined);
    for (const o of TOP) if (typeof values[o.name] === 'string') checkValue(o, values[o.name] as string, undefined);
    return { dir: '', values, lang: values.lang as Parsed['lang'] };
  }
  const spec = command(name);
  if (!spec) {
    const hint = closest(name, COMMANDS.map((c) => c.name));
    throw new UsageError(hint ? t('usage.unknown-command.hint', { command: name, hint }) : t('usage.unknown-command', { command: name }));
  }
  const args = [...argv.slice(0, first), ...argv.slice(first + 1)];
  const options = [...spec.options, ...COMMON];
  const { values, positionals } = strictParse(args, options, name);
  const lang = values.lang as Parsed['lang'];
  if (values.help) return { command: name, dir: '', values, lang };
  for (const o of options) if (typeof values[o.name] === 'string') checkValue(o, values[o.name] as string, name);
  if (positionals.length === 0) throw new UsageError(t('usage.needs-folder', { command: name }), name);
  if (positionals.length > 1) throw new UsageError(t('usage.unexpected', { arg: positionals[1] }), name);
  return { command: name, dir: positionals[0], values, lang };
}

const OPTION_COLUMN = 24;

function optionLines(cmd: string, options: OptionSpec[], lang: Lang): string[] {
  const out: string[] = [];
  for (const o of options) {
    if (o.alias) continue;
    const left = `  ${spelled(o)}`;
    const help = t(COMMON.includes(o) ? `help.opt.${o.name}` : `help.${cmd}.${o.name}`).in(lang).split('\n');
    const pad = left.length + 2 <= OPTION_COLUMN ? left.padEnd(OPTION_COLUMN) : `${left}\n${''.padEnd(OPTION_COLUMN)}`;
    out.push(pad + help[0], ...help.slice(1).map((l) => ''.padEnd(OPTION_COLUMN) + l));
  }
  return out;
}

/** `bulletin build <issue-dir> [-o <file>] [--strict] …`: a command with every option it takes. */
export function synopsis(c: CommandSpec): string {
  const opts = c.options.filter((o) => !o.alias).map((o) => `[${flag(o)}${o.value ? ` <${o.value}>` : ''}]`);
  return `bulletin ${c.name} <issue-dir> ${opts.join(' ')}`;
}

export function topHelp(lang: Lang): string {
  return [
    t('help.title').in(lang),
    '',
    t('help.usage').in(lang),
    ...COMMANDS.map((c) => `  ${synopsis(c)}`),
    '  bulletin --help | --version',
    `  bulletin <${COMMANDS.map((c) => c.name).join('|')}> --help`,
    '',
    t('help.commands').in(lang),
    ...COMMANDS.map((c) => `  ${c.name.padEnd(10)}${t(`help.${c.name}.summary`).in(lang)}`),
    '',
    t('help.every-command').in(lang),
    ...optionLines('', COMMON, lang),
    '',
    t('help.more').in(lang),
  ].join('\n');
}

export function commandHelp(name: string, lang: Lang): string {
  const c = command(name)!;
  return [
    `bulletin ${c.name} <issue-dir> [${t('help.options-word').in(lang)}]`,
    '',
    t(`help.${c.name}.about`).in(lang),
    '',
    t('help.options').in(lang),
    ...optionLines(c.name, [...c.options, ...COMMON], lang),
    '',
    t(`help.${c.name}.after`).in(lang),
  ].join('\n');
}
