// templates/<name>/template.yaml → Template. A template names only what it changes: it is
// laid over the one it extends (`extends: <name>`, the default template when it says none),
// which is laid over the declared defaults.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, type Node } from 'yaml';
import { shownPath, type Diagnostics, type SourcePos } from '../source/diagnostics.js';
import { t as tr } from '../core/text.js';
import { checkMapping, nodePos, parseYaml, type Schema } from '../source/fields.js';
import { isProblem, readText } from '../source/read.js';
import type { Template } from './model.js';
import { camel, defaults, MM, PAPER, schema, TEMPLATE, type Opt, type TemplateOptions } from './options.js';

/** The schema every template file is checked against, derived from the declarations. */
export const TEMPLATE_SCHEMA: Schema = { extends: { type: 'string' }, ...schema() };

type Raw = Record<string, Record<string, unknown>>;

interface Layer {
  raw: Raw;
  /** The template it extends, and where it says so. */
  base?: { name: string; at: SourcePos };
}

function readLayer(file: string, diags: Diagnostics): Layer | null {
  const shown = shownPath(file);
  const read = readText(file, shown);
  if (isProblem(read)) {
    diags.error(read.code, { file: shown, line: read.line, col: read.col }, read.message, read.fix);
    return null;
  }
  const parsed = parseYaml(read.text, shown, diags);
  if (!parsed) return null;
  const contents = parsed.doc.contents;
  if (contents != null && !isMap(contents)) {
    checkMapping(parsed, contents, TEMPLATE_SCHEMA, diags, 'template');
    return null;
  }
  const before = diags.errors.length;
  const { extends: base, ...raw } = checkMapping(parsed, contents, TEMPLATE_SCHEMA, diags, 'template') as Raw & {
    extends?: unknown;
  };
  if (diags.errors.length > before) return null;
  const layer: Layer = { raw };
  const pair = isMap(contents)
    ? contents.items.find((it) => isScalar(it.key) && it.key.value === 'extends')
    : undefined;
  if (typeof base === 'string' && pair) layer.base = { name: base.trim(), at: nodePos(parsed, pair.value as Node) };
  // A paper named in this file sets the size; a width or height given alone makes it custom.
  const page = layer.raw.page;
  if (page) {
    const pageNode = isMap(contents)
      ? (contents.items.find((it) => isScalar(it.key) && it.key.value === 'page')?.value as Node)
      : undefined;
    const paper = page.paper as string | undefined;
    if (paper && paper !== 'custom') {
      const [w, h] = PAPER[paper].map((mm) => Math.round(mm * MM * 100) / 100);
      // (the size the paper has may be repeated: the default template lists every key)
      if (
        ('width' in page && Math.abs((page.width as number) - w) > 0.5) ||
        ('height' in page && Math.abs((page.height as number) - h) > 0.5)
      ) {
        diags.error(
          'template-paper',
          nodePos(parsed, pageNode),
          tr('template-paper', { paper, w, h }),
          tr('template-paper.fix'),
        );
        return null;
      }
      page.width = w;
      page.height = h;
    } else if ('width' in page || 'height' in page) page.paper = 'custom';
  }
  return layer;
}

function overlay(base: Raw, over: Raw): Raw {
  const out: Raw = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = { ...(base[k] ?? {}), ...v };
  return out;
}

export function templateDir(root: string, name: string): string {
  return join(root, 'templates', name);
}

const NAME = /^[\p{L}\p{N}_][\p{L}\p{N}_.-]*$/u;

/**
 * Every template.yaml under templates/, with its size and date: what a cache of a loaded
 * template depends on (a template may extend any other).
 */
export function templatesStamp(root: string): string {
  const dir = join(root, 'templates');
  if (!existsSync(dir)) return '-';
  return readdirSync(dir)
    .sort()
    .map((n) => {
      const f = join(dir, n, 'template.yaml');
      if (!existsSync(f)) return '';
      const st = statSync(f);
      return `${n}:${st.size}:${st.mtimeMs}`;
    })
    .join('|');
}

