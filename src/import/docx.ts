// A Word file (.docx) → an issue: mammoth reads the document into plain HTML (headings,
// bold, lists, tables, footnotes, pictures); this turns that HTML into the Markdown the
// build uses. An issue's articles start at Heading 1 (or Title); what comes before the
// first is read as a masthead. Pictures are saved into the issue's images/ folder.
import { basename, extname } from 'node:path';
import mammoth from 'mammoth';
import { clip, splitFurniture } from './furniture.js';
import { escapeInline } from './markdown.js';
import type { ImportedArticle, ImportedIssue, MdBlock, Note, Place, PrintedLine } from './model.js';
import { t as tr } from '../core/text.js';

type Node = string | { tag: string; attrs: Record<string, string>; children: Node[] };
type Element = Exclude<Node, string>;

const VOID = new Set(['img', 'br', 'hr']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (ENTITIES[e] ?? m),
  );
}

/** mammoth's HTML (well formed, escaped, no stray markup) as a tree. */
export function parseHtml(html: string): Node[] {
  const root: Element = { tag: '#root', attrs: {}, children: [] };
  const stack: Element[] = [root];
  const re = /<(\/?)([a-zA-Z0-9]+)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*(\/?)>|([^<]+)/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      top.children.push(decode(m[5]));
      continue;
    }
    const tag = m[2].toLowerCase();
    if (m[1]) {
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3].matchAll(/([^\s=]+)(?:="([^"]*)")?/g)) attrs[a[1]] = decode(a[2] ?? '');
    const el: Element = { tag, attrs, children: [] };
    top.children.push(el);
    if (!VOID.has(tag) && !m[4]) stack.push(el);
  }
  return root.children;
}

const text = (n: Node): string => (typeof n === 'string' ? n : n.children.map(text).join(''));

interface Ctx {
  file: string;
  notes: Note[];
  /** Footnote ids (footnote-3) → their number in the article. */
  noteNumbers: Map<string, number>;
}

/** Inline content → Markdown. */
function inline(nodes: Node[], ctx: Ctx): string {
  let out = '';
  for (const n of nodes) {
    if (typeof n === 'string') {
      out += escapeInline(n.replace(/\s*\n\s*/g, ' '), false);
      continue;
    }
    const inner = () => inline(n.children, ctx);
    switch (n.tag) {
      case 'strong':
      case 'b': {
        const s = inner();
        out += s.trim() ? `**${s.trim()}**` : s;
        break;
      }
      case 'em':
      case 'i': {
        const s = inner();
        out += s.trim() ? `*${s.trim()}*` : s;
        break;
      }
      case 'br':
        out += '\\\n';
        break;
      case 'img':
        out += n.attrs.src ? `![${escapeInline(n.attrs.alt ?? '', false)}](${n.attrs.src})` : '';
        break;
      case 'a': {
        const href = n.attrs.href ?? '';
        const note = /^#((?:foot|end)note-(?!ref-)[\w-]+)$/.exec(href);
        if (note) {
          let k = ctx.noteNumbers.get(note[1]);
          if (k === undefined) ctx.noteNumbers.set(note[1], (k = ctx.noteNumbers.size + 1));
          out += `[^${k}]`;
        } else if (/^#(?:foot|end)note-ref-/.test(href)) {
          // the ↑ back to the text, in a note
        } else if (/^(https?|mailto):/i.test(href))
          out += `[${inner()}](${href.replace(/[()\s]/g, encodeURIComponent)})`;
        else out += inner();
        break;
      }
      default:
        out += inner();
    }
  }
  return out;
}

/** What would open a block at a line's start is escaped there. */
function guardStart(md: string): string {
  return md.replace(/^([+\-=])/, '\\$1').replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2');
}

function list(el: Element, ctx: Ctx, depth: number): string[] {
  const lines: string[] = [];
  let k = Number(el.attrs.start ?? 1);
  for (const li of el.children) {
    if (typeof li === 'string' || li.tag !== 'li') continue;
    const marker = el.tag === 'ol' ? `${k++}. ` : '- ';
    const pad = ' '.repeat(depth);
    const own = li.children.filter((c) => typeof c === 'string' || (c.tag !== 'ul' && c.tag !== 'ol'));
    const paras = own.some((c) => typeof c !== 'string' && c.tag === 'p')
      ? own.filter((c): c is Element => typeof c !== 'string' && c.tag === 'p').map((p) => inline(p.children, ctx))
      : [inline(own, ctx)];
    lines.push(`${pad}${marker}${paras[0].trim()}`);
    for (const p of paras.slice(1)) lines.push('', `${pad}${' '.repeat(marker.length)}${p.trim()}`);
    for (const sub of li.children)
      if (typeof sub !== 'string' && (sub.tag === 'ul' || sub.tag === 'ol'))
        lines.push(...list(sub, ctx, depth + marker.length));
  }
  return lines;
}

