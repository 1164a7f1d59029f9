// The build manifest (issues/<yyyy-mm>/build.json): what a printed issue was made from and
// what came out, so that a reprint years later can prove it is the same — or say exactly
// what is not. Kept in the issue folder and committed with it (dist/ is not kept).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { FontRegistry } from '../fonts/registry.js';
import type { DisplayList, Page } from '../paginate/display.js';
import { Diagnostics } from '../source/diagnostics.js';
import type { Block, Issue } from '../source/model.js';
import { loadTemplate, templateDir } from '../template/load.js';
import { camel, TEMPLATE } from '../template/options.js';

export const MANIFEST = 'build.json';
const FORMAT = 1;

export interface InputRecord {
  /** Inside the issue folder ("articles/01-….md"), or the project's own ("templates/default/template.yaml"). */
  path: string;
  sha256: string;
}

export interface FontRecord {
  role: string;
  /** As fonts/fonts.yaml gives it (inside the project), or the absolute path of a font elsewhere on the system. */
  file: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: number;
  issue: string;
  tool: Record<string, string>;
  /** The issue's own files: issue.yaml, the articles, the pictures they show. */
  inputs: InputRecord[];
  /** The template: its files and every option as the build read it. */
  template: { name: string; files: InputRecord[]; options: Record<string, unknown> };
  /** fonts/fonts.yaml and every font the PDF embeds. */
  fontsManifest: InputRecord;
  fonts: FontRecord[];
  pages: { page: number; folio: number | null; sha256: string }[];
  pdf: { sha256: string; bytes: number };
}

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** A path as the manifest writes it: relative, with forward slashes on every system. */
const portable = (p: string): string => p.split(sep).join('/');

function fileRecord(base: string, file: string): InputRecord {
  return { path: portable(relative(base, file)), sha256: sha256(readFileSync(file)) };
}

/** The versions whose change may change the bytes: this tool, the PDF writer, the font reader, Node's zlib. */
export function toolVersions(root: string, version: string): Record<string, string> {
  const pkg = (name: string): string => {
    try {
      return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
        .version;
    } catch {
      return 'unknown';
    }
  };
  return {
    bulletin: version,
    pdfkit: pkg('pdfkit'),
    fontkit: pkg('fontkit'),
    zlib: process.versions.zlib ?? 'unknown',
  };
}

/** Every picture an article shows, its notes included. */
function pictures(blocks: Block[], out: Set<string>): void {
  for (const b of blocks) {
    if (b.kind === 'figure') out.add(b.image.path);
    else if (b.kind === 'list') for (const item of b.items) pictures(item, out);
    // A quote, and any construct that holds blocks (src/constructs/: they hold them in `blocks`).
    else if ('blocks' in b) pictures(b.blocks, out);
  }
}

export function issueInputs(issue: Issue): InputRecord[] {
  const files = [
    join(issue.dir, 'issue.yaml'),
    ...issue.articles.map((a) => join(issue.dir, 'articles', `${String(a.file).split(/[\\/]/).pop()}`)),
  ];
  const images = new Set<string>();
  for (const a of issue.articles) {
    pictures(a.blocks, images);
    for (const n of a.footnotes) pictures(n.blocks, images);
  }
  return [...files, ...images].map((f) => fileRecord(issue.dir, f)).sort((a, b) => (a.path < b.path ? -1 : 1));
}

export function templateFiles(root: string, name: string): string[] {
  const files = [join(templateDir(root, 'default'), 'template.yaml')];
  if (name !== 'default') files.push(join(templateDir(root, name), 'template.yaml'));
  return files.filter((f) => existsSync(f));
}

/** Every option of the template, by its name in template.yaml ("body.size"). */
export function templateOptions(root: string, name: string): Record<string, unknown> {
  const t = loadTemplate(root, name, new Diagnostics()) as unknown as Record<string, Record<string, unknown>> | null;
  const out: Record<string, unknown> = {};
  if (!t) return out;
  for (const [section, decl] of Object.entries(TEMPLATE)) {
    const values = t[camel(section)] ?? {};
    for (const key of Object.keys((decl as { options: Record<string, unknown> }).options ?? decl)) {
      if (key === 'doc') continue;
      const v = values[camel(key)];
      if (v !== undefined) out[`${section}.${key}`] = v;
    }
  }
  return out;
}

