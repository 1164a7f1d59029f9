// Every subcommand and option of the command line, in one table: parsing (util.parseArgs),
// the did-you-mean for a mistyped command or flag, and the help texts all come from here.
// To add an option: a row in its command's `options` and its help line in the catalogue
// (src/core/messages.ts, key help.<id>.<option>, English and Chinese). To add a command:
// a row in COMMANDS, its help keys (help.<id>.summary/about/after), and its case in main.ts.
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
  check?: 'count' | 'positive' | 'port' | 'lang' | 'nonempty';
  /** The only values a string option takes (--impose booklet). */
  choices?: string[];
  /** Another option of the same command this one cannot go with (--cmyk, --grayscale). */
  excludes?: string;
  /** Accepted, but not shown: the other spelling of a listed option. */
  alias?: boolean;
}

export interface CommandSpec {
  /** The command as typed. */
  name: string;
  /** Its catalogue keys, help.<id>.…: the command's name, or name-form for a form of it. */
  id: string;
  /** A form of the command chosen by one of its flags (build --all), with its own options. */
  form?: string;
  /** What the command works on, as the usage shows it. */
  operand: string;
  /** Whether the operand must be given; the usage error when it is not. */
  needs?: string;
  options: OptionSpec[];
}

/** Options every command takes. */
export const COMMON: OptionSpec[] = [
  { name: 'lang', type: 'string', value: 'en|zh', check: 'lang' },
  { name: 'help', short: 'h', type: 'boolean' },
];

const quiet: OptionSpec = { name: 'quiet', short: 'q', type: 'boolean' };

export const COMMANDS: CommandSpec[] = [
  {
    name: 'build',
    id: 'build',
    operand: '<issue-dir>',
    needs: 'usage.needs-folder',
    options: [
      { name: 'output', short: 'o', type: 'string', value: 'file', check: 'nonempty' },
      { name: 'template', short: 't', type: 'string', value: 'name', check: 'nonempty' },
      { name: 'strict', type: 'boolean' },
      { name: 'draft', type: 'boolean' },
      { name: 'cmyk', type: 'boolean', excludes: 'grayscale' },
      { name: 'grayscale', type: 'boolean', excludes: 'cmyk' },
      { name: 'marks', type: 'boolean' },
      { name: 'impose', type: 'string', value: 'booklet', choices: ['booklet'] },
      { name: 'record', type: 'boolean' },
      { name: 'all', type: 'boolean' },
      quiet,
    ],
  },
  {
    name: 'build',
    id: 'build-all',
    form: 'all',
    operand: '[archive-dir]',
    options: [
      { name: 'all', type: 'boolean' },
      { name: 'jobs', type: 'string', value: 'n', check: 'positive' },
      { name: 'force', type: 'boolean' },
      { name: 'dist', type: 'string', value: 'dir', check: 'nonempty' },
      quiet,
    ],
  },
  {
    name: 'check',
    id: 'check',
    operand: '<issue-dir>',
    needs: 'usage.needs-folder',
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
    id: 'preview',
    operand: '<issue-dir>',
    needs: 'usage.needs-folder',
    options: [
      { name: 'port', type: 'string', value: 'n', check: 'port' },
      { name: 'open', type: 'boolean' },
      { name: 'host', type: 'string', value: 'address', check: 'nonempty' },
      { name: 'no-watermark', type: 'boolean' },
    ],
  },
  {
    name: 'fonts',
    id: 'fonts',
    operand: '[issue-dir]',
    options: [
      { name: 'template', short: 't', type: 'string', value: 'name', check: 'nonempty' },
      { name: 'all', type: 'boolean' },
      { name: 'json', type: 'boolean' },
    ],
  },
  {
    name: 'import',
    id: 'import',
    operand: '<file>',
    needs: 'usage.needs-file',
    options: [
      { name: 'output', short: 'o', type: 'string', value: 'dir', check: 'nonempty' },
      { name: 'keep-duplicates', type: 'boolean' },
      quiet,
    ],
  },
  {
    name: 'new',
    id: 'new',
    operand: '[issues/<yyyy-mm>]',
    options: [{ name: 'archive', type: 'string', value: 'dir', check: 'nonempty' }],
  },
  {
    name: 'reprint',
    id: 'reprint',
    operand: '<issue-dir>',
    needs: 'usage.needs-folder',
    options: [
      { name: 'output', short: 'o', type: 'string', value: 'file', check: 'nonempty' },
      { name: 'strict', type: 'boolean' },
    ],
  },
];

/** Options at the top level, before any command. */
const TOP: OptionSpec[] = [...COMMON, { name: 'version', short: 'v', type: 'boolean' }];

/** The command's spec by its id (build, build-all, check, …). */
export const command = (id: string): CommandSpec | undefined => COMMANDS.find((c) => c.id === id);