function table(el: Element, ctx: Ctx): string {
  const rows: string[][] = [];
  const walk = (e: Element) => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (c.tag === 'tr')
        rows.push(
          c.children
            .filter((d): d is Element => typeof d !== 'string' && (d.tag === 'td' || d.tag === 'th'))
            .map((cell) => cellText(cell, ctx)),
        );
      else walk(c);
    }
  };
  walk(el);
  const width = Math.max(1, ...rows.map((r) => r.length));
  const line = (r: string[]) => `| ${[...r, ...Array<string>(width - r.length).fill('')].join(' | ')} |`;
  const [head = [], ...body] = rows;
  return [line(head), `|${' --- |'.repeat(width)}`, ...body.map(line)].join('\n');
}

/** A cell's paragraphs on one line, apart by <br>. */
function cellText(cell: Element, ctx: Ctx): string {
  const paras = cell.children.filter((c): c is Element => typeof c !== 'string' && c.tag === 'p');
  const parts = paras.length ? paras.map((p) => inline(p.children, ctx)) : [inline(cell.children, ctx)];
  return parts
    .map((p) => p.replace(/\\\n/g, '<br>').trim())
    .filter(Boolean)
    .join('<br>');
}

interface Part {
  level: number | null;
  md: string;
  kind: MdBlock['kind'];
  plain: string;
}

