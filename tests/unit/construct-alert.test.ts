// The alert construct (src/constructs/alert.ts) as the reader and the checker see it: the
// marker read into the block and cut from the text (never printed, never proofread), each
// position where it was written, a marker no alert has reported at its line and column.
import { describe, expect, it } from 'vitest';
import { issueInputs } from '../../src/archive/manifest.js';
import { FindingSink } from '../../src/check/model.js';
import { parseDoc, sourceAt } from '../../src/check/prose.js';
import { checkPunctuation } from '../../src/check/punctuation.js';
import { CONSTRUCTS } from '../../src/constructs/index.js';
import { Diagnostics } from '../../src/source/diagnostics.js';
import { parseMarkdown } from '../../src/source/markdown.js';
import type { Block, Span } from '../../src/source/model.js';
import { loadIssue } from '../../src/source/load.js';
import { defaults, schema, TEMPLATE } from '../../src/template/options.js';
import { issueWith } from '../helpers/build.js';

/** The body is read as the loader reads it below three lines of front matter and a blank: line 1 of the body is line 5 of the file. */
function read(body: string) {
  const diags = new Diagnostics();
  const parsed = parseMarkdown(body, 'articles/01-a.md', 4, diags);
  return { blocks: parsed.blocks, notes: parsed.footnotes, diags: diags.list };
}

const text = (spans: Span[]) => spans.map((s) => (s.note !== undefined ? `[${s.note}]` : s.text)).join('');

function alertOf(b: Block | undefined) {
  if (b?.kind !== 'alert') throw new Error(`not an alert: ${JSON.stringify(b)}`);
  return b;
}

describe('reading an alert', () => {
  it('reads > [!NOTE] on its own line as an alert, its text without the marker, each where it was written', () => {
    const { blocks, diags } = read('> [!NOTE]\n> 本期起，改为半月刊。\n> 欢迎来稿。');
    expect(diags).toEqual([]);
    const a = alertOf(blocks[0]);
    expect(a.marker).toBe('note');
    expect(a.pos).toMatchObject({ file: 'articles/01-a.md', line: 5, col: 1 });
    expect(a.blocks).toHaveLength(1);
    const p = a.blocks[0];
    expect(p.kind).toBe('para');
    if (p.kind !== 'para') return;
    expect(text(p.spans)).toBe('本期起，改为半月刊。\n欢迎来稿。');
    // The paragraph starts on the line after the marker, after "> ".
    expect(p.pos).toMatchObject({ line: 6, col: 3 });
  });

  it('takes the GitHub words in any case, and Chinese markers as written, text on the marker’s line too', () => {
    expect(alertOf(read('> [!warning]\n> 注意安全。').blocks[0]).marker).toBe('warning');
    // A marker line ending in a hard break (two spaces, or \) leaves no break before the text.
    for (const body of ['> [!NOTE]  \n> 文字。', '> [!NOTE]\\\n> 文字。']) {
      const p = alertOf(read(body).blocks[0]).blocks[0];
      expect(p.kind === 'para' && p.spans.map((s) => (s.br ? '<br>' : s.text)).join(''), body).toBe('文字。');
    }
    const same = alertOf(read('> [!编者按] 这一段与标记同行。').blocks[0]);
    expect(same.marker).toBe('编者按');
    const p = same.blocks[0];
    if (p.kind !== 'para') throw new Error(p.kind);
    expect(text(p.spans)).toBe('这一段与标记同行。');
    expect(p.spans[0].pos).toMatchObject({ line: 5, col: 10 });
  });

  it('keeps an alert whose marker is all there is, and reads lists, footnotes and Latin inside one', () => {
    expect(alertOf(read('> [!注]').blocks[0]).blocks).toEqual([]);
    const { blocks, notes, diags } = read(
      '> [!NOTE]\n>\n> 2024年起采用GPT-4o模型[^1]。\n>\n> - 第一项\n> - 第二项\n\n[^1]: 注释。',
    );
    expect(diags).toEqual([]);
    const a = alertOf(blocks[0]);
    expect(a.blocks.map((b) => b.kind)).toEqual(['para', 'list']);
    if (a.blocks[0].kind !== 'para') return;
    expect(text(a.blocks[0].spans)).toBe('2024年起采用GPT-4o模型[0]。');
    expect(a.blocks[0].pos).toMatchObject({ line: 7, col: 3 });
    expect(notes.map((n) => n.label)).toEqual(['1']);
  });

  it('reads an alert inside a list item and inside a quote', () => {
    const item = read('- 项目\n\n  > [!NOTE]\n  > 文字。').blocks[0];
    expect(item.kind === 'list' && item.items[0].map((b) => b.kind)).toEqual(['para', 'alert']);
    const quote = read('> 引文。\n>\n> > [!TIP]\n> > 提示。').blocks[0];
    expect(quote.kind === 'quote' && quote.blocks.map((b) => b.kind)).toEqual(['para', 'alert']);
  });

  it('leaves a quote with no marker, or an escaped one, a quote', () => {
    for (const body of ['> 引文。', '> \\[!NOTE] 照印。', '> 正文 [!NOTE] 在中间。']) {
      const { blocks, diags } = read(body);
      expect(blocks[0].kind, body).toBe('quote');
      expect(diags, body).toEqual([]);
    }
  });

  it('reports a marker no alert has at its line and column, with the markers there are, and prints the quote as written', () => {
    const { blocks, diags } = read('正文。\n\n> [!NOTES]\n> 错误的标记。');
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({
      severity: 'warning',
      code: 'md-alert',
      file: 'articles/01-a.md',
      line: 7,
      col: 3,
    });
    expect(diags[0].message).toContain('[!NOTES]');
    expect(diags[0].fix).toContain('[!NOTE]');
    expect(diags[0].fix).toContain('[!编者按]');
    const q = blocks[1];
    expect(q.kind).toBe('quote');
    if (q.kind !== 'quote' || q.blocks[0].kind !== 'para') return;
    expect(text(q.blocks[0].spans)).toBe('[!NOTES]\n错误的标记。');
  });
});