const NAMES = [...new Set(COMMANDS.map((c) => c.name))];

/** A mistake in the command line: what is wrong, and whose usage to show (exit 2). */
export class UsageError extends Error {
  constructor(
    readonly text: Text,
    /** The id of the command whose usage to show. */
    readonly command?: string,
  ) {
    super(String(text));
  }
}

export interface Parsed {
  /** The command as typed (build). */
  command?: string;
  /** Which of the table's rows: build, build-all, check, … */
  id?: string;
  /** The operand: the issue folder, the file, the archive; '' when not given. */
  dir: string;
  values: Record<string, string | boolean | undefined>;
  lang?: 'en' | 'zh';
}

const flag = (o: OptionSpec): string => `--${o.name}`;
const valueWord = (o: OptionSpec): string => (o.choices?.length === 1 ? o.choices[0] : `<${o.value ?? 'value'}>`);
const spelled = (o: OptionSpec): string =>
  (o.short ? `-${o.short}, ` : '') + flag(o) + (o.type === 'string' ? ` ${valueWord(o)}` : '');

function config(options: OptionSpec[]): Record<string, { type: 'boolean' | 'string'; short?: string }> {
  return Object.fromEntries(
    options.map((o) => [o.name, o.short ? { type: o.type, short: o.short } : { type: o.type }]),
  );
}

/** The first token strict parsing refused, said so the user can act on it. */
function explain(args: string[], spec: CommandSpec | undefined, options: OptionSpec[]): UsageError {
  const cmd = spec?.id;
  const { tokens } = parseArgs({ args, options: config(options), allowPositionals: true, strict: false, tokens: true });
  const names = options.filter((o) => !o.alias).map(flag);
  for (const tok of tokens) {
    if (tok.kind !== 'option') continue;
    const named = (o: OptionSpec): boolean => o.name === tok.name || o.short === tok.name;
    const own = options.find(named);
    if (!own) {
      const written = tok.rawName;
      // An option of the command's other form (build --all's --jobs, build's --strict).
      const sibling = spec && COMMANDS.find((c) => c.name === spec.name && c !== spec && c.options.some(named));
      if (sibling)
        return new UsageError(
          t(sibling.form ? 'usage.only-with' : 'usage.not-with', {
            option: written,
            form: `--${sibling.form ?? spec.form}`,
          }),
          cmd,
        );
      const hint = closest(written.startsWith('--') ? written : `--${tok.name}`, names);
      return new UsageError(
        hint
          ? t('usage.unknown-option.hint', { option: written, hint })
          : t('usage.unknown-option', { option: written }),
        cmd,
      );
    }
    if (own.type === 'string' && tok.value === undefined)
      return new UsageError(
        t('usage.needs-value', { option: tok.rawName, value: valueWord(own).replace(/^<|>$/g, '') }),
        cmd,
      );
    if (own.type === 'boolean' && tok.inlineValue)
      return new UsageError(t('usage.no-value', { option: tok.rawName }), cmd);
  }
  return new UsageError(t('usage.bad-arguments', { args: args.join(' ') }), cmd);
}

function checkValue(o: OptionSpec, v: string, cmd: string | undefined): void {
  const bad = (key: string): never => {
    throw new UsageError(t(key, { option: flag(o), value: v, choices: (o.choices ?? []).join(', ') }), cmd);
  };
  if (o.check === 'count' && !/^\d+$/.test(v)) bad('usage.count');
  if (o.check === 'positive' && !/^[1-9]\d*$/.test(v)) bad('usage.positive');
  if (o.check === 'port' && (!/^\d+$/.test(v) || Number(v) > 65535)) bad('usage.port');
  if (o.check === 'lang' && v !== 'en' && v !== 'zh') bad('usage.lang');
  if (o.check === 'nonempty' && v === '') bad('usage.empty');
  if (o.choices && !o.choices.includes(v)) bad('usage.choice');
}

function strictParse(
  args: string[],
  spec: CommandSpec | undefined,
  options: OptionSpec[],
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const r = parseArgs({ args, options: config(options), allowPositionals: true, strict: true });
    return { values: r.values, positionals: r.positionals };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) throw explain(args, spec, options);
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

/** Which row of the table a command line is: the form whose flag it gives, else the plain command. */
function rowOf(name: string, args: string[]): CommandSpec | undefined {
  const rows = COMMANDS.filter((c) => c.name === name);
  return rows.find((c) => c.form && args.includes(`--${c.form}`)) ?? rows.find((c) => !c.form);
}

