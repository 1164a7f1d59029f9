// `bulletin fonts`: what fonts the project finds, which role each fills and how much of the
// Han blocks it covers, the template's chain for characters its fonts lack, and — for an
// issue — which characters come from which fallback font and which no font has.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { Diagnostics, shownPath, type SourcePos } from '../source/diagnostics.js';
import { loadTemplate, withInstalledFonts } from '../template/load.js';
import { fontRoles } from '../template/load.js';
import { describeFont, fontsIn, systemFonts, type FoundFont } from './discover.js';
import { FontRegistry, type Resolution } from './registry.js';
import { t, type Lang, type Params } from '../core/text.js';

/** The Han blocks a bulletin may need, and their ranges. */
export const HAN_BLOCKS: [string, number, number][] = [
  ['CJK', 0x4e00, 0x9fff],
  ['Ext A', 0x3400, 0x4dbf],
  ['Ext B', 0x20000, 0x2a6df],
  ['Ext C', 0x2a700, 0x2b73f],
  ['Ext D', 0x2b740, 0x2b81f],
  ['Ext E', 0x2b820, 0x2ceaf],
  ['Ext F', 0x2ceb0, 0x2ebef],
  ['Ext G', 0x30000, 0x3134f],
];

export interface RoleReport {
  role: string;
  resolution: Resolution;
  /** The font's family (and style, when not regular). */
  family?: string;
  /** Characters the font has in each Han block. */
  coverage?: Record<string, number>;
}

export interface IssueFonts {
  dir: string;
  /** Distinct characters the issue's text holds (ASCII apart). */
  chars: number;
  /** Characters the body font lacks, by the fallback role that has them. */
  fallback: { role: string; family: string; chars: string[] }[];
  /** Characters (or sequences) no font has, with the first place each is written. */
  missing: { text: string; at: SourcePos }[];
}

export interface FontsReport {
  template: string;
  /** The roles the template sets text in, by what they are for. */
  uses: Record<string, string>;
  fallback: string[];
  roles: RoleReport[];
  local: FoundFont[];
  system: FoundFont[];
  issue?: IssueFonts;
}

function familyName(path: string): string {
  const f = describeFont(path, 'local');
  const family = f.families.find((n) => /^[\x20-\x7e]+$/.test(n)) ?? f.families[0] ?? path;
  return !f.style || /^(regular|book|normal)$/i.test(f.style) || family.endsWith(f.style) ? family : `${family} ${f.style}`;
}

function coverage(data: Buffer): Record<string, number> {
  const set = fontkit.create(data).characterSet;
  const out: Record<string, number> = {};
  for (const [name] of HAN_BLOCKS) out[name] = 0;
  for (const cp of set) for (const [name, lo, hi] of HAN_BLOCKS) if (cp >= lo && cp <= hi) out[name]++;
  return out;
}

// An alternation rather than one class: joiners and selectors in one class read as combined characters.
const SEQUENCE_PART = /\u200d|[\ufe00-\ufe0f]|\u20e3|[\u{1f3fb}-\u{1f3ff}]|[\u{e0020}-\u{e007f}]|[\u{e0100}-\u{e01ef}]/u;

export function fontsReport(root: string, o: { issueDir?: string; template?: string } = {}): FontsReport {
  const diags = new Diagnostics();
  const fonts = FontRegistry.load(root, diags);
  let name = o.template ?? 'default';
  let issueText: { file: string; text: string }[] = [];
  if (o.issueDir) {
    const meta = readFileSync(join(o.issueDir, 'issue.yaml'), 'utf8');
    name = o.template ?? /^template:\s*["']?([^"'\s#]+)/m.exec(meta)?.[1] ?? 'default';
    issueText = [{ file: join(o.issueDir, 'issue.yaml'), text: meta }];
    const dir = join(o.issueDir, 'articles');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) issueText.push({ file: join(dir, f), text: readFileSync(join(dir, f), 'utf8') });
  }
  const loaded = loadTemplate(root, name, diags);
  const template = loaded && withInstalledFonts(loaded, (r) => fonts.has(r));
  const roles: RoleReport[] = [...fonts.entries.keys()].map((role) => {
    const resolution = fonts.resolve(role);
    const r: RoleReport = { role, resolution };
    if (resolution.kind === 'file' || resolution.kind === 'family') {
      r.family = familyName(resolution.path);
      r.coverage = coverage(fonts.face(role).data);
    }
    return r;
  });
  const uses: Record<string, string> = {};
  if (template) {
    Object.assign(uses, {
      body: template.body.font,
      bold: template.body.bold,
      emphasis: template.body.emphasis,
      title: template.title.font,
      headings: [2, 3, 4, 5].map((l) => template.headings[l].font).join(' / '),
      quote: template.quote.font,
      table: template.table.font,
      footnote: template.footnote.font,
      masthead: template.masthead.titleFont,
      folio: template.folio.font,
    });
    for (const r of fontRoles(template)) if (!Object.values(uses).some((u) => u.split(' / ').includes(r))) uses[r] = r;
  }
  const report: FontsReport = {
    template: name,
    uses,
    fallback: template?.fonts.fallback ?? [],
    roles,
    local: fontsIn(join(root, 'fonts', 'local')),
    system: systemFonts(),
  };
  if (o.issueDir && template) report.issue = issueFonts(o.issueDir, issueText, fonts, template.body.font, template.fonts.fallback);
  return report;
}

