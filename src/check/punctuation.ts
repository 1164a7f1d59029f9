// Punctuation in Chinese text (GB/T 15834): full-width marks, paired quotes and brackets,
// …… and ——, no doubled marks, no spaces around full-width marks. Each rule fires only
// where the mark belongs to Chinese text: Latin runs, numbers (5.18%, 2023—2025, 3-5),
// addresses and English sentences keep their own punctuation.
import type { Edit } from './model.js';
import { FindingSink } from './model.js';
import { t as tr, type Text as Words } from '../core/text.js';
import { OPAQUE, sourceAt, type SourceDoc, type Unit } from './prose.js';
import {
  QUOTES,
  around,
  editFor,
  excerpt,
  hasHan,
  inChinese,
  isBlank,
  nextNonBlank,
  prevNonBlank,
  wideAt,
  withBlanks,
} from './context.js';

const HAN = /\p{Script=Han}/u;
const FULL: Record<string, string> = {
  ',': '，',
  '.': '。',
  ';': '；',
  ':': '：',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）',
};
/** Pause marks that may never stand twice in a row; half-width ones count as their full-width forms. */
const PAUSE_OF: Record<string, string> = {
  '，': '，',
  ',': '，',
  '、': '、',
  '；': '；',
  ';': '；',
  '：': '：',
  ':': '：',
  '。': '。',
};
const PAUSES = '，。、；：？！';
const CLOSERS = '）》】〕」』〉］｝”’';
const OPENERS = '（《【〔「『〈［｛“‘';
const BRACKETS: Record<string, string> = {
  '（': '）',
  '《': '》',
  '〈': '〉',
  '【': '】',
  '〔': '〕',
  '「': '」',
  '『': '』',
  '［': '］',
  '｛': '｝',
};
const CLOSING = new Map(Object.entries(BRACKETS).map(([o, c]) => [c, o]));
const ABBREVIATION =
  /(?:^|[\s(（])(?:(?:[A-Za-z]\.)+[A-Za-z]?|Co|Ltd|Inc|No|Nos|Dr|Mr|Mrs|Ms|Prof|St|vs|etc|Jr|Sr|Corp|Fig|al|approx|Vol|pp|ed|eds|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$/i;
/** Words that open an explanation after a dash (破折号); a connected item (一字线) never starts so. */
const EXPLAINS = /^(?:兼谈|兼论|兼评|兼议|也就是|就是说|尤其是|特别是|摘自|选自|引自|这就是)/;
/** "1）", "a)", "一）" opening an enumerated item: a closing bracket with no opening one, by custom. */
const ENUMERATOR =
  /(?:^|[\s。；：，、！？:;,.（(])(?:[0-9０-９]{1,2}|[A-Za-z]|[一二三四五六七八九十]{1,3}|[ivxIVX]{1,4})$/;

interface Ctx {
  doc: SourceDoc;
  sink: FindingSink;
  u: Unit;
  t: string;
  done: Uint8Array;
  /** The unit after this one, when it continues the same flow of text. */
  next?: Unit;
}

export function checkPunctuation(doc: SourceDoc, sink: FindingSink): void {
  const units = [...doc.fields.values(), ...doc.units];
  units.forEach((u, k) => {
    const nu = units[k + 1];
    const flowing = (u.kind === 'para' || u.kind === 'quote') && nu && nu.kind === u.kind;
    const c: Ctx = { doc, sink, u, t: u.text, done: new Uint8Array(u.text.length), next: flowing ? nu : undefined };
    ellipses(c);
    dashes(c);
    doubled(c);
    halfWidth(c);
    parens(c);
    quotes(c, '"', '“', '”');
    quotes(c, "'", '‘', '’');
    brackets(c);
    singleDash(c);
    spaces(c);
  });
}

function report(
  c: Ctx,
  k: number,
  code: string,
  message: Words,
  fix: Words,
  edits?: (Edit | null)[],
  severity: 'warning' | 'error' = 'warning',
): void {
  const at = sourceAt(c.u, k);
  const ok = edits && edits.length && edits.every((e) => e) ? (edits as Edit[]) : undefined;
  c.sink.add(
    severity,
    code,
    { file: c.doc.file, path: c.doc.path, line: at.line + 1, col: at.col + 1 },
    message,
    fix,
    ok,
  );
}

function mark(c: Ctx, s: number, e: number): void {
  for (let k = s; k < e; k++) c.done[k] = 1;
}

function free(c: Ctx, s: number, e: number): boolean {
  for (let k = s; k < e; k++) if (c.done[k]) return false;
  return true;
}

/** "..." "。。。" "．．．" "···" and a lone "…" where Chinese wants "……". */
function ellipses(c: Ctx): void {
  const re = /\.{3,}|。{3,}|．{3,}|·{3,}|・{3,}|…+/g;
  for (let m = re.exec(c.t); m; m = re.exec(c.t)) {
    const s = m.index;
    const e = s + m[0].length;
    if (m[0][0] === '…' && m[0].length !== 1) continue;
    const wide = wideAt(c.t, s) && m[0][0] !== '…';
    if (!wide && !inChinese(c.t, s, e)) continue;
    mark(c, s, e);
    report(c, s, 'punct-ellipsis', tr('punct-ellipsis', { written: m[0] }), tr('punct-ellipsis.fix'), [
      editFor(c.u, s, e, '……'),
    ]);
  }
}

/** "--" and "－－" for the Chinese dash. */
function dashes(c: Ctx): void {
  const re = /-{2,}|－{2,}/g;
  for (let m = re.exec(c.t); m; m = re.exec(c.t)) {
    const s = m.index;
    const e = s + m[0].length;
    if (!free(c, s, e) || !inChinese(c.t, s, e)) continue;
    // --help, --omit=dev: a command-line option written in the text.
    if (/[A-Za-z]/.test(c.t[e] ?? '') && (s === 0 || isBlank(c.t[s - 1]))) continue;
    mark(c, s, e);
    report(c, s, 'punct-dash', tr('punct-dash', { written: m[0] }), tr('punct-dash.fix'), [editFor(c.u, s, e, '——')]);
  }
}

/** "，，" "。。" "；;" and pause marks of two kinds in a row ("，。"). */
function doubled(c: Ctx): void {
  const t = c.t;
  const re = /[，,、；;：:。]{2,}/g;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    let s = m.index;
    const end = s + m[0].length;
    while (s < end) {
      while (s < end && c.done[s]) s++;
      let e = s;
      while (e < end && !c.done[e]) e++;
      if (e - s >= 2) doubledRun(c, s, e);
      s = e;
    }
  }
}

function doubledRun(c: Ctx, s: number, e: number): void {
  const t = c.t;
  const run = t.slice(s, e);
  // "3:2," and the like are Latin; a run with a full-width mark in it is Chinese.
  if (/^[,;:]+$/.test(run) && !inChinese(t, s, e)) return;
  const kinds = new Set([...run].map((ch) => PAUSE_OF[ch]));
  mark(c, s, e);
  if (kinds.size === 1) {
    const one = [...kinds][0];
    report(c, s, 'punct-doubled', tr('punct-doubled', { run }), tr('punct-doubled.fix', { one }), [
      editFor(c.u, s, e, one),
    ]);
  } else {
    report(c, s, 'punct-doubled', tr('punct-doubled.two', { run }), tr('punct-doubled.two.fix'));
  }
}

/** , . ; : ? ! in Chinese text. */
function halfWidth(c: Ctx): void {
  const t = c.t;
  const re = /[,.;:?!]/g;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const k = m.index;
    const ch = t[k];
    if (c.done[k]) continue;
    const a = around(t, k, k + 1);
    if (!inChinese(t, k, k + 1, a)) continue;
    const b = a.before.trim();
    let full = FULL[ch];
    if (ch === '.') {
      // .NET, .com, .docx: a dot that starts a Latin word is part of it.
      if (/[A-Za-z]/.test(t[k + 1] ?? '')) continue;
      const lead = a.prev < 0 || '。；：！？（(、\n'.includes(t[a.prev]);
      // "1.加强…", "A.方案": a numbered item, as GB/T 15834 allows.
      if (/^(?:\d{1,2}|[A-Za-z]|[ivxIVX]{1,4})$/.test(b) && lead && a.next >= 0) continue;
      if (b && ABBREVIATION.test(b)) continue;
      if (!b && /(?:^|[\n（(])[一二三四五六七八九十]{1,3}$/.test(t.slice(0, k))) full = '、';
    }
    if (ch === ':' && /\d$/.test(b) && /^\d/.test(a.after.trim())) continue;
    const [s, e] = withBlanks(c.u, k, k + 1);
    mark(c, s, e);
    report(c, k, 'punct-width', tr('punct-width', { ch }), tr('punct-width.fix', { full }), [editFor(c.u, s, e, full)]);
  }
}

/** ( ) around or next to Chinese text. */
function parens(c: Ctx): void {
  const t = c.t;
  const stack: number[] = [];
  const pairs: [number, number][] = [];
  const lone: number[] = [];
  const re = /[()]/g;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const k = m.index;
    if (c.done[k]) continue;
    if (t[k] === '(') stack.push(k);
    else if (t[k] === ')') {
      const o = stack.pop();
      if (o === undefined) lone.push(k);
      else pairs.push([o, k]);
    }
  }
  lone.push(...stack);
  const wideNear = (k: number) => k >= 0 && wideAt(t, k);
  for (const [o, e] of pairs) {
    const inner = t.slice(o + 1, e);
    const p = prevNonBlank(t, o);
    const n = nextNonBlank(t, e + 1);
    // f(x), GPT-4(2023): a bracket glued to a Latin word is notation, unless it holds Chinese.
    const glued = o > 0 && /[A-Za-z0-9]/.test(t[o - 1]);
    const chinese = hasHan(inner) || (!glued && (wideNear(p) || wideNear(n)));
    if (!chinese) continue;
    const [s1, e1] = withBlanks(c.u, o, o + 1);
    const [s2, e2] = withBlanks(c.u, e, e + 1);
    mark(c, o, o + 1);
    mark(c, e, e + 1);
    const shown = excerpt(t, o + 1, e);
    report(c, o, 'punct-width', tr('punct-width.brackets', { shown }), tr('punct-width.brackets.fix', { shown }), [
      editFor(c.u, s1, e1, '（'),
      editFor(c.u, s2, e2, '）'),
    ]);
  }
  for (const k of lone) {
    if (!(wideNear(prevNonBlank(t, k)) || wideNear(nextNonBlank(t, k + 1)))) continue;
    if (t[k] === ')' && ENUMERATOR.test(t.slice(0, k))) continue;
    const [s, e] = withBlanks(c.u, k, k + 1);
    mark(c, k, k + 1);
    report(c, k, 'punct-width', tr('punct-width', { ch: t[k] }), tr('punct-width.fix', { full: FULL[t[k]] }), [
      editFor(c.u, s, e, FULL[t[k]]),
    ]);
  }
}

/**
 * Quotation marks of one kind (double or single) in a unit: straight ones in Chinese text
 * become curly, and curly ones must alternate open/close (“” do not nest in “”; ‘’ do that).
 */
function quotes(c: Ctx, straight: string, open: string, close: string): void {
  const t = c.t;
  const letter = (k: number) => k >= 0 && k < t.length && /[A-Za-z]/.test(t[k]);
  const wideNear = (k: number) => k >= 0 && wideAt(t, k) && !QUOTES.has(t[k]);
  const single = straight === "'";
  // Apostrophes (don't, China’s) are not quotation marks.
  const apostrophe = (k: number) => letter(k - 1) && letter(k + 1);
  const plain: number[] = [];
  for (let k = t.indexOf(straight); k >= 0; k = t.indexOf(straight, k + 1))
    if (!c.done[k] && !apostrophe(k)) plain.push(k);
  if (!plain.length && !t.includes(open) && !t.includes(close)) return;
  const chinese: number[] = [];
  for (let i = 0; i + 1 < plain.length; i += 2) {
    const [o, e] = [plain[i], plain[i + 1]];
    const inner = t.slice(o + 1, e);
    const yes = single
      ? hasHan(inner)
      : hasHan(inner) || wideNear(prevNonBlank(t, o)) || wideNear(nextNonBlank(t, e + 1));
    if (yes) chinese.push(o, e);
  }
  if (plain.length % 2 === 1 && !single) {
    const k = plain[plain.length - 1];
    // 27" is an inch mark, not a quotation mark.
    const inch = /[0-9]/.test(t[k - 1] ?? '');
    if (!inch && (wideNear(prevNonBlank(t, k)) || wideNear(nextNonBlank(t, k + 1)))) chinese.push(k);
  }
  const curly: number[] = [];
  let openCount = 0;
  const re = single ? /[‘’]/g : /[“”]/g;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const k = m.index;
    if (t[k] === open) {
      curly.push(k);
      openCount++;
    } else if (t[k] === close) {
      if (single && letter(k - 1) && (apostrophe(k) || openCount === 0)) continue;
      curly.push(k);
      openCount = Math.max(0, openCount - 1);
    }
  }
  let marks = [...curly, ...chinese].sort((a, b) => a - b);
  if (!marks.length) return;
  // A quotation running over several paragraphs opens each and closes only the last.
  if (marks.length % 2 === 1 && t[marks[marks.length - 1]] === open && c.next?.text.trimStart().startsWith(open))
    marks = marks.slice(0, -1);
  const what = tr(single ? 'punct-quote.single' : 'punct-quote.double');
  // Quotes nested three deep (“…‘…“…”…’…”, GB/T 15834) open and close like brackets.
  if (
    !chinese.length &&
    nested(
      marks.map((k) => t[k]),
      open,
      close,
    )
  )
    return;
  if (marks.length % 2 === 0) {
    for (let i = 0; i < marks.length; i += 2) {
      const [o, e] = [marks[i], marks[i + 1]];
      const wrong: [number, string][] = [];
      if (t[o] !== open) wrong.push([o, open]);
      if (t[e] !== close) wrong.push([e, close]);
      if (!wrong.length) continue;
      const inner = excerpt(t, o + 1, e);
      const fix = tr('punct-quote.fix', { quoted: `${open}${inner}${close}` });
      const edits = wrong.map(([k, ch]) => editFor(c.u, k, k + 1, ch));
      if (wrong.some(([k]) => t[k] === straight))
        report(
          c,
          wrong[0][0],
          'punct-quote',
          tr('punct-quote', { what, quoted: `${t[o]}${inner}${t[e]}` }),
          fix,
          edits,
        );
      else
        report(
          c,
          wrong[0][0],
          'punct-quote',
          tr('punct-quote.pair', { what, quoted: `${t[o]}${inner}${t[e]}`, mark: t[wrong[0][0]] }),
          fix,
          edits,
        );
    }
    return;
  }
  // An odd count: some mark has no partner. Say where, without guessing a rewrite.
  let openAt = -1;
  for (const k of marks) {
    const isOpen = t[k] === open || (t[k] === straight && openAt < 0);
    if (t[k] === straight) {
      report(
        c,
        k,
        'punct-quote',
        tr('punct-quote.straight', { straight }),
        tr('punct-quote.fix', { quoted: isOpen ? open : close }),
      );
    }
    if (isOpen) {
      if (openAt >= 0)
        report(
          c,
          openAt,
          'punct-unbalanced',
          tr('punct-unbalanced.reopened', { open }),
          tr('punct-unbalanced.close.fix', { close }),
        );
      openAt = k;
    } else if (openAt < 0) {
      report(
        c,
        k,
        'punct-unbalanced',
        tr('punct-unbalanced', { mark: close, open }),
        tr('punct-unbalanced.fix', { open, mark: close }),
      );
    } else openAt = -1;
  }
  if (openAt >= 0)
    report(
      c,
      openAt,
      'punct-unbalanced',
      tr('punct-unbalanced.unclosed', { mark: open }),
      tr('punct-unbalanced.close.fix', { close }),
    );
}