/** The names of the templates a project has (folders of templates/ holding a template.yaml). */
export function templateNames(root: string): string[] {
  const dir = join(root, 'templates');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => existsSync(join(dir, n, 'template.yaml')))
    .sort();
}

/**
 * The template `name`: the declared defaults, then the default template's file (an office
 * may edit it), then each template of its `extends` chain, base first. `at` is where the
 * name was asked for (issue.yaml's template:, or the command line).
 */
export function loadTemplate(
  root: string,
  name: string,
  diags: Diagnostics,
  at: SourcePos = { file: 'issue.yaml', line: 0, col: 0 },
): Template | null {
  const layers: Layer[] = [];
  const seen: string[] = [];
  let want: string | undefined = name;
  let asked = at;
  while (want !== undefined) {
    if (!NAME.test(want)) {
      diags.error('template-name', asked, tr('template-name', { want }), tr('template-name.fix'));
      return null;
    }
    if (seen.includes(want)) {
      diags.error(
        'template-cycle',
        asked,
        tr('template-cycle', { chain: [...seen, want].join(' → ') }),
        tr('template-cycle.fix', { want }),
      );
      return null;
    }
    seen.push(want);
    const file = join(templateDir(root, want), 'template.yaml');
    if (!existsSync(file)) {
      if (want === 'default') break; // the declared defaults are the default template
      const known = templateNames(root);
      diags.error(
        'template-missing',
        asked,
        tr('template-missing', { want, looked: shownPath(file) }),
        known.length
          ? tr('template-missing.fix', { known: known.join(', '), want })
          : tr('template-missing.create', { want }),
      );
      return null;
    }
    const layer = readLayer(file, diags);
    if (!layer) return null;
    layers.unshift(layer);
    if (layer.base) {
      want = layer.base.name;
      asked = layer.base.at;
    } else want = want === 'default' ? undefined : 'default';
  }
  let raw: Raw = defaults();
  for (const l of layers) raw = overlay(raw, l.raw);
  return resolve(name, raw);
}

/** Every section with its kebab-case keys as camelCase fields; headings also by level. */
function resolve(name: string, r: Raw): Template {
  const sections = Object.fromEntries(
    Object.entries(r).map(([k, section]) => [
      camel(k),
      Object.fromEntries(Object.entries(section).map(([o, v]) => [camel(o), v])),
    ]),
  ) as TemplateOptions;
  return {
    ...sections,
    name,
    headings: { 2: sections.heading2, 3: sections.heading3, 4: sections.heading4, 5: sections.heading5 },
  };
}

/** [section, option] fields of every option that names a font role (declared with font()), in the table's order. */
const FONT_OPTIONS: [string, string][] = Object.entries(TEMPLATE).flatMap(([k, sec]) =>
  Object.entries(sec.options as Record<string, Opt<unknown>>)
    .filter(([, d]) => d.role)
    .map(([o]): [string, string] => [camel(k), camel(o)]),
);

/**
 * The template with its optional font roles (fonts.optional: kai …) that the installation
 * lacks replaced by the body font: a licensed face may be missing on a given machine. Every
 * option declared as a font role is looked at, a construct's (src/constructs/) too.
 */
export function withInstalledFonts(t: Template, has: (role: string) => boolean): Template {
  const sub = (role: string): string => (t.fonts.optional.includes(role) && !has(role) ? t.body.font : role);
  const out: Record<string, Record<string, unknown>> = {};
  const fields = t as unknown as Record<string, Record<string, unknown>>;
  for (const [sec, opt] of FONT_OPTIONS)
    out[sec] = { ...(out[sec] ?? fields[sec]), [opt]: sub(String(fields[sec][opt])) };
  const subbed = { ...t, ...out } as Template;
  return {
    ...subbed,
    headings: { 2: subbed.heading2, 3: subbed.heading3, 4: subbed.heading4, 5: subbed.heading5 },
  };
}

/** Font roles a template sets text in (its fallback roles apart), to check them against the font manifest. */
export function fontRoles(t: Template): string[] {
  const fields = t as unknown as Record<string, Record<string, unknown>>;
  return [...new Set(FONT_OPTIONS.map(([sec, opt]) => String(fields[sec][opt])))];
}