describe('the checker and an alert', () => {
  const doc = (body: string) => parseDoc('/virtual/articles/01-a.md', `---\ntitle: 标题\n---\n\n${body}\n`);

  it('reads the text as running text, without the marker, each character at its column', () => {
    const d = doc('> [!NOTE]\n> 本期起,改为半月刊.');
    expect(d.units.map((u) => [u.kind, u.text])).toEqual([['para', '本期起,改为半月刊.']]);
    // 本 is at line 6 (0-based 5), column 2 (0-based) after "> ".
    expect(sourceAt(d.units[0], 0)).toEqual({ line: 5, col: 2 });
  });

  it('reports the text’s half-width marks at their columns, and nothing of the marker’s brackets', () => {
    const d = doc('> [!NOTE]\n> 本期起,改为半月刊.');
    const sink = new FindingSink();
    checkPunctuation(d, sink);
    const found = sink.list.sort((a, b) => a.col - b.col).map((f) => `${f.code}@${f.line}:${f.col}`);
    expect(found).toEqual(['punct-width@6:6', 'punct-width@6:12']);
  });

  it('reads a quote inside an alert as quoted text, and an unknown marker’s quote as a quote', () => {
    expect(doc('> [!NOTE]\n> 按语。\n>\n> > 引文。').units.map((u) => u.kind)).toEqual(['para', 'quote']);
    expect(doc('> [!NOTES]\n> 引文。').units.map((u) => u.kind)).toEqual(['quote']);
  });
});

describe('the alert’s declarations', () => {
  it('puts its options in the one options table, with defaults and validation', () => {
    expect(TEMPLATE.alert).toBe(CONSTRUCTS.alert.options);
    expect(defaults().alert).toMatchObject({ note: '编者按', frame: 'box', padding: 1 });
    expect(schema().alert).toMatchObject({ type: 'map' });
  });
});

describe('what walks the model', () => {
  it('finds a picture inside an alert: the archive records it among the issue’s inputs', () => {
    const { dir } = issueWith('> [!NOTE]\n> 按语。\n>\n> ![图1 示意](images/chart.png)');
    const { issue, diagnostics } = loadIssue(dir);
    expect(diagnostics.list.filter((d) => d.severity === 'error')).toEqual([]);
    const alert = issue!.articles[0].blocks[0];
    expect(alert.kind === 'alert' && alert.blocks.map((b) => b.kind)).toEqual(['para', 'figure']);
    expect(issueInputs(issue!).map((r) => r.path)).toContain('images/chart.png');
  });
});
