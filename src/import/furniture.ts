// The parts of a printed issue around its articles: the masthead (报头) and contents list
// on the cover, the colophon (版记) at the end, folios and running heads on every page.
import { squash } from './chars.js';
import type { ImportedMeta, Note, Place, PrintedLine } from './model.js';
import { t as tr } from '../core/text.js';
import { FOLIO } from './textfile.js';

export interface TocEntry {
  title: string;
  page: number;
  at: Place;
}

export interface Furniture {
  meta: Partial<ImportedMeta>;
  /** Where each masthead field was read (for notes about it). */
  metaAt: Partial<Record<keyof ImportedMeta, Place>>;
  toc: TocEntry[];
  /** The lines between the contents and the colophon. */
  body: PrintedLine[];
  notes: Note[];
}

const ISSUE_LINE = /(\d{4})\s*年\s*第\s*(\d{1,3})\s*期/;
const TOTAL = /总\s*第\s*(\d{1,5})\s*期/;
const DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const UNIT = /^(.+?)\s*(?:编\s*辑|编\s*印|主\s*办|编)$/;
/** The unit named before its role: 主办单位：… 编印：… */
const UNIT_FIRST = /^(?:主\s*办|编\s*印|编\s*辑)(?:\s*单\s*位)?\s*[：:]\s*(.+)$/;
const CONTENTS_HEAD = /^目\s*录$|^本期(?:要目|目录)$/;
/** ★ title …… 3 — leaders of dots or ellipses (or a wide space), then the page. */
const TOC_LINE = /^[★☆●◆■•·]?\s*(.+?)\s*(?:[.．…·。⋯]{2,}|\s{3,}|\t+)\s*(\d{1,3})\s*$/;
const TOC_BULLET = /^[★☆●◆■]\s*/;

const EDITOR = /编\s*辑\s*[：:]\s*(.+?)(?=\s{2,}|\s*电\s*话|\s*审\s*核|\s*签\s*发|$)/;
const PHONE = /电\s*话\s*[：:]\s*([0-9０-９][0-9０-９\-－()（）\s]*[0-9０-９)）])/;
const COLOPHON_UNIT = /^(.+?)\s*(?:编\s*辑|编\s*印|印\s*发)\s*$/;
const COLOPHON_OTHER = /^(?:(?:报|送|发|抄送|审\s*核|签\s*发|校\s*对|责任编辑|主\s*编)\s*[：:]|印数|共印)/;