/** The whole command line: `bulletin [--lang L] <command> <operand> [options]`, or top-level flags. */
export function parseCommandLine(argv: string[]): Parsed {
  const first = argv.findIndex((a, i) => !a.startsWith('-') && !(i > 0 && argv[i - 1] === '--lang'));
  const name = first >= 0 ? argv[first] : undefined;
  if (name === undefined || name === 'help') {
    const { values } = strictParse(
      argv.filter((a) => a !== 'help'),
      undefined,
      TOP,
    );
    for (const o of TOP) if (typeof values[o.name] === 'string') checkValue(o, values[o.name] as string, undefined);
    return { dir: '', values, lang: values.lang as Parsed['lang'] };
  }
  const args = [...argv.slice(0, first), ...argv.slice(first + 1)];
  const spec = rowOf(name, args);
  if (!spec) {
    const hint = closest(name, NAMES);
    throw new UsageError(
      hint ? t('usage.unknown-command.hint', { command: name, hint }) : t('usage.unknown-command', { command: name }),
    );
  }
  const options = [...spec.options, ...COMMON];
  const { values, positionals } = strictParse(args, spec, options);
  const lang = values.lang as Parsed['lang'];
  const base = { command: name, id: spec.id, values, lang };
  if (values.help) return { ...base, dir: positionals[0] ?? '' };
  for (const o of options) if (typeof values[o.name] === 'string') checkValue(o, values[o.name] as string, spec.id);
  for (const o of options) {
    if (o.excludes && values[o.name] && values[o.excludes])
      throw new UsageError(t('usage.excludes', { option: flag(o), other: `--${o.excludes}` }), spec.id);
  }
  if (positionals.length === 0 && spec.needs) throw new UsageError(t(spec.needs, { command: name }), spec.id);
  if (positionals.length > 1) throw new UsageError(t('usage.unexpected', { arg: positionals[1] }), spec.id);
  return { ...base, dir: positionals[0] ?? '' };
}

const OPTION_COLUMN = 24;

/** A table option's help line: help.<id>.<option>, or help.opt.<option> for the common ones. */
export const optionKey = (c: CommandSpec | undefined, o: OptionSpec): string =>
  !c || COMMON.includes(o) ? `help.opt.${o.name}` : `help.${c.id}.${o.name}`;

function optionLines(c: CommandSpec | undefined, options: OptionSpec[], lang: Lang): string[] {
  const out: string[] = [];
  for (const o of options) {
    // A form's own flag is its name, not an option to explain (build --all --help).
    if (o.alias || (c?.form && o.name === c.form)) continue;
    const left = `  ${spelled(o)}`;
    const help = t(optionKey(c, o)).in(lang).split('\n');
    const pad = left.length + 2 <= OPTION_COLUMN ? left.padEnd(OPTION_COLUMN) : `${left}\n${''.padEnd(OPTION_COLUMN)}`;
    out.push(pad + help[0], ...help.slice(1).map((l) => ''.padEnd(OPTION_COLUMN) + l));
  }
  return out;
}

/** How a command is written: `bulletin build --all [archive-dir]`. */
export const head = (c: CommandSpec): string => `bulletin ${c.name}${c.form ? ` --${c.form}` : ''} ${c.operand}`;

/** `bulletin build <issue-dir> [-o <file>] [--strict] …`: a command with every option it takes, wrapped. */
export function synopsis(c: CommandSpec, width = 96): string[] {
  const opts = c.options
    .filter((o) => !o.alias && o.name !== c.form)
    .map((o) => `[${flag(o)}${o.type === 'string' ? ` ${valueWord(o)}` : ''}]`);
  const lines = [`  ${head(c)}`];
  const indent = ''.padEnd(4 + c.name.length + 8);
  for (const o of opts) {
    const last = lines[lines.length - 1];
    if (last.length + 1 + o.length > width) lines.push(indent + o);
    else lines[lines.length - 1] = `${last} ${o}`;
  }
  return lines;
}

export function topHelp(lang: Lang): string {
  const plain = COMMANDS.filter((c) => !c.form);
  return [
    t('help.title').in(lang),
    '',
    t('help.usage').in(lang),
    ...COMMANDS.flatMap((c) => synopsis(c)),
    '  bulletin --help | --version',
    `  bulletin <${NAMES.join('|')}> --help`,
    '',
    t('help.commands').in(lang),
    ...plain.map((c) => `  ${c.name.padEnd(10)}${t(`help.${c.id}.summary`).in(lang)}`),
    '',
    t('help.every-command').in(lang),
    ...optionLines(undefined, COMMON, lang),
    '',
    t('help.more').in(lang),
  ].join('\n');
}

export function commandHelp(id: string, lang: Lang): string {
  const c = command(id)!;
  return [
    `${head(c)} [${t('help.options-word').in(lang)}]`,
    '',
    t(`help.${c.id}.about`).in(lang),
    '',
    t('help.options').in(lang),
    ...optionLines(c, [...c.options, ...COMMON], lang),
    '',
    t(`help.${c.id}.after`).in(lang),
  ].join('\n');
}