function nested(seq: string[], open: string, close: string): boolean {
  let depth = 0;
  for (const ch of seq) {
    if (ch === open) depth++;
    else if (ch === close && --depth < 0) return false;
  }
  return depth === 0;
}

/** （）《》【】〔〕「」『』〈〉 (and half-width ( ), counted as （）) open and close in order. */
function brackets(c: Ctx): void {
  const t = c.t;
  const stack: { k: number; ch: string }[] = [];
  const norm = (ch: string) => (ch === '(' ? '（' : ch === ')' ? '）' : ch);
  const re = /[（）()《》〈〉【】〔〕「」『』［］｛｝]/g;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const k = m.index;
    const ch = norm(t[k]);
    if (BRACKETS[ch]) {
      stack.push({ k, ch });
      continue;
    }
    const want = CLOSING.get(ch);
    if (!want) continue;
    let d = stack.length - 1;
    while (d >= 0 && stack[d].ch !== want) d--;
    if (d < 0) {
      if (ENUMERATOR.test(t.slice(0, k))) continue;
      report(
        c,
        k,
        'punct-unbalanced',
        tr('punct-unbalanced', { mark: t[k], open: t[k] === ')' ? '(' : want }),
        tr('punct-unbalanced.bracket.fix', { open: want, mark: t[k] }),
      );
      continue;
    }
    for (const s of stack.splice(d + 1)) {
      report(
        c,
        s.k,
        'punct-unbalanced',
        tr('punct-unbalanced.crossed', { mark: t[s.k], around: `${want}…${t[k]}` }),
        tr('punct-unbalanced.end.fix', { close: BRACKETS[s.ch] }),
      );
    }
    stack.pop();
  }
  for (const s of stack)
    report(
      c,
      s.k,
      'punct-unbalanced',
      tr('punct-unbalanced.unclosed', { mark: t[s.k] }),
      tr('punct-unbalanced.end-or-remove.fix', { close: BRACKETS[s.ch], mark: t[s.k] }),
    );
}