function issueFonts(dir: string, files: { file: string; text: string }[], fonts: FontRegistry, body: string, fallback: string[]): IssueFonts {
  const bodyFace = fonts.face(body);
  const chain = fallback.filter((r) => fonts.has(r)).map((r) => ({ role: r, face: fonts.face(r) }));
  const seen = new Set<string>();
  const from = new Map<string, Set<string>>();
  const missing: IssueFonts['missing'] = [];
  const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });
  for (const { file, text } of files) {
    const lines = text.split('\n');
    lines.forEach((line, k) => {
      for (const { segment, index } of segmenter.segment(line)) {
        const cp = segment.codePointAt(0)!;
        if (cp < 0x80 || /^\s+$/u.test(segment) || seen.has(segment)) continue;
        seen.add(segment);
        // a sequence prints as its base: the base is what a font must have
        const sequence = Array.from(segment).length > 1 && SEQUENCE_PART.test(segment);
        if (/^[\u200b-\u200f\u2060-\u2064\ufeff]$/u.test(segment)) continue; // reported by bulletin check
        if (bodyFace.glyph(cp)) continue;
        const hit = chain.find((c) => c.face.glyph(cp));
        if (hit) {
          if (!from.has(hit.role)) from.set(hit.role, new Set());
          from.get(hit.role)!.add(sequence ? String.fromCodePoint(cp) : segment);
        } else missing.push({ text: segment, at: { file: shownPath(file), line: k + 1, col: index + 1 } });
      }
    });
  }
  return {
    dir,
    chars: seen.size,
    fallback: [...from].map(([role, chars]) => ({ role, family: familyName(fonts.path(role)), chars: [...chars].sort() })),
    missing,
  };
}

const n = (v: number) => v.toLocaleString('en-US');

export function formatFontsReport(r: FontsReport, all = false, lang: Lang = 'en'): string {
  const say = (key: string, params?: Params): string => t(key, params).in(lang);
  const out: string[] = [];
  out.push(say('fonts.roles'));
  const width = Math.max(...r.roles.map((x) => x.role.length));
  for (const x of r.roles) {
    const res = x.resolution;
    const head = `  ${x.role.padEnd(width)}  `;
    if (res.kind === 'file' || res.kind === 'family') {
      const cov = HAN_BLOCKS.map(([b]) => [b, x.coverage?.[b] ?? 0] as const)
        .filter(([, c]) => c > 0)
        .map(([b, c]) => `${b} ${n(c)}`)
        .join(', ');
      const where = res.kind === 'family' ? `${res.where === 'local' ? 'fonts/local' : say('fonts.system')}: ${shownPath(res.path)}` : shownPath(res.path);
      out.push(`${head}${x.family}  (${where})`, `  ${' '.repeat(width)}  ${say('fonts.han', { coverage: cov || say('fonts.none') })}`);
    } else if (res.kind === 'substitute') {
      out.push(head + say('fonts.substitute', { wanted: res.wanted.join(', '), role: res.role }));
    } else out.push(head + say('fonts.not-found', { why: res.why }));
  }
  out.push('', say('fonts.template', { template: r.template }));
  for (const [use, role] of Object.entries(r.uses)) out.push(`  ${use.padEnd(10)} ${role}`);
  out.push(`  fallback   ${r.fallback.map((f) => (r.roles.find((x) => x.role === f)?.resolution.kind === 'missing' ? `(${f})` : f)).join(' → ')}   ${say('fonts.brackets')}`);
  const usable = (fs: FoundFont[]) => fs.filter((f) => f.format === 'truetype');
  out.push('', say('fonts.found', { local: r.local.length, localUsable: usable(r.local).length, system: r.system.length, systemUsable: usable(r.system).length }));
  if (all) for (const f of [...r.local, ...r.system]) out.push(`  ${f.format.padEnd(10)} ${f.families.join(', ')} ${f.style}  ${shownPath(f.file)}`);
  if (r.issue) {
    const i = r.issue;
    out.push('', say('fonts.issue', { dir: shownPath(i.dir), chars: n(i.chars) }));
    for (const f of i.fallback) out.push(`  ${say('fonts.from', { family: f.family, role: f.role, count: f.chars.length })}  ${f.chars.join('')}`);
    if (!i.missing.length) out.push(`  ${say('fonts.all-covered')}`);
    else {
      out.push(`  ${say('fonts.missing', { count: i.missing.length })}`);
      for (const m of i.missing) {
        const cps = Array.from(m.text, (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
        out.push(`  ${m.at.file}:${m.at.line}:${m.at.col}: "${m.text}" (${cps})`);
      }
    }
  }
  return out.join('\n');
}