export async function importDocx(file: string, data: Buffer): Promise<ImportedIssue> {
  const name = basename(file);
  const stem =
    basename(file, extname(file))
      .replace(/[^\w-]+/g, '')
      .toLowerCase() || 'tu';
  const notes: Note[] = [];
  const files = new Map<string, Buffer>();
  let pictures = 0;
  const result = await mammoth.convertToHtml(
    { buffer: data },
    {
      styleMap: ["p[style-name='Title'] => h1:fresh", "p[style-name='标题'] => h1:fresh"],
      convertImage: mammoth.images.imgElement(async (image) => {
        const type = image.contentType;
        const ext = type === 'image/png' ? 'png' : type === 'image/jpeg' ? 'jpg' : null;
        pictures++;
        if (!ext) {
          notes.push({
            severity: 'warning',
            code: 'import-image',
            at: { file: name, line: 0 },
            message: tr('import-image', { n: pictures, type }),
          });
          return { src: '' };
        }
        const path = `images/${stem}-${pictures}.${ext}`;
        files.set(path, Buffer.from(await image.readAsBuffer()));
        return { src: path };
      }),
    },
  );
  for (const m of result.messages)
    if (m.type === 'warning')
      notes.push({
        severity: 'note',
        code: 'import-docx',
        at: { file: name, line: 0 },
        message: tr('import-docx', { detail: m.message }),
      });

  const nodes = parseHtml(result.value);
  // Footnotes come last, as a list of items named footnote-N.
  const isNotes = (n: Node) =>
    typeof n !== 'string' &&
    n.tag === 'ol' &&
    n.children.some((li) => typeof li !== 'string' && /^(?:foot|end)note-/.test(li.attrs.id ?? ''));
  const noteLists = nodes.filter(isNotes) as Element[];
  const body = nodes.filter((n) => !isNotes(n));
  const noteText = new Map<string, Element>();
  for (const ol of noteLists)
    for (const li of ol.children) if (typeof li !== 'string' && li.attrs.id) noteText.set(li.attrs.id, li);

  // The document's blocks, each with the article it opens (h1) or its heading level.
  const parts: Part[] = [];
  const ctx: Ctx = { file: name, notes, noteNumbers: new Map() };
  const groups: { title: string | null; parts: Part[]; noteNumbers: Map<string, number>; at: Place }[] = [
    { title: null, parts, noteNumbers: ctx.noteNumbers, at: { file: name, line: 1 } },
  ];
  let index = 0;
  for (const n of body) {
    index++;
    if (typeof n === 'string') continue;
    const heading = /^h([1-6])$/.exec(n.tag);
    if (heading && heading[1] === '1') {
      ctx.noteNumbers = new Map();
      groups.push({ title: text(n).trim(), parts: [], noteNumbers: ctx.noteNumbers, at: { file: name, line: index } });
      continue;
    }
    const into = groups[groups.length - 1].parts;
    if (heading)
      into.push({
        level: Math.min(5, Number(heading[1])),
        md: inline(n.children, ctx).trim(),
        kind: 'heading',
        plain: text(n),
      });
    else if (n.tag === 'p') {
      const md = guardStart(inline(n.children, ctx).trim());
      if (md) into.push({ level: null, md, kind: 'para', plain: text(n) });
    } else if (n.tag === 'ul' || n.tag === 'ol')
      into.push({ level: null, md: list(n, ctx, 0).join('\n'), kind: 'raw', plain: text(n) });
    else if (n.tag === 'table') into.push({ level: null, md: table(n, ctx), kind: 'raw', plain: text(n) });
  }

  const issue: ImportedIssue = { meta: {}, articles: [], notes, dropped: [] };
  const [front, ...titled] = groups;
  if (titled.length) {
    // Before the first Heading 1: a masthead, if the document is an issue.
    const lines: PrintedLine[] = front.parts.map((p, k) => ({
      text: p.plain.trim(),
      runs: [{ text: p.plain, bold: false }],
      page: 1,
      at: { file: name, line: k + 1 },
    }));
    const f = splitFurniture(lines);
    issue.meta = f.meta;
    (issue as ImportedIssue & { metaAt?: unknown }).metaAt = f.metaAt;
    notes.push(...f.notes);
    if (f.body.length)
      notes.push({
        severity: 'warning',
        code: 'import-untitled',
        at: { file: name, line: 1 },
        message: tr('import-untitled.docx', { count: f.body.length, text: clip(f.body[0].text) }),
      });
  } else {
    // One article: its title is the first paragraph, if it reads like one.
    const first = front.parts[0];
    const looksTitle =
      first && first.kind !== 'raw' && first.plain.trim().length <= 40 && !/[。！？；]/.test(first.plain.slice(0, -1));
    const title = looksTitle ? first.plain.trim() : basename(file, extname(file));
    notes.push({
      severity: 'warning',
      code: 'import-title',
      at: { file: name, line: 1 },
      message: looksTitle ? tr('import-title.first', { title: clip(title, 24) }) : tr('import-title.file', { title }),
    });
    titled.push({ ...front, title, parts: looksTitle ? front.parts.slice(1) : front.parts });
  }
  for (const g of titled) {
    const article: ImportedArticle = { title: g.title || '待定', blocks: [], at: g.at, files: new Map() };
    let line = 0;
    for (const p of g.parts) {
      line++;
      const at = { file: name, line: g.at.line + line };
      const block: MdBlock =
        p.kind === 'heading' ? { kind: 'heading', level: p.level!, md: p.md, at } : { kind: p.kind, md: p.md, at };
      article.blocks.push(block);
      for (const m of p.md.matchAll(/!\[[^\]]*\]\((images\/[^)]+)\)/g))
        if (files.has(m[1])) article.files!.set(m[1], files.get(m[1])!);
    }
    // Headings from Heading 2 down, closed up so that none is skipped.
    const used = [...new Set(article.blocks.filter((b) => b.kind === 'heading').map((b) => b.level!))].sort();
    for (const b of article.blocks) if (b.kind === 'heading') b.level = used.indexOf(b.level!) + 2;
    article.notes = [...g.noteNumbers].map(([id, k]) => {
      const li = noteText.get(id);
      const md = li
        ? li.children
            .map((c) =>
              typeof c !== 'string' && c.tag === 'p'
                ? inline(c.children, ctx)
                : typeof c === 'string'
                  ? escapeInline(c, false)
                  : inline([c], ctx),
            )
            .join(' ')
            .trim()
        : '';
      if (!md)
        notes.push({
          severity: 'warning',
          code: 'import-footnote',
          at: g.at,
          message: tr('import-footnote', { n: k }),
          anchor: article,
        });
      return `[^${k}]: ${md || '（注释缺失）'}`;
    });
    issue.articles.push(article);
  }
  return issue;
}