export function splitFurniture(all: PrintedLine[]): Furniture {
  const notes: Note[] = [];
  const meta: Partial<ImportedMeta> = {};
  const metaAt: Furniture['metaAt'] = {};
  let lines = dropPageFurniture(
    all.filter((l) => l.text),
    notes,
  );

  // The masthead: the lines before the contents (or before the first paragraph of text).
  let i = 0;
  const firstToc = lines.findIndex(
    (l) => TOC_BULLET.test(l.text) || (TOC_LINE.test(l.text) && l.page === lines[0]?.page),
  );
  const mastEnd = firstToc >= 0 && firstToc < 12 ? firstToc : Math.min(lines.length, 6);
  for (; i < mastEnd; i++) {
    const l = lines[i];
    const t = l.text;
    if (CONTENTS_HEAD.test(t.replace(/\s+/g, ' ').trim())) continue;
    let used = false;
    const issue = ISSUE_LINE.exec(t);
    if (issue && meta.year === undefined) {
      meta.year = Number(issue[1]);
      meta.number = Number(issue[2]);
      metaAt.year = metaAt.number = l.at;
      used = true;
    }
    const total = TOTAL.exec(t);
    if (total) {
      meta.total = Number(total[1]);
      metaAt.total = l.at;
      used = true;
    }
    const date = DATE.exec(t);
    if (date) {
      meta.date = `${date[1]}-${date[2].padStart(2, '0')}-${date[3].padStart(2, '0')}`;
      metaAt.date = l.at;
      used = true;
    }
    const rest = t
      .replace(ISSUE_LINE, '')
      .replace(TOTAL, '')
      .replace(DATE, '')
      .replace(/[（）()]/g, '')
      .trim();
    const unit = UNIT_FIRST.exec(rest) ?? UNIT.exec(rest);
    if (unit && !meta.publisher) {
      meta.publisher = unit[1].replace(/\s+/g, '');
      metaAt.publisher = l.at;
      used = true;
    }
    if (!used && !meta.title && rest) {
      meta.title = rest.replace(/\s+/g, '');
      metaAt.title = l.at;
      used = true;
    }
    if (!used && firstToc < 0) break;
    if (!used)
      notes.push({
        severity: 'warning',
        code: 'import-masthead',
        at: l.at,
        message: tr('import-masthead', { text: clip(t) }),
      });
  }
  // No contents and no issue line: there was no masthead, the text starts at once.
  if (firstToc < 0 && meta.year === undefined) {
    for (const k of Object.keys(meta)) delete meta[k as keyof ImportedMeta];
    for (const k of Object.keys(metaAt)) delete metaAt[k as keyof ImportedMeta];
    const kept = notes.filter((n) => n.code !== 'import-masthead');
    notes.splice(0, notes.length, ...kept);
    i = 0;
  }
  lines = lines.slice(i);

  // The contents: ★ lines, a title too long for one line continuing on the next.
  const toc: TocEntry[] = [];
  let j = 0;
  while (j < lines.length) {
    const t = lines[j].text;
    if (CONTENTS_HEAD.test(t)) {
      j++;
      continue;
    }
    const m = TOC_LINE.exec(t);
    if (m) {
      toc.push({ title: m[1].replace(TOC_BULLET, '').trim(), page: Number(m[2]), at: lines[j].at });
      j++;
      continue;
    }
    const next = lines[j + 1] ? TOC_LINE.exec(lines[j + 1].text) : null;
    if (TOC_BULLET.test(t) && next && !TOC_BULLET.test(lines[j + 1].text)) {
      toc.push({
        title: `${t.replace(TOC_BULLET, '').trim()}${next[1].trim()}`,
        page: Number(next[2]),
        at: lines[j].at,
      });
      j += 2;
      continue;
    }
    break;
  }
  lines = lines.slice(j);

  // The colophon: the last lines, as long as they are colophon lines.
  let k = lines.length;
  while (k > 0 && k > lines.length - 8) {
    const l = lines[k - 1];
    const t = l.text;
    const editor = EDITOR.exec(t);
    const phone = PHONE.exec(t);
    const unit = !editor && !phone ? COLOPHON_UNIT.exec(t) : null;
    if (!editor && !phone && !unit && !COLOPHON_OTHER.test(t)) break;
    if (editor) {
      meta.editor = editor[1].replace(/\s+/g, '');
      metaAt.editor = l.at;
    }
    if (phone) {
      meta.phone = phone[1].replace(/\s+/g, '').normalize('NFKC');
      metaAt.phone = l.at;
    }
    if (unit) {
      const name = unit[1].replace(/\s+/g, '');
      if (!meta.publisher) {
        meta.publisher = name;
        metaAt.publisher = l.at;
      } else if (squash(name) !== squash(meta.publisher)) {
        notes.push({
          severity: 'warning',
          code: 'import-publisher',
          at: l.at,
          message: tr('import-publisher', { colophon: name, masthead: meta.publisher ?? '' }),
          meta: 'publisher',
        });
      }
    }
    if (!editor && !phone && !unit)
      notes.push({
        severity: 'warning',
        code: 'import-colophon',
        at: l.at,
        message: tr('import-colophon', { text: clip(t) }),
      });
    k--;
  }
  return { meta, metaAt, toc, body: lines.slice(0, k), notes };
}

/**
 * Folios and running heads: a folio by its shape; a running head by coming back, digits
 * aside, at the top or foot of many pages.
 */
function dropPageFurniture(lines: PrintedLine[], notes: Note[]): PrintedLine[] {
  const pages = new Set(lines.map((l) => l.page)).size;
  const seen = new Map<string, Set<number>>();
  const key = (l: PrintedLine) => squash(l.text).replace(/\d+/g, '#');
  const edge = new Set<PrintedLine>();
  const byPage = new Map<number, PrintedLine[]>();
  for (const l of lines) byPage.set(l.page, [...(byPage.get(l.page) ?? []), l]);
  for (const ls of byPage.values()) {
    if (ls.length) edge.add(ls[0]).add(ls[ls.length - 1]);
  }
  for (const l of edge) {
    const k = key(l);
    if (!seen.has(k)) seen.set(k, new Set());
    seen.get(k)!.add(l.page);
  }
  const repeated = new Set(
    [...seen].filter(([, ps]) => pages >= 4 && ps.size >= Math.max(3, pages / 2)).map(([k]) => k),
  );
  return lines.filter((l) => {
    if (FOLIO.test(l.text)) return false;
    if (edge.has(l) && repeated.has(key(l))) {
      if (!notes.some((n) => n.code === 'import-running-head' && String(n.message).includes(l.text))) {
        notes.push({
          severity: 'note',
          code: 'import-running-head',
          at: l.at,
          message: tr('import-running-head', { text: clip(l.text), pages: seen.get(key(l))!.size }),
        });
      }
      return false;
    }
    return true;
  });
}

export function clip(s: string, n = 16): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