/**
 * A lone "—" used as a dash: spaced like an English dash, opening or closing the text, or
 * next to a pause mark. Between words or numbers (市—县, 2023—2025, 1—4月) it is the
 * connecting 一字线 and stays.
 */
function singleDash(c: Ctx): void {
  const t = c.t;
  const dash = (ch: string | undefined) => ch === '—' || ch === '―';
  const re = /[—―]/g;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const k = m.index;
    if (dash(t[k - 1]) || dash(t[k + 1]) || c.done[k]) continue;
    const p = prevNonBlank(t, k);
    const n = nextNonBlank(t, k + 1);
    const wideL = p >= 0 && wideAt(t, p) && t[p] !== '\n';
    const wideR = n >= 0 && wideAt(t, n) && t[n] !== '\n';
    const spaced = isBlank(t[k - 1]) || isBlank(t[k + 1]);
    const atStart = p < 0 || t[p] === '\n';
    const atEnd = n < 0 || t[n] === '\n';
    const byPause = [t[k - 1], t[k + 1]].some((ch) => ch !== undefined && PAUSES.includes(ch));
    // "札记—兼谈…", "目标—也就是…": words that open an explanation, never a connected item.
    const explains = EXPLAINS.test(t.slice(k + 1, k + 4));
    if (!((spaced && (wideL || wideR)) || (atStart && wideR) || (atEnd && wideL) || byPause || explains)) continue;
    const [s, e] = withBlanks(c.u, k, k + 1);
    mark(c, s, e);
    report(c, k, 'punct-dash', tr('punct-dash.single', { mark: t[k] }), tr('punct-dash.fix'), [
      editFor(c.u, s, e, '——'),
    ]);
  }
}