/** The font roles the pages draw with. */
export function rolesUsed(display: DisplayList): string[] {
  const roles = new Set<string>();
  for (const p of display.pages)
    for (const it of p.items) if (it.kind === 'text') for (const g of it.glyphs) roles.add(g.font);
  return [...roles].sort();
}

export function fontRecords(root: string, fonts: FontRegistry, roles: string[]): FontRecord[] {
  return roles.map((role) => {
    const path = fonts.path(role);
    const inside = !relative(root, path).startsWith('..') && !isAbsolute(relative(root, path));
    return {
      role,
      file: inside ? portable(relative(root, path)) : path,
      sha256: fonts.sha256(role),
      bytes: statSync(path).size,
    };
  });
}

/**
 * A page's content, as drawn: every glyph (by its font file's sha256, glyph id, size,
 * colour, position to the 1/1000 pt the PDF is written with), rule, link and picture. Two
 * pages with equal digests print alike; the PDF's own bytes also hold what all pages share.
 */
export function pageDigest(page: Page, fontSha: (role: string) => string): string {
  const h = createHash('sha256');
  const n = (v: number) => Math.round(v * 1000);
  h.update(`folio ${page.folio}\n`);
  const pictureSha = new Map<Buffer, string>();
  for (const it of page.items) {
    switch (it.kind) {
      case 'text': {
        h.update(`T ${n(it.x)} ${n(it.y)} ${n(it.angle ?? 0)} ${it.behind ? 1 : 0} ${it.artifact ?? ''}\n`);
        let font = '';
        for (const g of it.glyphs) {
          if (g.font !== font) {
            font = g.font;
            h.update(`F ${fontSha(font)}\n`);
          }
          h.update(`${g.id} ${n(g.size)} ${g.color} ${n(g.x)} ${n(g.adv)} ${n(g.rise ?? 0)} ${g.text}\n`);
        }
        break;
      }
      case 'rule':
        h.update(`R ${n(it.x1)} ${n(it.y1)} ${n(it.x2)} ${n(it.y2)} ${n(it.width)} ${it.color}\n`);
        break;
      case 'link':
        h.update(`L ${n(it.x)} ${n(it.y)} ${n(it.w)} ${n(it.h)} ${it.page ?? ''} ${it.url ?? ''}\n`);
        break;
      case 'image': {
        let s = pictureSha.get(it.image.data);
        if (!s) pictureSha.set(it.image.data, (s = sha256(it.image.data)));
        h.update(`I ${n(it.x)} ${n(it.y)} ${n(it.w)} ${n(it.h)} ${s}\n`);
        break;
      }
    }
  }
  return h.digest('hex');
}

export interface Built {
  pdf: Buffer;
  layout: { issue: Issue; display: DisplayList; fonts: FontRegistry };
}

export function makeManifest(built: Built, root: string, version: string): Manifest {
  const { issue, display, fonts } = built.layout;
  const roles = rolesUsed(display);
  const fontList = fontRecords(root, fonts, roles);
  const byRole = new Map(fontList.map((f) => [f.role, f.sha256]));
  const name = issue.meta.template;
  return {
    format: FORMAT,
    issue: issue.name,
    tool: toolVersions(root, version),
    inputs: issueInputs(issue),
    template: {
      name,
      files: templateFiles(root, name).map((f) => fileRecord(root, f)),
      options: templateOptions(root, name),
    },
    fontsManifest: fileRecord(root, join(root, 'fonts', 'fonts.yaml')),
    fonts: fontList,
    pages: display.pages.map((p, i) => ({
      page: i + 1,
      folio: p.folio,
      sha256: pageDigest(p, (r) => byRole.get(r) ?? fonts.sha256(r)),
    })),
    pdf: { sha256: sha256(built.pdf), bytes: built.pdf.length },
  };
}

/** The manifest as written: two-space JSON, keys in a fixed order, a newline at the end. */
export function manifestText(m: Manifest): string {
  return JSON.stringify(m, null, 2) + '\n';
}

export function readManifest(dir: string): Manifest | null {
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) return null;
  const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  if (m.format !== FORMAT || !Array.isArray(m.pages) || !m.pdf)
    throw new Error(`${file} is not a build manifest this version reads (format ${m.format})`);
  return m;
}

/** Every file in an issue folder but its manifest: what --all hashes to tell a changed issue. */
export function folderFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!(d === dir && e.name === MANIFEST)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}
