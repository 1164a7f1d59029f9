// Punctuation in Chinese text: every rule fires on the error it is for, points at the
// mark's own column, offers the rewrite a proofreader would write, and stays silent on
// correct typography (Latin runs, numbers, English sentences, 《》, “‘’”, ——, ……).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIssue } from '../../src/index.js';
import { planFixes } from '../../src/check/fix.js';
import { FindingSink } from '../../src/check/model.js';
import { parseDoc } from '../../src/check/prose.js';
import { checkPunctuation } from '../../src/check/punctuation.js';
import { ROOT } from '../helpers/build.js';

const FIXTURES = join(ROOT, 'tests', 'fixtures');

/** The body is written from line 5 (after three lines of front matter and a blank). */
function check(body: string) {
  const doc = parseDoc('/virtual/articles/01-a.md', `---\ntitle: 标题\n---\n\n${body}\n`);
  const sink = new FindingSink();
  checkPunctuation(doc, sink);
  return { doc, findings: sink.list };
}

const codes = (body: string) =>
  check(body)
    .findings.sort((a, b) => a.line - b.line || a.col - b.col)
    .map((f) => `${f.code}@${f.line - 4}:${f.col}`);

/** The body after --fix's edits. */
function fixed(body: string): string {
  const { doc, findings } = check(body);
  const [file] = planFixes(findings, [doc]);
  return file ? file.after.slice(4).join('\n').replace(/\n+$/, '') : body;
}

describe('half-width marks in Chinese text', () => {
  it.each([
    [
      '截至2023年5月底,全市累计入库226家.',
      '截至2023年5月底，全市累计入库226家。',
      ['punct-width@1:11', 'punct-width@1:22'],
    ],
    [
      '如下:一是加强领导;二是完善政策.',
      '如下：一是加强领导；二是完善政策。',
      ['punct-width@1:3', 'punct-width@1:10', 'punct-width@1:17'],
    ],
    ['为什么?因为效率更高!', '为什么？因为效率更高！', ['punct-width@1:4', 'punct-width@1:11']],
    ['57名科研(管理)人员参加评审。', '57名科研（管理）人员参加评审。', ['punct-width@1:6']],
    ['人工智能 (AI) 技术快速发展。', '人工智能（AI）技术快速发展。', ['punct-width@1:6']],
    [
      '包括AI,大数据和云计算。我们使用了Python.',
      '包括AI，大数据和云计算。我们使用了Python。',
      ['punct-width@1:5', 'punct-width@1:25'],
    ],
    ['发展 , 创新。', '发展，创新。', ['punct-width@1:4']],
    ['一.加强组织领导', '一、加强组织领导', ['punct-width@1:2']],
  ])('%s', (body, want, where) => {
    expect(codes(body)).toEqual(where);
    expect(fixed(body)).toBe(want);
  });

  it('says which mark and what to write', () => {
    const [f] = check('科研(管理)人员').findings;
    expect(f).toMatchObject({
      severity: 'warning',
      message: 'half-width brackets "(管理)" in Chinese text',
      fix: 'write "（管理）"',
    });
  });

  it.each([
    '2022 年全市研发强度 5.18%，高于全省 2.83 个百分点。',
    '完善2023—2025年培育库，2023年1—4月吸纳技术合同184项。',
    '促成 3-5 个重大项目落地，支持“1+3”产业企业。',
    '单集群可容纳超过10,000颗处理器，吞吐量达到每秒2,400 tokens。',
    '他说：“Stay hungry, stay foolish.”这句话广为流传。',
    '他说：He is a good man. 我们都同意。',
    'The quick brown fox jumps over the lazy dog. It was fun, wasn’t it?',
    '1.加强组织领导。2.完善政策体系。',
    '比例为3:2，时间为上午9:30。',
    '苹果Inc.发布新品，美国U.S.政府回应，e.g.如此。',
    '基于.NET平台开发，访问example.com即可。',
    '函数f(x)的值域，GPT-4(2023)模型。',
    '详情可访问https://www.example.gov.cn/a/b.html?x=1,2查询。',
    '编码规则记为 `DX-2024-03, v1.0.` 等。',
    '可在[国家统计局网站](https://www.stats.gov.cn/)查询，邮箱kjj@example.gov.cn。',
  ])('leaves alone: %s', (body) => {
    expect(codes(body)).toEqual([]);
  });
});

