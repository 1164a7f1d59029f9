// The template reference, written from the declarations: templates/README.md (every key)
// and templates/default/template.yaml (every key at its default, to copy and change).
// `npm run docs` writes both; a test fails when either is out of date.
import { TEMPLATE, type Opt, type Section } from './options.js';
import { CHINESE_SIZES } from './sizes.js';

const UNIT_WORDS: Record<string, string> = {
  pt: 'pt',
  em: 'em',
  chars: 'characters',
  lines: 'grid lines',
  fraction: 'fraction',
  dpi: 'dpi',
};

function sections(): [string, Section][] {
  return Object.entries(TEMPLATE);
}

function kind(d: Opt<unknown>): string {
  if (d.values) return d.values.map((v) => `\`${v}\``).join(' \\| ');
  if (d.placeholders) return `text with ${d.placeholders.allowed.map((p) => `{${p}}`).join(', ') || 'no placeholders'}`;
  const base = {
    string: 'text',
    integer: 'whole number',
    number: 'number',
    boolean: 'true/false',
    color: '#rrggbb or cmyk(c,m,y,k)',
    list: 'list',
    date: 'date',
    map: 'mapping',
  }[d.type];
  const range = d.min !== undefined && d.min > 0 ? ` ≥ ${d.min}` : '';
  // Sizes and lengths may be written in mm or as Chinese sizes.
  const length = d.type === 'number' && d.unit === 'pt' ? ', `5mm`, `三号`' : '';
  return base + range + (d.max !== undefined ? ` ≤ ${d.max}` : '') + length;
}

function yamlValue(v: unknown): string {
  if (typeof v === 'string' || Array.isArray(v)) return JSON.stringify(v).replace(/","/g, '", "');
  return String(v);
}

export function referenceMarkdown(): string {
  const out = [
    '# Template reference',
    '',
    'Generated from `src/template/options.ts` by `npm run docs`; do not edit by hand.',
    '',
    'A template is `templates/<name>/template.yaml`. It names only what it changes: every key it',
    'leaves out keeps the value of the template it extends — `extends: <name>` on a line of its own',
    '(`extends: gongwen`), or `templates/default/template.yaml` when it says none, whose keys are',
    'listed below with their defaults. An issue picks a template with `template: <name>` in',
    'issue.yaml; `bulletin build --template <name>` overrides that.',
    '',
    'Sizes and lengths are in points (1 pt = 1/72 in), or written with a unit (`37mm`, `1.5cm`,',
    '`0.5in`, `12pt`), or as Chinese sizes (号数) wherever a value is in pt:',
    '',
    '| 初号 | 小初 | 一号 | 小一 | 二号 | 小二 | 三号 | 小三 | 四号 | 小四 | 五号 | 小五 | 六号 | 小六 | 七号 | 八号 |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    `| ${Object.values(CHINESE_SIZES).join(' | ')} |`,
    '',
    'The paper is named (`page.paper`: A4, A5, B5, 16开, A3) or `custom` with `width` and `height`.',
    'The text block is `chars` × `lines` of body type, centred, its top at `page.top`',
    '(`block: grid`, the Chinese way: margins follow), or the paper less four margins',
    '(`block: margins`), divided into `chars` × `lines` (公文: 156 × 225 mm in 28 × 22).',
    '',
  ];
  for (const [name, s] of sections()) {
    out.push(
      `## \`${name}\``,
      '',
      `${s.doc}.`,
      '',
      '| key | value | default | unit | meaning |',
      '|---|---|---|---|---|',
    );
    for (const [key, d] of Object.entries(s.options)) {
      const unit = d.unit ? UNIT_WORDS[d.unit] : '';
      out.push(`| \`${key}\` | ${kind(d)} | \`${yamlValue(d.default)}\` | ${unit} | ${d.doc} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

export function defaultTemplateYaml(): string {
  const out = [
    '# The default template: the look of 《科技情报参考》 (A4, red masthead, contents on page 1,',
    '# each article on a new page, folios "— 2 —" centred at the foot). Every key is here with',
    '# its default; another template (templates/<name>/template.yaml) names only what it changes.',
    '# Generated from src/template/options.ts by `npm run docs`; templates/README.md explains each key.',
    '',
  ];
  for (const [name, s] of sections()) {
    out.push(`${name}:`.padEnd(24) + `# ${s.doc}`);
    for (const [key, d] of Object.entries(s.options)) {
      const line = `  ${key}: ${yamlValue(d.default)}`;
      out.push(`${line.padEnd(23)} # ${d.doc}${d.unit ? ` (${UNIT_WORDS[d.unit]})` : ''}`);
    }
    out.push('');
  }
  return out.join('\n');
}