/** Blanks next to full-width marks: the mark's own half-em of space is already there. */
function spaces(c: Ctx): void {
  const t = c.t;
  const re = /[ \t\u00a0\u3000]+/g;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const from = m.index;
    const e = from + m[0].length;
    const L = t[from - 1];
    const R = t[e];
    if (from === 0 || R === undefined || L === '\n' || R === '\n' || !free(c, from, e)) continue;
    if (L === OPAQUE || R === OPAQUE) continue;
    let where: Words | null = null;
    if (CLOSERS.includes(R) || PAUSES.includes(R)) where = tr('punct-space.before', { mark: R });
    else if (PAUSES.includes(L) || OPENERS.includes(L)) where = tr('punct-space.after', { mark: L });
    else if (OPENERS.includes(R) && wideAt(t, from - 1) && !QUOTES.has(L))
      where = tr('punct-space.before', { mark: R });
    else if (CLOSERS.includes(L) && wideAt(t, e)) where = tr('punct-space.after', { mark: L });
    if (!where) {
      // In running text a space between two Chinese characters is usually left over from
      // copying out of a PDF or a web page; it prints as a visible gap. Titles and headings
      // may mean it (两段式标题), so only paragraphs are checked, and nothing is fixed.
      if (
        (c.u.kind === 'para' || c.u.kind === 'quote' || c.u.kind === 'item') &&
        m[0].includes(' ') &&
        HAN.test(L) &&
        HAN.test(R)
      ) {
        mark(c, from, e);
        report(c, from, 'han-space', tr('han-space', { pair: `${L} ${R}` }), tr('han-space.fix'));
      }
      continue;
    }
    mark(c, from, e);
    report(c, from, 'punct-space', where, tr('punct-space.fix'), [editFor(c.u, from, e, '')]);
  }
}