describe('quotation marks', () => {
  it.each([
    ['所谓"内卷"现象。', '所谓“内卷”现象。', ['punct-quote@1:3']],
    ["所谓'躺平'心态。", '所谓‘躺平’心态。', ['punct-quote@1:3']],
    ['他说:"我们要努力."', '他说：“我们要努力。”', ['punct-width@1:3', 'punct-quote@1:4', 'punct-width@1:10']],
    ['他说：“我们要努力“，然后离开。', '他说：“我们要努力”，然后离开。', ['punct-quote@1:10']],
    ['他说：“我们要努力"，然后离开。', '他说：“我们要努力”，然后离开。', ['punct-quote@1:10']],
  ])('%s', (body, want, where) => {
    expect(codes(body)).toEqual(where);
    expect(fixed(body)).toBe(want);
  });

  it('accepts quotes nested three deep, as GB/T 15834 writes them', () => {
    expect(codes('“他说：‘这是我们的“第一步”。’”她回忆道。')).toEqual([]);
  });

  it('reports an unclosed or unopened quote, without guessing a fix', () => {
    const open = check('他说：“我们要努力，然后离开。').findings;
    expect(open.map((f) => [f.code, f.col, f.message])).toEqual([
      ['punct-unbalanced', 4, '"“" is never closed in this paragraph'],
    ]);
    expect(open[0].edits).toBeUndefined();
    expect(codes('他说：我们要努力”，然后离开。')).toEqual(['punct-unbalanced@1:9']);
  });

  it.each([
    '我们这一代人，做的是‘铺路石’的工作。',
    '书中写道：“我们要把‘科技成果转化’这篇文章做好。”',
    '“三项改革”“技术转移人才评价”等试点；“订单式”、“项目制”培养。',
    '“‘AI’是什么？”他问。China’s economy and the students’ work; don’t worry.',
    '采用27"显示器。',
    // A quotation over several paragraphs opens each one and closes only the last.
    '“第一段引文开始，\n\n“第二段引文继续，结束了。”',
  ])('leaves alone: %s', (body) => {
    expect(codes(body)).toEqual([]);
  });
});

describe('brackets', () => {
  it.each([
    ['这是一个多余的）括号。', ['punct-unbalanced@1:8']],
    ['那是一个未闭合的《方案。', ['punct-unbalanced@1:9']],
    ['印发《方案（试行）的通知。', ['punct-unbalanced@1:3']],
    ['这是【一个错配的》括号。', ['punct-unbalanced@1:3', 'punct-unbalanced@1:9']],
  ])('%s', (body, where) => {
    expect(codes(body)).toEqual(where);
  });

  it.each([
    '（一）“向科学进军”（1956—1966年）；（二）“科学的春天”。',
    '1）加强组织领导；2）完善政策体系；a）其他。',
    '读《科技创新的中国之路》札记，见〔2023〕5号文件和【重要】通知。',
    '据IDC（International Data Corporation）统计。',
  ])('leaves alone: %s', (body) => {
    expect(codes(body)).toEqual([]);
  });
});

describe('ellipses and dashes', () => {
  it.each([
    ['这个问题...我们需要研究。', '这个问题……我们需要研究。', 'punct-ellipsis@1:5'],
    ['这个问题。。。也需要研究。', '这个问题……也需要研究。', 'punct-ellipsis@1:5'],
    ['等等......都要研究。', '等等……都要研究。', 'punct-ellipsis@1:3'],
    ['等等…都要研究。', '等等……都要研究。', 'punct-ellipsis@1:3'],
    ['科技创新--产业发展是关键。', '科技创新——产业发展是关键。', 'punct-dash@1:5'],
    ['科技创新 — 产业发展是关键。', '科技创新——产业发展是关键。', 'punct-dash@1:6'],
    ['发展，—创新是关键。', '发展，——创新是关键。', 'punct-dash@1:4'],
    ['—摘自某负责人的讲话', '——摘自某负责人的讲话', 'punct-dash@1:1'],
    ['读书札记—兼谈新型举国体制', '读书札记——兼谈新型举国体制', 'punct-dash@1:5'],
  ])('%s', (body, want, where) => {
    expect(codes(body)).toEqual([where]);
    expect(fixed(body)).toBe(want);
  });

  it.each([
    '创新从来不是一蹴而就的……它需要——最重要的——宽容。',
    '加强“市—县区—中介服务机构—企业”联动，2023—2025年，1—4月。',
    '投入的 10%—20% 给予补助。',
    '——摘自某省负责人的讲话',
    'Wait… what? It costs five dollars -- or so.',
    '运行 `npm ci --omit=dev` 即可，参数 --help 可查看帮助。',
  ])('leaves alone: %s', (body) => {
    expect(codes(body)).toEqual([]);
  });
});

describe('doubled marks and spaces', () => {
  it.each([
    ['全市新增项目，，总投资达135.4亿元。', '全市新增项目，总投资达135.4亿元。', ['punct-doubled@1:7']],
    ['新增企业、、共计20家；；其中', '新增企业、共计20家；其中', ['punct-doubled@1:5', 'punct-doubled@1:12']],
    ['总投资达135.4亿元。。', '总投资达135.4亿元。', ['punct-doubled@1:12']],
    ['全市新增项目，,总投资', '全市新增项目，总投资', ['punct-doubled@1:7']],
    ['全市新增项目 ，总投资。', '全市新增项目，总投资。', ['punct-space@1:7']],
    ['“新增项目 ”共计20家。', '“新增项目”共计20家。', ['punct-space@1:6']],
    ['（ 一 ）加强领导。', '（一）加强领导。', ['punct-space@1:2', 'punct-space@1:4']],
    ['**一是建立机制。** 以高校为核心', '**一是建立机制。**以高校为核心', ['punct-space@1:12']],
  ])('%s', (body, want, where) => {
    expect(codes(body)).toEqual(where);
    expect(fixed(body)).toBe(want);
  });

  it('reports a space between Chinese characters in running text, fixing nothing', () => {
    expect(codes('华为于2023年8月 推出新品。')).toEqual(['han-space@1:11']);
    expect(check('华为于2023年8月 推出新品。').findings[0].edits).toBeUndefined();
    expect(codes('- 第一项 内容')).toEqual(['han-space@1:6']);
    expect(codes('全年　共计')).toEqual([]); // a full-width space is a gap typed on purpose
  });

  it('reports two different marks in a row without choosing one', () => {
    const [f] = check('总投资达135.4亿元，。').findings;
    expect(f).toMatchObject({ code: 'punct-doubled', message: 'two punctuation marks "，。" in a row' });
    expect(f.edits).toBeUndefined();
  });

  it.each([
    '2023 年全市新增 46 个项目，总投资 135.4 亿元。',
    '## 湖北宜昌：聚力新型研发平台建设 助力产业高质量发展',
    '？！怎么会这样！！',
    'AI （人工智能）与“AI” technology',
  ])('leaves alone: %s', (body) => {
    expect(codes(body)).toEqual([]);
  });
});

describe('what is not prose', () => {
  it('skips code blocks, HTML, link addresses, footnote labels and table rules', () => {
    const body = [
      '```',
      'print("hello, world.");',
      '```',
      '',
      '<div class="x">内容,内容</div>',
      '',
      '正文[^1]，见[网站](https://a.cn/x,y.html "标题,说明")。',
      '',
      '| 地区 | 说明 |',
      '|:--|--:|',
      '| 江苏 | — |',
      '',
      '[^1]: 注释文字。',
    ].join('\n');
    expect(codes(body)).toEqual([]);
  });

  it('checks the printed front matter values, and reports them where they are written', () => {
    const doc = parseDoc(
      '/virtual/articles/01-a.md',
      '---\ntitle: 科技成果转化:以某市为例\nsource: 某市科技局\n---\n\n正文。\n',
    );
    const sink = new FindingSink();
    checkPunctuation(doc, sink);
    expect(sink.list.map((f) => [f.line, f.col, f.code])).toEqual([[2, 14, 'punct-width']]);
  });
});

describe('the punctuation fixture', () => {
  it('finds each planted error, and nothing on the clean fixture', () => {
    const r = checkIssue(join(FIXTURES, 'check-punctuation'), { root: ROOT, archive: 0 });
    const got = r.findings.map((f) => `${f.line}:${f.col} ${f.code}`);
    expect(got).toEqual([
      '2:18 punct-width',
      '5:11 punct-width',
      '5:29 punct-width',
      '7:6 punct-width',
      '9:3 punct-width',
      '9:4 punct-quote',
      '9:14 punct-width',
      '11:3 punct-quote',
      '13:14 punct-quote',
      '15:4 punct-unbalanced',
      '17:8 punct-unbalanced',
      '17:20 punct-unbalanced',
      '19:5 punct-ellipsis',
      '19:21 punct-ellipsis',
      '21:5 punct-dash',
      '23:6 punct-dash',
      '25:7 punct-doubled',
      '25:26 punct-doubled',
      '27:7 punct-space',
      '27:27 punct-space',
      '29:4 punct-width',
      '29:14 punct-width',
    ]);
    const clean = checkIssue(join(FIXTURES, 'check-clean'), { root: ROOT, archive: 0 });
    expect(clean.findings).toEqual([]);
  });
});
