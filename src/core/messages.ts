// Every text the tool shows a user, in English and Chinese: diagnostics (keyed by their code,
// variants as code.variant, the fix as ….fix), the command line's help, usage errors and
// summaries. {name} is a parameter; both languages use the same ones (a test holds them to
// it, and checks that every code and key used in src/ is here).
// Chinese is written for an editor at a government office: plain, exact, with Chinese
// punctuation, file names and options left as typed.

export interface Entry {
  en: string;
  zh: string;
}

export const MESSAGES: Record<string, Entry> = {
  // ── command line: help ─────────────────────────────────────────────────────────────────
  'help.title': {
    en: 'bulletin — typesets a Chinese bulletin issue (Markdown + YAML) into a print-ready PDF',
    zh: 'bulletin——把一期简报（Markdown + YAML）排成可付印的 PDF',
  },
  'help.usage': { en: 'Usage:', zh: '用法：' },
  'help.commands': { en: 'Commands:', zh: '命令：' },
  'help.options': { en: 'Options:', zh: '选项：' },
  'help.options-word': { en: 'options', zh: '选项' },
  'help.every-command': { en: 'Options every command takes:', zh: '各命令通用的选项：' },
  'help.more': {
    en: 'An issue folder holds issue.yaml and articles/01-slug.md, 02-slug.md, …\nSee README.md for the formats (README.zh-CN.md in Chinese).',
    zh: '一期的文件夹里有 issue.yaml 和 articles/01-slug.md、02-slug.md 等文章。\n格式说明见 README.zh-CN.md（英文版为 README.md）。',
  },
  'help.opt.lang': {
    en: 'the language of messages and help (default: Chinese when LANG,\nLC_ALL or LC_MESSAGES starts with zh, else English)',
    zh: '提示和帮助所用的语言（默认：LANG、LC_ALL 或 LC_MESSAGES\n以 zh 开头时用中文，否则用英文）',
  },
  'help.opt.help': { en: 'show this help', zh: '显示本帮助' },

  'help.build.summary': { en: 'lay out an issue and write its PDF', zh: '排版一期简报，生成 PDF' },
  'help.build.about': {
    en: 'Lays out the issue in <issue-dir> and writes its PDF.',
    zh: '排版 <issue-dir> 中的这一期，生成 PDF。',
  },
  'help.build.output': {
    en: 'where to write the PDF (default: dist/<folder-name>.pdf); - for\nstandard output. Never a file inside the issue folder, a link, a\nfolder, a device, or an existing file that is not a PDF',
    zh: 'PDF 的保存位置（默认：dist/<文件夹名>.pdf）；写 - 则输出到\n标准输出。不能是本期文件夹里的文件、链接、文件夹、设备，\n也不能是已有的非 PDF 文件',
  },
  'help.build.strict': { en: 'treat characters no font can print as errors', zh: '字体印不出的字按错误处理' },
  'help.build.draft': {
    en: "mark every page 样稿 (the template's watermark)",
    zh: '每页加“样稿”水印（模板中设定的水印）',
  },
  'help.build.quiet': { en: 'print nothing but errors', zh: '只显示错误' },
  'help.build.after': {
    en: 'The PDF is written to a temporary file and renamed: a failed build leaves any earlier PDF\nuntouched. Problems are printed as file:line:col: severity: message (fix).\nOn a terminal, a build that takes more than a second shows its progress on one line.\n\nExit status: 0 built, 1 the input has errors (nothing written), 2 wrong usage.',
    zh: 'PDF 先写入临时文件再改名：排版失败时，原有的 PDF 原样保留。\n问题按“文件:行:列: 级别: 说明（改法）”显示。\n在终端上，排版超过一秒时会在一行里显示进度。\n\n退出码：0 已生成，1 稿件有错误（未写入任何文件），2 用法错误。',
  },

  'help.check.summary': { en: 'proofread an issue before it goes to print', zh: '付印前校对一期简报' },
  'help.check.about': {
    en: "Proofreads the issue in <issue-dir> before it goes to print: the build's own diagnostics\n(issue.yaml, front matter, Markdown, template); duplicate or near-duplicate articles and\nparagraphs, within the issue and against previous issues in the same folder; characters no\nfont can print; punctuation in Chinese text (half-width marks, straight quotes, unbalanced\nquotes and brackets, ... for ……, -- or a lone — for ——, doubled marks, spaces by full-width\nmarks); full-width digits; heading levels; titles too long for the contents; the issue's\nnumber and date against its folder and the previous issue.",
    zh: '付印前校对 <issue-dir> 中的这一期：排版本身发现的问题（issue.yaml、文章开头的\n属性、Markdown、模板）；本期内以及与同一文件夹中往期相比重复或近似重复的文章和\n段落；字体印不出的字；中文里的标点（半角标点、直引号、引号和括号不成对、用 ...\n代替……、用 -- 或单个 — 代替——、标点重复、全角标点旁的空格）；全角数字；标题\n层级；目录中放不下的长标题；期号和日期与文件夹名及上一期是否一致。',
  },
  'help.check.json': {
    en: 'print one JSON document: {diagnostics, errors, warnings}',
    zh: '输出一个 JSON 文档：{diagnostics, errors, warnings}',
  },
  'help.check.fix': {
    en: 'apply the safe fixes (punctuation widths, quote pairs, …… and ——,\nstray spaces, digit widths) to the Markdown and print a diff',
    zh: '在 Markdown 中直接改正不会改变原意的问题（标点全半角、引号配对、\n……和——、多余空格、数字全半角），并显示改动',
  },
  'help.check.max-warnings': {
    en: 'exit 1 when there are more than n warnings (for CI)',
    zh: '警告超过 n 条时以 1 退出（供自动检查用）',
  },
  'help.check.no-archive': { en: 'do not compare with previous issues', zh: '不与往期比对' },
  'help.check.color': {
    en: 'colour the report (default: on a terminal, unless NO_COLOR is set)',
    zh: '报告用彩色显示（默认：在终端上显示彩色，设了 NO_COLOR 时除外）',
  },
  'help.check.no-color': { en: 'a report without colours', zh: '报告不用彩色' },
  'help.check.after': {
    en: 'Each problem is printed as file:line:col: severity: message [code], with the fix below it.\nWith --json the messages are in English, whatever the language, and each has its code.\n\nExit status: 0 no errors (and no more warnings than --max-warnings), 1 errors or too many\nwarnings, 2 wrong usage.',
    zh: '每个问题显示为“文件:行:列: 级别: 说明 [代码]”，下一行是改法。\n用 --json 时，不论选用哪种语言，说明都用英文，并附代码。\n\n退出码：0 没有错误（且警告不超过 --max-warnings），1 有错误或警告过多，2 用法错误。',
  },

  'help.preview.summary': { en: 'a live preview in the browser while you write', zh: '边写边在浏览器里预览' },
  'help.preview.about': {
    en: 'Serves a live preview of the issue in <issue-dir> to your browser: every page as it will\nprint, rebuilt on every save of an article, image, issue.yaml, the template or\nfonts/fonts.yaml; the pages that changed are marked, and problems are listed beside them.\nPages carry a 样稿 (draft) watermark.',
    zh: '在浏览器中实时预览 <issue-dir> 中的这一期：每一页都和印出来的一样；文章、图片、\nissue.yaml、模板或 fonts/fonts.yaml 一保存就重新排版，有变动的页面会标出，问题列在\n页面旁边。页面带“样稿”水印。',
  },
  'help.preview.port': {
    en: 'port to listen on (default 4800, or the next free one; 0: any)',
    zh: '监听的端口（默认 4800，被占用时顺延；0 表示任意）',
  },
  'help.preview.open': { en: "open the preview in the system's browser", zh: '用系统浏览器打开预览' },
  'help.preview.host': {
    en: 'listen on this address instead of 127.0.0.1, e.g. 0.0.0.0 to let\nothers on the office network look (anyone who can reach this\nmachine can then read the issue)',
    zh: '监听此地址而不是 127.0.0.1，例如 0.0.0.0 可让办公网内的\n同事查看（此时凡能访问本机的人都能看到本期内容）',
  },
  'help.preview.no-watermark': { en: 'pages without the 样稿 watermark', zh: '页面不加“样稿”水印' },
  'help.preview.after': { en: 'Stop it with Ctrl+C.', zh: '按 Ctrl+C 停止。' },

  'help.build.template': {
    en: "set the issue in templates/<name> (over issue.yaml's template:)",
    zh: '用 templates/<name> 这个模板排版（优先于 issue.yaml 中的 template:）',
  },
  'help.build.cmyk': {
    en: "colours in CMYK for the print shop (红头 0/100/100/0, black text K\nonly) with a print output intent: PDF/X-4 when a CMYK profile is found\n(profiles/, or the system's); pictures are converted to CMYK",
    zh: '按 CMYK 输出颜色，交印刷厂用（红头 0/100/100/0，黑色文字只用 K），\n并带印刷输出意图：找到 CMYK 特性文件（profiles/ 或系统中的）时\n符合 PDF/X-4；图片也转为 CMYK',
  },
  'help.build.grayscale': {
    en: 'colours as greys, for black-and-white office printers',
    zh: '颜色转为灰度，供办公室黑白打印机用',
  },
  'help.build.marks': {
    en: 'crop marks and a 3 mm bleed around every page (TrimBox, BleedBox)',
    zh: '每页加裁切标记和 3 毫米出血（TrimBox、BleedBox）',
  },
  'help.build.impose': {
    en: 'also write <output>-booklet.pdf: the pages two up in saddle-stitch\norder (A5 on A4, A4 on A3), blank pages added to a multiple of four',
    zh: '另外生成 <输出>-booklet.pdf：按骑马订顺序两页拼一版（A5 拼 A4，\nA4 拼 A3），页数不足 4 的倍数时补空白页',
  },
  'help.build.record': {
    en: "write the issue's build manifest (build.json) anew; without it,\nbuild.json is written only when the issue has none",
    zh: '重新写入本期的排版记录（build.json）；不加此选项时，只在本期\n还没有 build.json 时才写入',
  },
  'help.build.all': {
    en: 'build every issue in archive-dir (default issues/) into dist/:\nsee bulletin build --all --help',
    zh: '把 archive-dir（默认 issues/）中的每一期都排版到 dist/：\n见 bulletin build --all --help',
  },

  'help.build-all.summary': { en: 'build every issue of the archive', zh: '排版往期档案中的每一期' },
  'help.build-all.about': {
    en: "Builds every issue folder in archive-dir (default issues/; folders named like 2023-06)\ninto dist/<folder>.pdf, several at once (one worker thread per core), skipping issues\nwhose inputs — their files, the template, the fonts, the tool — have not changed since\ntheir last build there. An issue's build.json is written when it has none. One issue\nfailing does not stop the others.",
    zh: '把 archive-dir（默认 issues/；文件夹名形如 2023-06）中的每一期排版为\ndist/<文件夹名>.pdf，几期同时进行（每个处理器核心一个工作线程）；输入——本期的\n文件、模板、字体、本工具——自上次在那里排版以来都没有变的期次会跳过。\n没有 build.json 的期次会写入一份。某一期失败不影响其他期。',
  },
  'help.build-all.jobs': {
    en: "how many issues at once (default: the machine's cores, or BULLETIN_JOBS)",
    zh: '同时排几期（默认：本机的处理器核心数，或 BULLETIN_JOBS）',
  },
  'help.build-all.force': { en: 'build every issue, changed or not', zh: '每一期都重新排版，不论是否有变动' },
  'help.build-all.dist': { en: 'where the PDFs go (default: dist)', zh: 'PDF 的存放位置（默认：dist）' },
  'help.build-all.quiet': { en: 'print only failures and the summary', zh: '只显示失败的期次和汇总' },
  'help.build-all.after': {
    en: 'On a terminal, a line shows how many issues are done and which are being built.\n\nExit status: 0 every issue built or skipped, 1 one or more failed, 2 wrong usage.',
    zh: '在终端上，会有一行显示已完成几期、正在排哪几期。\n\n退出码：0 每一期都已生成或跳过，1 有一期或几期失败，2 用法错误。',
  },

  'help.fonts.summary': {
    en: 'the fonts found, their roles and what they cover',
    zh: '列出找到的字体、各自的用途和收字范围',
  },
  'help.fonts.about': {
    en: "Lists the fonts bulletin finds (fonts/fonts.yaml, fonts/local/, the system's fonts), the\nrole each fills, how many characters of each Han block it has (CJK, Ext A … Ext G), and the\ntemplate's fallback chain. With an issue folder: the characters that come from a fallback\nfont, and those no font has, each at its first file:line:col.",
    zh: '列出 bulletin 找到的字体（fonts/fonts.yaml、fonts/local/、系统字体）、各自承担的\n用途、每个汉字区（CJK、扩展 A……扩展 G）各收了多少字，以及模板的备用字体顺序。\n指定一期的文件夹时：还列出由备用字体印出的字和所有字体都没有的字，各附首次出现的\n“文件:行:列”。',
  },
  'help.fonts.template': {
    en: "the template to show (default: the issue's, or default)",
    zh: '要查看的模板（默认：本期所用的模板，或 default）',
  },
  'help.fonts.all': { en: 'list every font file found, usable or not', zh: '列出找到的每个字体文件，不论能否使用' },
  'help.fonts.json': { en: 'print the report as JSON', zh: '以 JSON 输出报告' },
  'help.fonts.after': {
    en: 'Exit status: 0; 1 when the issue has characters no font has; 2 wrong usage.',
    zh: '退出码：0；本期有所有字体都没有的字时为 1；2 用法错误。',
  },

  'help.import.summary': {
    en: 'make an issue folder from a back issue (text, PDF or Word)',
    zh: '由往期稿件（文本、PDF 或 Word）生成一期的文件夹',
  },
  'help.import.about': {
    en: 'Makes an issue folder (issue.yaml and articles/NN-slug.md) from a back issue:\n  - the text of a printed issue (.txt, UTF-8 or GBK): one line per paragraph as copied by\n    hand, or one line per printed line as pdftotext gives it;\n  - its PDF (printed by bulletin or any other tool);\n  - a Word file (.docx): one article, or an issue whose articles start at Heading 1.\n\nThe masthead gives the title, year, number and publisher; the contents list (★ title …… 3)\nwhere each article starts; the colophon the editor and phone. Folios and running heads are\ndropped, paragraphs broken by a page end joined, numbered headings (一、 （一） 1. （1）)\nand run-in leads (一是…。) written as the Markdown the build uses. An article printed twice\nis kept once. Every guess is reported as input:line → article.md:line.',
    zh: '由一期往期稿件生成一期的文件夹（issue.yaml 和 articles/NN-slug.md）：\n  - 印出的一期的文本（.txt，UTF-8 或 GBK）：手工复制的每段一行，或 pdftotext\n    输出的每个印刷行一行；\n  - 它的 PDF（由 bulletin 或其他软件生成）；\n  - Word 文件（.docx）：一篇文章，或以“标题 1”分篇的一期。\n\n报头给出刊名、年份、期号和编印单位；目录（★ 标题 …… 3）给出每篇文章从哪里开始；\n版权栏给出编辑和电话。页码和页眉会去掉，被分页断开的段落会接上，编号标题\n（一、 （一） 1. （1））和段首小标题（一是…。）写成排版所用的 Markdown。印了两次的\n文章只保留一次。每处推断都以“输入:行 → 文章.md:行”列出。',
  },
  'help.import.output': {
    en: 'the issue folder to make (default: issues/<yyyy-mm> from the date);\nit must not exist yet, or be empty',
    zh: '要生成的一期文件夹（默认：按日期取 issues/<yyyy-mm>）；\n它必须尚不存在，或是空的',
  },
  'help.import.keep-duplicates': {
    en: 'keep an article printed twice (bulletin check will report it)',
    zh: '保留印了两次的文章（bulletin check 会报告）',
  },
  'help.import.quiet': {
    en: 'print warnings only, not the notes of what was done for sure',
    zh: '只显示警告，不显示确定无误的处理说明',
  },
  'help.import.after': {
    en: 'Exit status: 0 imported, 1 the file cannot be read or the folder is taken, 2 wrong usage.',
    zh: '退出码：0 已导入，1 文件无法读取或文件夹已被占用，2 用法错误。',
  },

  'help.new.summary': { en: 'start the next issue from the latest one', zh: '以最近一期为底稿开始下一期' },
  'help.new.about': {
    en: "Starts the next issue from the latest one in issues/ (or in the folder given): the next\nnumber (第 N 期, and 总第 N 期 when the issue has a total; a new year starts at 第 1 期),\nthe month's last weekday as its date (change it in issue.yaml), the same masthead,\npublisher, editor, phone and template, and articles/01-shili-wenzhang.md, an example\narticle that shows the Markdown an article may use. Without a folder, the issue goes in\nthe folder of the month after the latest.",
    zh: '以 issues/（或所给文件夹）中最近的一期为底稿开始下一期：期号顺延（第 N 期；有总期号时\n还有总第 N 期；新的一年从第 1 期开始），日期取当月最后一个工作日（可在 issue.yaml 中\n修改），报头、编印单位、编辑、电话和模板照旧，并附 articles/01-shili-wenzhang.md——\n一篇示范文章，演示文章可用的 Markdown。不指定文件夹时，放在最近一期的下一个月的\n文件夹里。',
  },
  'help.new.archive': { en: 'the folder holding the issues (default: issues)', zh: '存放各期的文件夹（默认：issues）' },
  'help.new.after': {
    en: 'Exit status: 0 made, 1 no issue to start from or the folder is taken, 2 wrong usage.',
    zh: '退出码：0 已生成，1 没有可作底稿的一期或文件夹已被占用，2 用法错误。',
  },

  'help.reprint.summary': {
    en: 'rebuild a back issue and compare it with its record',
    zh: '重排一期往期，并与其排版记录比对',
  },
  'help.reprint.about': {
    en: "Rebuilds a back issue and compares it with the record kept in its folder (build.json,\nwritten by bulletin build): the inputs (issue.yaml, articles, pictures), the template's\nfiles and options, the fonts, the tool's version, every page and the PDF's bytes.\nIdentical: says so. Different: names each input that changed, whether the tool's version\ndid, and which pages differ. The PDF is written either way, for you to look at.",
    zh: '重排一期往期，并与其文件夹中保存的记录（build.json，由 bulletin build 写入）比对：\n输入（issue.yaml、文章、图片）、模板的文件和选项、字体、本工具的版本、每一页以及\nPDF 的每个字节。完全相同：就说相同。不同：列出变了的每项输入、本工具的版本是否\n变了、哪些页不同。两种情况下都会写出 PDF，供查看。',
  },
  'help.reprint.output': {
    en: 'where to write the PDF (default: dist/<folder-name>.pdf)',
    zh: 'PDF 的保存位置（默认：dist/<文件夹名>.pdf）',
  },
  'help.reprint.strict': {
    en: 'refuse to rebuild when a recorded font or template file is missing\nor is no longer the recorded one, rather than use what is there',
    zh: '记录中的字体或模板文件缺失或已不是记录中的那个时，拒绝重排，\n而不是将就使用现有的',
  },
  'help.reprint.after': {
    en: 'Exit status: 0 identical to the record; 1 different, or it could not be made (no record,\ninput errors, --strict and something recorded is gone); 2 wrong usage.',
    zh: '退出码：0 与记录完全相同；1 有不同，或无法重排（没有记录、稿件有错误、用了 --strict\n且记录中的某项已不在）；2 用法错误。',
  },

  // ── command line: usage errors ─────────────────────────────────────────────────────────
  'usage.unknown-command': { en: 'unknown command "{command}"', zh: '没有“{command}”这个命令' },
  'usage.unknown-command.hint': {
    en: 'unknown command "{command}"; did you mean "{hint}"?',
    zh: '没有“{command}”这个命令；是不是要用“{hint}”？',
  },
  'usage.unknown-option': { en: 'unknown option {option}', zh: '没有 {option} 这个选项' },
  'usage.unknown-option.hint': {
    en: 'unknown option {option}; did you mean {hint}?',
    zh: '没有 {option} 这个选项；是不是要用 {hint}？',
  },
  'usage.needs-value': {
    en: '{option} needs a value: {option} <{value}>',
    zh: '{option} 后面要跟一个值：{option} <{value}>',
  },
  'usage.no-value': { en: '{option} takes no value', zh: '{option} 后面不跟值' },
  'usage.bad-arguments': { en: 'cannot read the arguments: {args}', zh: '无法识别这些参数：{args}' },
  'usage.count': {
    en: '{option} needs a whole number, e.g. {option} 0, not "{value}"',
    zh: '{option} 后面要跟一个非负整数，例如 {option} 0，而不是“{value}”',
  },
  'usage.port': {
    en: '{option} needs a port number (0–65535), not "{value}"',
    zh: '{option} 后面要跟端口号（0–65535），而不是“{value}”',
  },
  'usage.lang': { en: '{option} takes en or zh, not "{value}"', zh: '{option} 只能是 en 或 zh，而不是“{value}”' },
  'usage.empty': { en: '{option} needs a value', zh: '{option} 后面要跟一个值' },
  'usage.needs-folder': {
    en: '{command} needs an issue folder, e.g. bulletin {command} issues/2023-06',
    zh: '{command} 需要指定一期的文件夹，例如 bulletin {command} issues/2023-06',
  },
  'usage.positive': {
    en: '{option} needs a whole number above 0, not "{value}"',
    zh: '{option} 后面要跟一个大于 0 的整数，而不是“{value}”',
  },
  'usage.choice': { en: '{option} takes {choices}, not "{value}"', zh: '{option} 只能是 {choices}，而不是“{value}”' },
  'usage.excludes': {
    en: '{option} and {other} exclude each other: choose one',
    zh: '{option} 和 {other} 不能同时使用：请选其一',
  },
  'usage.only-with': { en: '{option} goes with {form} only', zh: '{option} 只能与 {form} 一起使用' },
  'usage.not-with': { en: '{option} does not go with {form}', zh: '{option} 不能与 {form} 一起使用' },
  'usage.needs-file': {
    en: '{command} needs a file, e.g. bulletin {command} back-issue.txt -o issues/2023-06',
    zh: '{command} 需要指定一个文件，例如 bulletin {command} back-issue.txt -o issues/2023-06',
  },
  'usage.unexpected': { en: 'unexpected argument {arg}', zh: '多余的参数 {arg}' },

  // ── command line: results and failures ────────────────────────────────────────────────
  'cli.internal': { en: 'internal error: {detail}', zh: '程序内部错误：{detail}' },
  'cli.severity.error': { en: 'error', zh: '错误' },
  'cli.severity.warning': { en: 'warning', zh: '警告' },
  'cli.severity.note': { en: 'note', zh: '提示' },
  'cli.more-not-shown': {
    en: '… and {count} more {severity}s [{code}] not shown',
    zh: '……另有 {count} 条{severity} [{code}] 未显示',
  },
  'cli.more-not-shown.one': {
    en: '… and 1 more {severity} [{code}] not shown',
    zh: '……另有 1 条{severity} [{code}] 未显示',
  },
  'cli.all-listed-json': {
    en: '{line} (bulletin check --json lists them all)',
    zh: '{line}（bulletin check --json 可列出全部）',
  },
  'cli.stdout-terminal': {
    en: 'standard output is a terminal, where a PDF would print as noise (send it to a file or a program: bulletin build {dir} -o - > {name}.pdf)',
    zh: '标准输出是终端，PDF 输出到这里只会显示成乱码（请输出到文件或其他程序：bulletin build {dir} -o - > {name}.pdf）',
  },
  'cli.output-refused': {
    en: 'cannot write the PDF here: {why} ({fix}); nothing written',
    zh: '不能把 PDF 写到这里：{why}（{fix}）；未写入任何文件',
  },
  'cli.stdout-failed': {
    en: 'the PDF could not be written to standard output: {why}',
    zh: 'PDF 无法输出到标准输出：{why}',
  },
  'cli.write-failed': {
    en: 'cannot write the PDF: {why} (choose another place with -o); any earlier PDF there is untouched',
    zh: '无法写入 PDF：{why}（请用 -o 另选位置）；那里原有的 PDF 未受影响',
  },
  'cli.why.EACCES': { en: 'permission denied', zh: '没有权限' },
  'cli.why.EISDIR': { en: 'it is a folder', zh: '这是一个文件夹' },
  'cli.why.ENOTDIR': { en: 'a part of the path is a file, not a folder', zh: '路径中有一段是文件而不是文件夹' },
  'cli.why.ENOENT': { en: 'its folder cannot be made', zh: '无法建立所在的文件夹' },
  'cli.why.ENOSPC': { en: 'the disk is full', zh: '磁盘已满' },
  'cli.why.EROFS': { en: 'read-only file system', zh: '文件系统只读' },
  'cli.why.EROFS.disk': { en: 'the disk is read-only', zh: '磁盘只读' },
  'cli.why.EBUSY': { en: 'it is in use', zh: '文件正被占用' },
  'cli.why.EEXIST': { en: 'a file of that name stands in the way', zh: '已有同名文件挡在那里' },
  'cli.why.EPIPE': { en: 'the program reading it stopped', zh: '读取它的程序已经停止' },
  'cli.stdout-name': { en: '(standard output)', zh: '（标准输出）' },
  'cli.built': {
    en: '{output}: {pages} pages, {kb} KB, {secs} s',
    zh: '{output}：共 {pages} 页，{kb} KB，用时 {secs} 秒',
  },
  'cli.failed': { en: '{dir}: {count} errors; nothing written', zh: '{dir}：{count} 处错误；未写入任何文件' },
  'cli.failed.one': { en: '{dir}: 1 error; nothing written', zh: '{dir}：1 处错误；未写入任何文件' },
  'cli.stdout-impose': {
    en: '--impose writes a second file beside the PDF, and standard output has no "beside" (give -o a file name)',
    zh: '--impose 要在 PDF 旁边另写一个文件，而标准输出没有“旁边”（请给 -o 一个文件名）',
  },
  'cli.booklet-built': {
    en: '{output}: the pages imposed for saddle stitch, {kb} KB',
    zh: '{output}：按骑马订拼好的版面，{kb} KB',
  },
  'cli.pdfx': { en: '  CMYK, PDF/X-4 (output intent: {profile})', zh: '  CMYK，符合 PDF/X-4（输出意图：{profile}）' },
  'cli.pdfx.not': { en: '  CMYK, not PDF/X-4: {why}', zh: '  CMYK，不符合 PDF/X-4：{why}' },
  'pdfx.no-profile': {
    en: 'no CMYK output profile found (put one in profiles/, or install libgs-common)',
    zh: '找不到 CMYK 输出特性文件（请放一个到 profiles/，或安装 libgs-common）',
  },
  'cli.fallback': {
    en: '  fallback font {family} ({role}): {count} characters {chars}',
    zh: '  备用字体 {family}（{role}）：{count} 个字 {chars}',
  },
  'cli.fallback.one': {
    en: '  fallback font {family} ({role}): 1 character {chars}',
    zh: '  备用字体 {family}（{role}）：1 个字 {chars}',
  },
  'cli.recorded': { en: '{file}: recorded', zh: '{file}：已记录' },
  'cli.recorded.same': { en: "{file}: already this build's record", zh: '{file}：已是本次排版的记录' },

  // ── where the PDF may go (output.ts) ───────────────────────────────────────────────────
  'output.elsewhere': {
    en: 'write it outside the issue folder, e.g. -o {path}',
    zh: '请写到本期文件夹之外，例如 -o {path}',
  },
  'output.names-folder': { en: 'this names a folder, not a file', zh: '这是文件夹名，不是文件名' },
  'output.give-file': { en: 'give a file name, e.g. -o {path}', zh: '请给出文件名，例如 -o {path}' },
  'output.symlink': {
    en: 'this is a symbolic link: writing the PDF (a new file renamed into place) would replace the link',
    zh: '这是一个符号链接：写入 PDF（先写新文件再改名）会把链接本身替换掉',
  },
  'output.symlink.fix': {
    en: 'give the path of the file it points to, or remove the link',
    zh: '请给出链接所指文件的路径，或先删除这个链接',
  },
  'output.folder': { en: 'this is a folder, not a file', zh: '这是文件夹，不是文件' },
  'output.special': { en: 'this is {what}, not a file', zh: '这是{what}，不是普通文件' },
  'output.special.fifo': { en: 'a FIFO (named pipe)', zh: '命名管道（FIFO）' },
  'output.special.socket': { en: 'a socket', zh: '套接字' },
  'output.special.device': { en: 'a device', zh: '设备' },
  'output.special.fix': {
    en: 'give the name of an ordinary file; -o - writes the PDF to standard output',
    zh: '请给出普通文件的名称；-o - 可把 PDF 输出到标准输出',
  },
  'output.inside-issue': {
    en: "this is inside the issue folder {name}: the build never writes among the issue's sources",
    zh: '这在本期文件夹 {name} 之内：排版从不往稿件所在处写文件',
  },
  'output.not-pdf': {
    en: 'this file exists and is not a PDF: it is not replaced',
    zh: '这个文件已存在且不是 PDF，不会被替换',
  },
  'output.not-pdf.fix': {
    en: 'remove it first if it is to go, or choose another name',
    zh: '如确实不要，请先删除它，或另起一个文件名',
  },
  'output.file-in-path': {
    en: '{path} is a file, so nothing can be written under it',
    zh: '{path} 是文件，其下无法再写入任何内容',
  },
  'output.file-in-path.fix': { en: 'choose another place with -o', zh: '请用 -o 另选位置' },

  // ── progress line (cli/progress.ts) ───────────────────────────────────────────────────
  'progress.load': { en: 'reading the issue', zh: '正在读取稿件' },
  'progress.compose': { en: 'setting', zh: '正在排文章' },
  'progress.paginate': { en: 'making pages', zh: '正在分页' },
  'progress.check': { en: 'proofreading', zh: '正在校对' },
  'progress.render': { en: 'writing the PDF', zh: '正在生成 PDF' },
  'progress.pages': { en: '{pages} pages so far', zh: '已排 {pages} 页' },
  'check-failed': { en: 'the proofreading checks failed: {detail}', zh: '校对检查出错：{detail}' },
  'check-failed.fix': {
    en: 'run bulletin check on the issue, and report this with the input',
    zh: '请对本期运行 bulletin check，并把这一情况连同稿件报告给维护人员',
  },

  // ── bulletin check: the command's own lines ───────────────────────────────────────────
  'check.fix.changed': {
    en: '{file} changed while it was checked; not fixed',
    zh: '{file} 在校对期间被改动过，未作修改',
  },
  'check.fixed': { en: 'fixed {problems} in {files}', zh: '已改正 {files}中的 {problems}' },
  'check.problems': { en: '{n} problems', zh: '{n} 处问题' },
  'check.problems.one': { en: '1 problem', zh: '1 处问题' },
  'check.files': { en: '{n} files', zh: '{n} 个文件' },
  'check.files.one': { en: '1 file', zh: '1 个文件' },
  'check.nothing-to-fix': { en: 'nothing to fix', zh: '没有可自动改正的问题' },
  'check.too-many-warnings': {
    en: '{count} warnings: more than --max-warnings {max}',
    zh: '共 {count} 条警告，超过了 --max-warnings {max}',
  },
  'fix-failed': { en: 'cannot write the fixes: {why}; the file is unchanged', zh: '无法写入改动：{why}；文件未作改动' },
  'fix-failed.fix.permission': {
    en: 'make the file and its folder writable (chmod u+w {folder}), or fix it by hand',
    zh: '请让文件及其所在文件夹可写（chmod u+w {folder}），或手工改正',
  },
  'fix-failed.fix': { en: 'fix it by hand, or free the disk and run again', zh: '请手工改正，或腾出磁盘空间后再运行' },

  // ── bulletin check: the report (check/report.ts) ──────────────────────────────────────
  'report.errors': { en: '{n} errors', zh: '{n} 处错误' },
  'report.errors.one': { en: '1 error', zh: '1 处错误' },
  'report.warnings': { en: '{n} warnings', zh: '{n} 条警告' },
  'report.warnings.one': { en: '1 warning', zh: '1 条警告' },
  'report.notes': { en: '{n} notes', zh: '{n} 条提示' },
  'report.notes.one': { en: '1 note', zh: '1 条提示' },
  'report.fixable': { en: 'fixable', zh: '可自动改正' },
  'report.fix': { en: 'fix:', zh: '改法：' },
  'report.more-json': { en: '{line} (--json lists them all)', zh: '{line}（用 --json 可列出全部）' },
  'report.clean': { en: '{label}: no problems found', zh: '{label}：未发现问题' },
  'report.summary': { en: '{label}: {errors}, {warnings}', zh: '{label}：{errors}，{warnings}' },
  'report.summary.fixable': {
    en: '{label}: {errors}, {warnings} ({fixable} fixable with --fix)',
    zh: '{label}：{errors}，{warnings}（其中 {fixable} 处可用 --fix 自动改正）',
  },

  // ── build --all, import, new, reprint, fonts (cli/*.ts) ───────────────────────────────
  'all.none': {
    en: '{dir}: no issue folders (named like 2023-06, holding issue.yaml) to build',
    zh: '{dir}：没有可排版的期次文件夹（文件夹名形如 2023-06，里面有 issue.yaml）',
  },
  'all.built': {
    en: '{name}: built, {pages} pages, {kb} KB, {secs} s',
    zh: '{name}：已生成，共 {pages} 页，{kb} KB，用时 {secs} 秒',
  },
  'all.built.recorded': {
    en: '{name}: built, {pages} pages, {kb} KB, {secs} s (build.json recorded)',
    zh: '{name}：已生成，共 {pages} 页，{kb} KB，用时 {secs} 秒（已写入 build.json）',
  },
  'all.skipped': { en: '{name}: skipped (unchanged)', zh: '{name}：跳过（没有变动）' },
  'all.failed': { en: '{name}: FAILED ({reason})', zh: '{name}：失败（{reason}）' },
  'all.reason.error': { en: '1 error', zh: '1 处错误' },
  'all.reason.errors': { en: '{count} errors', zh: '{count} 处错误' },
  'all.reason.internal': { en: 'internal error', zh: '程序内部错误' },
  'all.summary': {
    en: '{total} issues: {built} built, {skipped} skipped, {failed} failed, {secs} s',
    zh: '共 {total} 期：生成 {built} 期，跳过 {skipped} 期，失败 {failed} 期，用时 {secs} 秒',
  },
  'all.summary.one': {
    en: '{total} issue: {built} built, {skipped} skipped, {failed} failed, {secs} s',
    zh: '共 {total} 期：生成 {built} 期，跳过 {skipped} 期，失败 {failed} 期，用时 {secs} 秒',
  },
  'all.more': { en: '… and {count} more ({command})', zh: '……另有 {count} 处（见 {command}）' },
  'progress.all': { en: '[{done}/{total}] building {issues}', zh: '[{done}/{total}] 正在排版 {issues}' },
  'progress.all.idle': { en: '[{done}/{total}]', zh: '[{done}/{total}]' },

  'import.missing': {
    en: 'no such file (give the path of a .txt, .pdf or .docx)',
    zh: '没有这个文件（请给出 .txt、.pdf 或 .docx 文件的路径）',
  },
  'import.taken': {
    en: 'the folder already holds files; nothing written (choose another with -o, or move it away)',
    zh: '这个文件夹里已经有文件；未写入任何文件（请用 -o 另选，或把它移走）',
  },
  'import.unreadable': {
    en: 'cannot read it: {why} (is it a text file, a PDF or a .docx?)',
    zh: '无法读取：{why}（它是文本文件、PDF 或 .docx 吗？）',
  },
  'import.written': { en: '{dir}: {articles} written', zh: '{dir}：已写入 {articles}' },
  'import.articles': { en: '{n} articles', zh: '{n} 篇文章' },
  'import.articles.one': { en: '1 article', zh: '1 篇文章' },
  'import.dropped': { en: ' ({count} printed twice, left out)', zh: '（{count} 篇印了两次，未收入）' },
  'import.summary': { en: '; {guesses} to confirm, {notes}', zh: '；{guesses}待确认，{notes}' },
  'import.guesses': { en: '{n} guesses', zh: '{n} 处推断' },
  'import.guesses.one': { en: '1 guess', zh: '1 处推断' },
  'import.check': { en: 'bulletin check: {errors}, {warnings}', zh: 'bulletin check：{errors}，{warnings}' },
  'import.check.codes': { en: ' ({codes})', zh: '（{codes}）' },
  'import.check.lists': { en: ' — bulletin check {dir} lists them', zh: '——用 bulletin check {dir} 可列出' },

  'new.made': {
    en: "{dir}: 第 {number} 期{total}, dated {date} (the month's last weekday: change it in issue.yaml), from {from}\n  write the articles in {dir}/articles/ (the example there shows how), then: bulletin check {dir}",
    zh: '{dir}：第 {number} 期{total}，日期 {date}（当月最后一个工作日：可在 issue.yaml 中修改），以 {from} 为底稿\n  请在 {dir}/articles/ 中写文章（那里的示范文章演示了写法），然后运行：bulletin check {dir}',
  },
  'new.total': { en: '（总第 {total} 期）', zh: '（总第 {total} 期）' },
  'new.nothing': {
    en: '{dir}: no issue to start from (an issue folder is named like 2023-06 and holds issue.yaml); import a back issue with bulletin import, or copy one',
    zh: '{dir}：没有可作底稿的一期（期次文件夹名形如 2023-06，里面有 issue.yaml）；可用 bulletin import 导入一期往期，或复制一期',
  },
  'new.bad-name': {
    en: '{dir}: an issue folder is named for its month, like 2023-07',
    zh: '{dir}：期次文件夹以月份命名，如 2023-07',
  },
  'new.taken': {
    en: '{dir} already exists and is not empty; nothing written',
    zh: '{dir} 已存在且不是空的；未写入任何文件',
  },
  'new.not-after': {
    en: '{dir}: {latest} is already the latest issue; a new one comes after it',
    zh: '{dir}：{latest} 已是最新的一期；新的一期应排在它之后',
  },

  'reprint.no-record': {
    en: 'no build.json to compare with (record one with bulletin build --record {dir}, from the sources that printed it)',
    zh: '没有可比对的 build.json（请用印出该期的原稿运行 bulletin build --record {dir} 记录一份）',
  },
  'reprint.refused': {
    en: '--strict: not reprinted, because what printed it is no longer here:',
    zh: '--strict：未重排，因为印出该期所用的以下文件已不在：',
  },
  'reprint.identical': {
    en: '{dir}: identical to its record — {pages} pages, PDF sha256 {sha}…, made by bulletin {tool}',
    zh: '{dir}：与记录完全相同——共 {pages} 页，PDF sha256 {sha}…，由 bulletin {tool} 生成',
  },
  'reprint.different': {
    en: '{dir}: differs from its record ({differences}):',
    zh: '{dir}：与记录不同（{differences}）：',
  },
  'reprint.differences': { en: '{n} differences', zh: '{n} 处不同' },
  'reprint.differences.one': { en: '1 difference', zh: '1 处不同' },
  'reprint.errors': { en: '{dir}: {errors}; not reprinted', zh: '{dir}：{errors}；未重排' },
  'reprint.wrote': { en: 'reprint written to {output}', zh: '重排结果已写入 {output}' },

  'fonts.no-issue': {
    en: 'no issue folder at {dir} (it needs issue.yaml and articles/)',
    zh: '{dir} 不是一期的文件夹（需要有 issue.yaml 和 articles/）',
  },

  // ── bulletin preview: the terminal's side ─────────────────────────────────────────────
  'preview.no-folder': {
    en: 'no such issue folder (give the path of a folder holding issue.yaml and articles/)',
    zh: '没有这个文件夹（请给出含有 issue.yaml 和 articles/ 的文件夹路径）',
  },
  'preview.no-browser': { en: 'could not open a browser; open {url} yourself', zh: '无法打开浏览器；请自行打开 {url}' },
  'preview.first': { en: 'first build:', zh: '首次排版：' },
  'preview.after': { en: '{changed} →', zh: '{changed} →' },
  'preview.changed': { en: 'changed', zh: '有改动' },
  'preview.built': { en: '{pages} pages in {ms} ms', zh: '{pages} 页，用时 {ms} 毫秒' },
  'preview.warnings': { en: ', {n} warnings', zh: '，{n} 条警告' },
  'preview.warnings.one': { en: ', 1 warning', zh: '，1 条警告' },
  'preview.failed.kept': {
    en: '{errors}; the last good pages stay on screen',
    zh: '{errors}；屏幕上仍显示上一次排好的页面',
  },
  'preview.failed.none': { en: '{errors}; no pages yet', zh: '{errors}；还没有排出页面' },
  'preview.port-in-use': {
    en: 'port {port} is in use (choose another with --port)',
    zh: '端口 {port} 已被占用（请用 --port 另选）',
  },
  'preview.no-address': {
    en: 'cannot listen on {host}: no such address on this machine (see --host)',
    zh: '无法监听 {host}：本机没有这个地址（见 --host）',
  },
  'preview.port-denied': {
    en: 'not allowed to listen on port {port} (choose one above 1024 with --port)',
    zh: '无权监听端口 {port}（请用 --port 选 1024 以上的端口）',
  },
  'preview.serving': { en: '{issue} at {url}', zh: '{issue} 的预览地址：{url}' },
  'preview.open-host': {
    en: 'listening on {host}: anyone who can reach this machine on port {port} can read the issue',
    zh: '正在监听 {host}：凡能访问本机 {port} 端口的人都能看到本期内容',
  },
  'preview.watching': {
    en: 'watching the issue folder, the templates and fonts/fonts.yaml; Ctrl+C to stop',
    zh: '正在监视本期文件夹、模板和 fonts/fonts.yaml；按 Ctrl+C 停止',
  },

  // ── YAML fields: issue.yaml, front matter, templates (source/fields.ts) ───────────────
  'where.front-matter': { en: 'front matter', zh: '文章开头的属性' },
  'where.template': { en: 'template', zh: '模板' },
  'folder-unreadable': { en: 'the folder cannot be read: permission denied', zh: '无法读取此文件夹：没有权限' },
  'folder-unreadable.other': { en: 'the folder cannot be read ({code})', zh: '无法读取此文件夹（{code}）' },
  'folder-unreadable.fix': { en: 'make it readable: {command}', zh: '请设为可读：{command}' },
  'type.string': { en: 'text', zh: '文字' },
  'type.integer': { en: 'a whole number', zh: '整数' },
  'type.number': { en: 'a number', zh: '数字' },
  'type.date': { en: 'a date (YYYY-MM-DD)', zh: '日期（YYYY-MM-DD）' },
  'type.boolean': { en: 'true or false', zh: 'true 或 false' },
  'type.color': {
    en: 'a colour (#rrggbb, cmyk(0,100,100,0), or both: "#d7000f cmyk(0,100,100,0)")',
    zh: '颜色（#rrggbb、cmyk(0,100,100,0)，或两者都写："#d7000f cmyk(0,100,100,0)"）',
  },
  'type.length': {
    en: '{type} (pt), a length such as 37mm, or a Chinese size such as 三号',
    zh: '{type}（单位为磅）、长度（如 37mm）或中文字号（如 三号）',
  },
  'type.map': { en: 'a mapping (key: value lines)', zh: '映射（每行一个“键: 值”）' },
  'type.list': { en: 'a list', zh: '列表' },
  'type.range': { en: '{type} from {min} to {max}', zh: '{min} 到 {max} 之间的{type}' },
  'type.at-least': { en: '{type} of at least {min}', zh: '不小于 {min} 的{type}' },
  'type.at-most': { en: '{type} of at most {max}', zh: '不大于 {max} 的{type}' },
  'yaml-syntax': { en: 'YAML syntax: {detail}', zh: 'YAML 语法错误：{detail}' },
  'yaml-syntax.fix': { en: 'check indentation, colons and quotes on this line', zh: '请检查这一行的缩进、冒号和引号' },
  'schema-type.mapping': {
    en: '{where} must be a mapping of "key: value" lines',
    zh: '{where}应由“键: 值”形式的行组成',
  },
  'schema-type.mapping.fix': { en: 'write one "key: value" per line', zh: '每行写一个“键: 值”' },
  'schema-unknown-key': { en: 'unknown key "{key}" in {where}', zh: '{where}中有不认识的键“{key}”' },
  'schema-unknown-key.hint': {
    en: 'unknown key "{key}" in {where}; did you mean "{hint}"?',
    zh: '{where}中有不认识的键“{key}”；是不是“{hint}”？',
  },
  'schema-unknown-key.fix.hint': { en: 'rename it to "{hint}", or remove it', zh: '请改为“{hint}”，或删去' },
  'schema-unknown-key.fix': { en: 'known keys: {keys}', zh: '可用的键：{keys}' },
  'schema-missing': { en: '{where} is missing the required key "{key}"', zh: '{where}缺少必填的键“{key}”' },
  'schema-missing.fix': { en: 'add a line "{key}: …"', zh: '请加一行“{key}: …”' },
  'schema-missing.empty': { en: '"{where}" is empty', zh: '“{where}”没有填写' },
  'schema-missing.empty.fix': { en: 'give {key} a value', zh: '请给 {key} 填上值' },
  'schema-type': { en: '"{where}" must be {wanted}, not {shown}', zh: '“{where}”应为{wanted}，而不是 {shown}' },
  'schema-type.fix': { en: 'write {key}: followed by {wanted}', zh: '请写成“{key}: ”后接{wanted}' },
  'schema-value': { en: '"{where}": {problem}', zh: '“{where}”：{problem}' },
  'schema-value.one-of': {
    en: '"{where}" must be one of {values}, not "{value}"',
    zh: '“{where}”只能是 {values} 之一，而不是“{value}”',
  },
  'schema-value.one-of.fix': { en: 'use one of: {values}', zh: '请从以下取值中选用：{values}' },

  // ── the issue folder (source/load.ts) ─────────────────────────────────────────────────
  'issue-missing': { en: 'no such issue folder', zh: '没有这个文件夹' },
  'issue-missing.file': { en: 'this is a file, not an issue folder', zh: '这是文件，不是一期的文件夹' },
  'issue-missing.fix': {
    en: 'give the path of a folder holding issue.yaml and articles/',
    zh: '请给出含有 issue.yaml 和 articles/ 的文件夹路径',
  },
  'issue-yaml-missing': { en: 'issue.yaml is missing', zh: '缺少 issue.yaml' },
  'issue-yaml-missing.fix': {
    en: 'create it with title, year, number, date, publisher, editor and phone',
    zh: '请新建此文件，写明 title、year、number、date、publisher、editor 和 phone',
  },
  'articles-missing': { en: 'the articles/ folder is missing', zh: '缺少 articles/ 文件夹' },
  'articles-missing.file': { en: 'articles is a file, not a folder', zh: 'articles 是文件，不是文件夹' },
  'articles-missing.fix': {
    en: 'put one Markdown file per article in articles/, named 01-slug.md, 02-slug.md, …',
    zh: '请在 articles/ 中每篇文章放一个 Markdown 文件，命名为 01-slug.md、02-slug.md 等',
  },
  'article-name': { en: 'article file "{name}" has no order prefix', zh: '文章文件“{name}”的文件名前面没有序号' },
  'article-name.fix': {
    en: 'rename it like 01-slug.md; the number gives its place in the issue',
    zh: '请改名为 01-slug.md 这样的形式；序号决定文章在本期中的位置',
  },
  'article-order': {
    en: 'two articles share the number {number} ({first} and {second})',
    zh: '两篇文章用了同一个序号 {number}（{first} 和 {second}）',
  },
  'article-order.fix': { en: 'give each article its own number', zh: '请给每篇文章各编一个序号' },
  'articles-empty': { en: 'the issue has no articles', zh: '本期没有文章' },
  'articles-empty.fix': {
    en: 'add Markdown files to articles/, named 01-slug.md, 02-slug.md, …',
    zh: '请在 articles/ 中放入 Markdown 文件，命名为 01-slug.md、02-slug.md 等',
  },
  'front-matter-missing': { en: 'the article has no front matter', zh: '文章开头没有属性部分' },
  'front-matter-missing.fix': {
    en: 'start the file with ---, a line "title: …", and ---',
    zh: '请在文件开头写 ---、一行“title: …”，再写 ---',
  },
  'front-matter-open': { en: 'the front matter is never closed', zh: '文章开头的属性部分没有结束' },
  'front-matter-open.fix': {
    en: 'add a line --- after the last front matter key',
    zh: '请在属性部分最后一个键之后加一行 ---',
  },
  'article-empty': { en: 'the article has no text', zh: '文章没有正文' },
  'article-empty.headings': { en: 'the article has headings but no text', zh: '文章只有标题，没有正文' },
  'article-empty.headings.fix': {
    en: 'write the article under its headings, or remove the file',
    zh: '请在标题下写正文，或删去这个文件',
  },
  'article-empty.fix': {
    en: 'write the article below the front matter, or remove the file',
    zh: '请在属性部分下面写正文，或删去这个文件',
  },

  // ── reading the editors' files (source/read.ts) ───────────────────────────────────────
  'file-link-dangling': {
    en: 'it is a link to {link}, which does not exist',
    zh: '这是指向 {link} 的链接，但所指文件不存在',
  },
  'file-link-dangling.fix': {
    en: 'restore the file it points to, or remove the link',
    zh: '请恢复所指的文件，或删去这个链接',
  },
  'file-unreadable.reach': { en: 'the file cannot be reached: permission denied', zh: '无法访问此文件：没有权限' },
  'file-unreadable.reach.fix': { en: 'make its folder readable (chmod a+rx)', zh: '请让所在文件夹可读（chmod a+rx）' },
  'file-link-loop': { en: 'it is a link that leads back to itself', zh: '这是一个绕回自身的链接' },
  'file-link-loop.fix': { en: 'remove the link, or point it at a file', zh: '请删去这个链接，或让它指向一个文件' },
  'file-missing': { en: 'the file does not exist', zh: '文件不存在' },
  'file-missing.fix': { en: 'check the name', zh: '请核对文件名' },
  'file-folder': { en: 'this is a folder, not a file', zh: '这是文件夹，不是文件' },
  'file-folder.fix': {
    en: 'remove or rename the folder; a file is expected here',
    zh: '请删去或改名这个文件夹；这里应是一个文件',
  },
  'file-special': { en: 'this is {what}, not a file', zh: '这是{what}，不是普通文件' },
  'file-special.other': { en: 'not a regular file', zh: '特殊文件' },
  'file-special.fix': { en: 'replace it with an ordinary file', zh: '请换成普通文件' },
  'file-too-large': {
    en: 'the file is {size} MB: more than a text file of an issue can be ({max} MB)',
    zh: '文件有 {size} MB，超出了一期文字稿件的上限（{max} MB）',
  },
  'file-too-large.fix': {
    en: 'check that it is the right file; split a very long article',
    zh: '请确认文件无误；过长的文章请拆分',
  },
  'file-unreadable': { en: 'the file cannot be read: permission denied', zh: '无法读取此文件：没有权限' },
  'file-unreadable.fix': { en: 'make it readable: chmod a+r {file}', zh: '请让它可读：chmod a+r {file}' },
  'file-unreadable.other': { en: 'the file cannot be read ({detail})', zh: '无法读取此文件（{detail}）' },
  'file-unreadable.other.fix': { en: 'check the file and the disk', zh: '请检查文件和磁盘' },
  'encoding-utf16.damaged': {
    en: 'the file starts as UTF-16 but its text is damaged',
    zh: '文件开头标明是 UTF-16 编码，但内容已损坏',
  },
  'encoding-utf16.damaged.fix': {
    en: 'open it in an editor and save it again as UTF-8',
    zh: '请用编辑器打开，另存为 UTF-8 编码',
  },
  'encoding-utf16': {
    en: 'the file is not UTF-8 (it looks like UTF-16 without a byte-order mark)',
    zh: '文件不是 UTF-8 编码（看起来是不带字节序标记的 UTF-16）',
  },
  'encoding-utf16.fix': {
    en: 'save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8)',
    zh: '请另存为 UTF-8 编码（记事本中：另存为，编码选 UTF-8）',
  },
  'encoding-nul': {
    en: 'the file holds a NUL byte (a zero byte) here: it is damaged, or not a text file',
    zh: '文件此处有一个 NUL 字节（零字节）：文件已损坏，或不是文本文件',
  },
  'encoding-nul.fix': {
    en: 'delete the invisible character there (or save the file again as plain UTF-8 text)',
    zh: '请删去此处看不见的字符（或重新保存为 UTF-8 纯文本）',
  },
  'encoding-legacy': {
    en: 'the file is not UTF-8 (it looks like {name})',
    zh: '文件不是 UTF-8 编码（看起来是 {name}）',
  },
  'encoding-legacy.fix': {
    en: 'convert it with: iconv -f {iconv} -t UTF-8 {file} > {tmp} && mv {tmp} {file} (or save it as UTF-8 in the editor)',
    zh: '请用 iconv 转换：iconv -f {iconv} -t UTF-8 {file} > {tmp} && mv {tmp} {file}（或在编辑器中另存为 UTF-8 编码）',
  },
  'encoding-gbk': { en: 'the file is not UTF-8 (it looks like GBK)', zh: '文件不是 UTF-8 编码（看起来是 GBK）' },
  'encoding-big5': { en: 'the file is not UTF-8 (it looks like Big5)', zh: '文件不是 UTF-8 编码（看起来是 Big5）' },
  'encoding-utf8': {
    en: 'the file is not valid UTF-8: byte {byte} here belongs to no character',
    zh: '文件不是有效的 UTF-8 编码：此处的字节 {byte} 不属于任何字符',
  },
  'encoding-utf8.fix': {
    en: 'retype the character there, or save the file again as UTF-8',
    zh: '请重新输入此处的字符，或重新保存为 UTF-8 编码',
  },

  // ── fonts (fonts/registry.ts) ─────────────────────────────────────────────────────────
  'font-not-font': { en: 'is not a TrueType or OpenType font', zh: '不是 TrueType 或 OpenType 字体' },
  'font-not-font.fix': { en: 'point the role at a .ttf or .otf file', zh: '请让这一字体角色指向 .ttf 或 .otf 文件' },
  'file-unreadable.font': { en: 'cannot be read ({detail})', zh: '无法读取（{detail}）' },
  'file-unreadable.font.fix': { en: 'make it readable (chmod a+r)', zh: '请让它可读（chmod a+r）' },
  'font-missing.role': {
    en: 'the font file of role "{role}" is missing: {file}',
    zh: '字体角色“{role}”的字体文件不存在：{file}',
  },
  'font-missing.fix.npm': { en: 'run npm ci to install the fonts', zh: '请运行 npm ci 安装字体' },
  'font-missing.fix.copy': {
    en: 'copy the font file there, or correct its path in fonts/fonts.yaml',
    zh: '请把字体文件复制到那里，或在 fonts/fonts.yaml 中改正路径',
  },
  'font-file': {
    en: 'the font file of role "{role}" ({file}): {problem}',
    zh: '字体角色“{role}”的字体文件（{file}）{problem}',
  },

  // ── what counts as an article (source/articles.ts) ────────────────────────────────────
  'article-ignored': { en: '{name} is {what}, not an article: left out', zh: '{name} 是{what}，不是文章，已略过' },
  'article-ignored.system': { en: 'a file the system keeps', zh: '系统自动生成的文件' },
  'article-ignored.backup': { en: 'an editor backup', zh: '编辑器的备份文件' },
  'article-ignored.lock': { en: 'an editor lock or autosave file', zh: '编辑器的锁定文件或自动保存文件' },
  'article-ignored.macos': { en: 'macOS metadata', zh: 'macOS 的元数据文件' },
  'article-ignored.temporary': { en: 'a backup, swap or temporary file', zh: '备份、交换或临时文件' },
  'article-ignored.hidden': { en: 'a hidden file', zh: '隐藏文件' },
  'article-ignored.fix': {
    en: 'nothing to do; delete it when the editor no longer needs it',
    zh: '无需处理；编辑器不再需要时可删去',
  },
  'article-not-md': {
    en: '{name} is named like an article but is not a .md file: it would be left out of the issue',
    zh: '{name} 的文件名像文章，但不是 .md 文件，不会排入本期',
  },
  'article-not-md.fix.document': {
    en: 'save it as Markdown text, named {stem}.md (or move it out of articles/)',
    zh: '请另存为 Markdown 文本，命名为 {stem}.md（或移出 articles/）',
  },
  'article-not-md.fix': {
    en: 'rename it to {stem}.md (or move it out of articles/)',
    zh: '请改名为 {stem}.md（或移出 articles/）',
  },
  'article-other-file': {
    en: '{name} is not an article (only .md files are): it is not printed',
    zh: '{name} 不是文章（只有 .md 文件才是），不会印出',
  },
  'article-other-file.fix': {
    en: 'move it out of articles/ if it does not belong to the issue, or name it NN-slug.md if it is an article',
    zh: '如不属于本期，请移出 articles/；如是文章，请命名为 NN-slug.md',
  },

  // ── the issue against its folder and the previous issue (check/consistency.ts) ────────
  'issue-year': { en: 'year {year} does not match the date {date}', zh: '年份 {year} 与日期 {date} 不符' },
  'issue-year.fix': {
    en: 'make them agree: year: {dateYear}, or a date in {year}',
    zh: '请使两者一致：year: {dateYear}，或把日期改在 {year} 年内',
  },
  'issue-year.previous': {
    en: "year {year} is before the previous issue's ({previous}: {previousYear})",
    zh: '年份 {year} 早于上一期（{previous}：{previousYear}）',
  },
  'issue-year.previous.fix': { en: 'check the year', zh: '请核对年份' },
  'issue-date.folder': {
    en: 'the date {date} is not in {month}, the month the folder {folder} is named for',
    zh: '日期 {date} 不在文件夹 {folder} 所标的月份 {month} 内',
  },
  'issue-date.folder.fix': {
    en: 'correct the date, or rename the folder for the month of the issue',
    zh: '请改正日期，或按本期的月份给文件夹改名',
  },
  'issue-date.previous': {
    en: "the date {date} is not after the previous issue's ({previous}: {previousDate})",
    zh: '日期 {date} 不晚于上一期（{previous}：{previousDate}）',
  },
  'issue-date.previous.fix': { en: 'check the date', zh: '请核对日期' },
  'issue-number.again': {
    en: '第 {number} 期 again: the previous issue ({previous}) is 第 {number} 期 too',
    zh: '期号重复：上一期（{previous}）也是第 {number} 期',
  },
  'issue-number.again.fix': { en: 'number this issue {next}', zh: '请把本期编为第 {next} 期' },
  'issue-number': {
    en: '第 {number} 期 does not follow the previous issue, 第 {previousNumber} 期 ({previous})',
    zh: '第 {number} 期与上一期第 {previousNumber} 期（{previous}）不相接',
  },
  'issue-number.fix': { en: 'number it {next}', zh: '请编为第 {next} 期' },
  'issue-number.fix.gap': {
    en: 'number it {next} (or {skipped}, if the missing months were published)',
    zh: '请编为第 {next} 期（如缺少的月份已出刊，则编为第 {skipped} 期）',
  },
  'issue-number.new-year': {
    en: "第 {number} 期 in {year}: the previous issue ({previous}) closed {previousYear}, and a year's numbering starts at 第 1 期",
    zh: '{year} 年的第 {number} 期：上一期（{previous}）是 {previousYear} 年的最后一期，新一年应从第 1 期编起',
  },
  'issue-number.new-year.fix': {
    en: 'number it 1, unless the bulletin counts on across years',
    zh: '请编为第 1 期，除非本刊跨年连续编号',
  },
  'issue-total': {
    en: "总第 {total} 期 does not follow the previous issue's 总第 {previousTotal} 期 ({previous})",
    zh: '总第 {total} 期与上一期的总第 {previousTotal} 期（{previous}）不相接',
  },
  'issue-total.fix': { en: 'write total: {next}', zh: '请写 total: {next}' },
  // ── Markdown (source/markdown.ts) ─────────────────────────────────────────────────────
  'md-nesting': {
    en: 'lists or quotes nested too deep (more than {lists} lists, or {quotes} quotes, one in another): from here the deeper levels print as plain text, their markers included',
    zh: '列表或引文嵌套太深（列表套列表超过 {lists} 层，或引文套引文超过 {quotes} 层）：从这里起，更深的层次连同其标记都按普通文字印出',
  },
  'md-nesting.fix': { en: 'nest less deeply', zh: '请减少嵌套层数' },
  'md-footnote-unused': {
    en: 'footnote [^{label}] is defined but never referenced; it is not printed',
    zh: '脚注 [^{label}] 有定义但正文中没有引用；不会印出',
  },
  'md-footnote-unused.fix': {
    en: 'add [^{label}] where it belongs in the text, or remove the definition',
    zh: '请在正文相应位置加上 [^{label}]，或删去这条定义',
  },
  'md-footnote-unknown': { en: 'footnote [^{label}] has no definition', zh: '脚注 [^{label}] 没有定义' },
  'md-footnote-unknown.fix': {
    en: 'add a line "[^{label}]: the note\'s text" below the paragraph, or remove the reference',
    zh: '请在段落下方加一行“[^{label}]: 脚注内容”，或删去这个引用',
  },
  'md-paragraph-long': {
    en: 'a paragraph of {chars} characters (about {pages} pages without a break): more than one paragraph can be ({max})',
    zh: '一段长达 {chars} 字（约 {pages} 页不分段）：超过了一段的上限（{max} 字）',
  },
  'md-paragraph-long.fix': { en: 'split it into paragraphs with blank lines between them', zh: '请用空行把它分成几段' },
  'md-h1': {
    en: 'a level-1 heading (#) in an article body; the article title comes from the front matter',
    zh: '文章正文中有一级标题（#）；文章标题应写在开头的属性部分',
  },
  'md-h1.fix': { en: 'use ## for section headings', zh: '节标题请用 ##' },
  'md-heading-level': {
    en: 'a level-{level} heading is set like a level-5 one (#####)',
    zh: '{level} 级标题按 5 级标题（#####）排',
  },
  'md-heading-level.fix': {
    en: 'use ## to ##### for the four levels of section headings (一、 （一） 1. （1）)',
    zh: '四级节标题（一、 （一） 1. （1））请用 ## 到 #####',
  },
  'md-html': { en: 'raw HTML is not printed', zh: 'HTML 代码不会印出' },
  'md-html.fix': { en: 'remove it, or write it as Markdown', zh: '请删去，或改用 Markdown 写' },
  'md-html.tag': { en: 'raw HTML {tag} is not printed', zh: 'HTML 代码 {tag} 不会印出' },
  'md-html.tag.fix': { en: 'remove the tag', zh: '请删去这个标签' },
  'md-image-inline': {
    en: 'an image inside a line of text is set as a figure on its own line',
    zh: '夹在文字行中的图片会单独成行，作为插图排',
  },
  'md-image-inline.fix': {
    en: 'put the image on a line of its own, with blank lines around it',
    zh: '请把图片单独写一行，前后各空一行',
  },
  'md-image-place.heading': { en: 'an image in a heading is not printed', zh: '标题中的图片不会印出' },
  'md-image-place.cell': { en: 'an image in a table cell is not printed', zh: '表格单元格中的图片不会印出' },
  'md-image-place.fix': { en: 'put the image in a paragraph of its own', zh: '请把图片单独写成一段' },
  'md-image.no-folder': { en: 'images need the issue folder', zh: '图片需要本期的文件夹' },
  'md-image.no-folder.fix': { en: 'build the issue folder', zh: '请排版整个文件夹' },
  'md-image.no-name': { en: 'the image has no file name', zh: '图片没有文件名' },
  'md-image.no-name.fix': { en: 'write ![caption](images/name.png)', zh: '请写成 ![图题](images/name.png)' },
  'md-image.remote': {
    en: 'remote image "{written}" is not fetched: the build never uses the network',
    zh: '网络图片“{written}”不会下载：排版从不联网',
  },
  'md-image.remote.fix': {
    en: 'download the image into the issue folder (images/) and write its path, e.g. ![caption](images/name.png)',
    zh: '请把图片下载到本期文件夹（images/）中，再写它的路径，例如 ![图题](images/name.png)',
  },
  'md-image.absolute': { en: 'image path "{written}" is absolute', zh: '图片路径“{written}”是绝对路径' },
  'md-image.absolute.fix': {
    en: 'copy the image into the issue folder and write a relative path such as images/name.png',
    zh: '请把图片复制到本期文件夹中，改写相对路径，如 images/name.png',
  },
  'md-image.outside': { en: 'image "{written}" is outside the issue folder', zh: '图片“{written}”在本期文件夹之外' },
  'md-image.outside.fix': {
    en: 'copy the image into the issue folder (images/) and refer to it from there',
    zh: '请把图片复制到本期文件夹（images/）中，再从那里引用',
  },
  'md-image.folder': { en: 'image "{written}" is a folder', zh: '图片“{written}”是一个文件夹' },
  'md-image.special': { en: 'image "{written}" is not an ordinary file', zh: '图片“{written}”不是普通文件' },
  'md-image.folder.fix': { en: 'write the path of a PNG or JPEG file', zh: '请写 PNG 或 JPEG 文件的路径' },
  'md-image.missing': {
    en: 'image file "{written}" not found (looked in {looked})',
    zh: '找不到图片文件“{written}”（查找位置：{looked}）',
  },
  'md-image.missing.fix': {
    en: "check the file name and its case, or add the file to the issue's images/ folder",
    zh: '请核对文件名及大小写，或把文件放进本期的 images/ 文件夹',
  },
  'md-image.unreadable': { en: 'image "{written}" cannot be read', zh: '无法读取图片“{written}”' },
  'md-image.unreadable.fix': { en: 'check that the file exists and is readable', zh: '请检查文件是否存在、是否可读' },
  'md-image.unreadable.code': {
    en: 'image "{written}" cannot be read ({code})',
    zh: '无法读取图片“{written}”（{code}）',
  },
  'md-image.denied': {
    en: 'image "{written}" cannot be read: permission denied',
    zh: '无法读取图片“{written}”：没有权限',
  },
  'md-image.denied.fix': { en: 'make the file readable (chmod a+r)', zh: '请把文件设为可读（chmod a+r）' },
  'md-image.link-outside': {
    en: 'image "{written}" is a link to a file outside the issue folder',
    zh: '图片“{written}”是指向本期文件夹之外的链接',
  },
  'md-image.link-outside.fix': {
    en: 'copy the image itself into the issue folder',
    zh: '请把图片本身复制到本期文件夹中',
  },
  'md-image.bytes': {
    en: 'the image file is {size}, more than a page can use (at most {max} with this template)',
    zh: '图片文件有 {size}，超出一页所能用的（此模板最多 {max}）',
  },
  'md-image.scale.fix': {
    en: 'scale it down ({width} pixels across the text block is {dpi} dpi), or save a photograph as JPEG',
    zh: '请缩小图片（版心宽 {width} 像素即为 {dpi} dpi），照片可存为 JPEG',
  },
  'md-image.pixels': {
    en: 'the image is {width} × {height} pixels ({mp} megapixels): more than a page can print (at most {max} megapixels; the text block is {bw} × {bh} pixels at {dpi} dpi)',
    zh: '图片为 {width} × {height} 像素（{mp} 百万像素）：超出一页所能印的（最多 {max} 百万像素；按 {dpi} dpi 计，版心为 {bw} × {bh} 像素）',
  },
  'md-image.pixels.fix': {
    en: 'scale it down, e.g. to {width} pixels wide, and save it again',
    zh: '请缩小图片，例如缩到 {width} 像素宽，再保存',
  },
  'md-image.kind.gif': { en: 'the image is a GIF file', zh: '图片是 GIF 文件' },
  'md-image.kind.webp': { en: 'the image is a WebP file', zh: '图片是 WebP 文件' },
  'md-image.kind.svg': { en: 'the image is an SVG or HTML file', zh: '图片是 SVG 或 HTML 文件' },
  'md-image.kind.ext': { en: 'the image is not a PNG or JPEG ({ext}) file', zh: '图片不是 PNG 或 JPEG 文件（{ext}）' },
  'md-image.kind.other': { en: 'the image is not a PNG or JPEG file', zh: '图片不是 PNG 或 JPEG 文件' },
  'md-image.kind.fix': {
    en: 'save it as PNG (charts, screenshots) or JPEG (photographs)',
    zh: '请存为 PNG（图表、截图）或 JPEG（照片）',
  },
  'md-image.png-damaged': { en: 'the PNG file is damaged ({what})', zh: 'PNG 文件已损坏（{what}）' },
  'md-image.png-damaged.fix': {
    en: 'open it in an image editor and save it again as PNG',
    zh: '请用图片编辑软件打开，重新存为 PNG',
  },
  'md-image.png.chunk-short': { en: 'chunk {type} is cut short', zh: '数据块 {type} 不完整' },
  'md-image.png.short-header': { en: 'short header', zh: '文件头太短' },
  'md-image.png.depth': {
    en: 'colour type {colorType} with bit depth {depth}',
    zh: '颜色类型 {colorType} 配位深 {depth}',
  },
  'md-image.png.no-header': { en: 'no image header', zh: '没有图像头' },
  'md-image.png.no-data': { en: 'no image data, or the file is cut short', zh: '没有图像数据，或文件不完整' },
  'md-image.png.no-palette': { en: 'an indexed image without its palette', zh: '索引色图像缺少调色板' },
  'md-image.png.size': {
    en: 'its compressed data does not unpack to the size its header gives',
    zh: '压缩数据解压后的大小与文件头所记不符',
  },
  'md-image.png.filter': { en: "row filter {filter} is not one of PNG's", zh: '行过滤方式 {filter} 不是 PNG 的' },
  'md-image.unpacked': {
    en: 'the PNG is {width} × {height} pixels of {depth}-bit {colours}: {size} once unpacked, more than a page can use (at most {max} with this template)',
    zh: 'PNG 为 {width} × {height} 像素，{depth} 位{colours}：解压后 {size}，超出一页所能用的（此模板最多 {max}）',
  },
  'md-image.colours.0': { en: 'grey', zh: '灰度' },
  'md-image.colours.2': { en: 'RGB', zh: 'RGB' },
  'md-image.colours.3': { en: 'indexed colour', zh: '索引色' },
  'md-image.colours.4': { en: 'grey with transparency', zh: '带透明的灰度' },
  'md-image.colours.6': { en: 'RGBA', zh: 'RGBA' },
  'md-image.jpeg.coding': {
    en: 'the JPEG uses a coding (lossless, hierarchical or arithmetic) that PDF readers do not all show',
    zh: '这个 JPEG 用的编码（无损、分层或算术编码）并非所有 PDF 阅读器都能显示',
  },
  'md-image.jpeg.coding.fix': { en: 'save it again as an ordinary (baseline) JPEG', zh: '请重新存为普通（基线）JPEG' },
  'md-image.jpeg.samples': {
    en: 'the JPEG has {bits}-bit samples and {comps} colour channels, which a PDF cannot carry as is',
    zh: '这个 JPEG 为 {bits} 位采样、{comps} 个颜色通道，PDF 无法原样收入',
  },
  'md-image.jpeg.samples.fix': {
    en: 'save it again as an 8-bit RGB or greyscale JPEG',
    zh: '请重新存为 8 位 RGB 或灰度 JPEG',
  },
  'md-image.jpeg.no-size': { en: 'the JPEG does not record its size', zh: '这个 JPEG 没有记录尺寸' },
  'md-image.jpeg.fix': { en: 'save it again as JPEG', zh: '请重新存为 JPEG' },
  'md-image.jpeg.damaged': { en: 'the JPEG file is damaged (no frame header)', zh: 'JPEG 文件已损坏（没有帧头）' },
  'md-image.jpeg.damaged.fix': {
    en: 'open it in an image editor and save it again as JPEG',
    zh: '请用图片编辑软件打开，重新存为 JPEG',
  },

  // ── duplicates (check/duplicates.ts) ──────────────────────────────────────────────────
  'dup.alike': { en: '{pct} alike', zh: '相似度 {pct}' },
  'dup.contained': { en: '{pct} of it is in the other', zh: '其中 {pct} 见于另一处' },
  'dup.articles': { en: '{n} other articles', zh: '另外 {n} 篇文章' },
  'dup.articles.one': { en: '1 other article', zh: '另外 1 篇文章' },
  'dup.issues': { en: '{n} earlier issues', zh: '另外 {n} 期往期' },
  'dup.issues.one': { en: '1 earlier issue', zh: '另外 1 期往期' },
  'dup.more-places': { en: '{n} more paragraphs (lines {lines})', zh: '另有 {n} 段（第 {lines} 行）' },
  'dup.more-places.one': { en: '1 more paragraph (line {lines})', zh: '另有 1 段（第 {lines} 行）' },
  'dup-article': {
    en: 'this article repeats {where} (「{title}」): {how}{more}',
    zh: '本文与 {where}（「{title}」）重复：{how}{more}',
  },
  'dup-article.more': { en: ' (and {others} of this issue)', zh: '（本期还有{others}也与之重复）' },
  'dup-article.fix': {
    en: 'remove one of the two copies: the issue would print the same article twice',
    zh: '请删去其中一篇：否则同一篇文章会印两次',
  },
  'dup-archive': {
    en: 'this article was already published in {issue}: {where} (「{title}」), {how}{more}',
    zh: '本文已在 {issue} 刊登过：{where}（「{title}」），{how}{more}',
  },
  'dup-archive.more': { en: ' (and in {issues})', zh: '（{issues}也刊登过）' },
  'dup-archive.fix': {
    en: 'replace it with a new article, or drop it if the reprint is a mistake',
    zh: '请换一篇新文章；如属误重登，请删去',
  },
  'dup-archive.paragraph': {
    en: 'this paragraph was already published in {issue}: {where}, {how}{more}',
    zh: '这一段已在 {issue} 刊登过：{where}，{how}{more}',
  },
  'dup-archive.paragraph.more': {
    en: '; {places} of this article were printed there too',
    zh: '；本文{places}也在那里印过',
  },
  'dup-archive.paragraph.more.one': {
    en: '; {places} of this article was printed there too',
    zh: '；本文{places}也在那里印过',
  },
  'dup-archive.paragraph.fix': {
    en: 'rewrite it, or check that repeating it is intended',
    zh: '请改写，或确认是有意重复',
  },
  'dup-paragraph': {
    en: 'this paragraph repeats {where} (「{excerpt}…」): {how}{more}',
    zh: '这一段与 {where}（「{excerpt}…」）重复：{how}{more}',
  },
  'dup-paragraph.more': {
    en: '; {places} of this article repeat paragraphs of {file} too',
    zh: '；本文{places}也与 {file} 中的段落重复',
  },
  'dup-paragraph.more.one': {
    en: '; {places} of this article repeats paragraphs of {file} too',
    zh: '；本文{places}也与 {file} 中的段落重复',
  },
  'dup-paragraph.fix': {
    en: 'remove the repeated paragraphs, or rewrite one of each pair',
    zh: '请删去重复的段落，或改写每对中的一段',
  },

  // ── punctuation (check/punctuation.ts) ────────────────────────────────────────────────
  'punct-ellipsis': { en: '"{written}" for an ellipsis in Chinese text', zh: '中文里用“{written}”作省略号' },
  'punct-ellipsis.fix': { en: 'write "……" (two ellipsis characters)', zh: '请写“……”（两个省略号字符）' },
  'punct-dash': { en: '"{written}" for a dash in Chinese text', zh: '中文里用“{written}”作破折号' },
  'punct-dash.single': { en: 'a single "{mark}" used as a dash', zh: '用单个“{mark}”作破折号' },
  'punct-dash.fix': { en: 'write "——" (two em dashes)', zh: '请写“——”（两个破折号字符）' },
  'punct-doubled': { en: 'doubled punctuation "{run}"', zh: '标点重复：“{run}”' },
  'punct-doubled.fix': { en: 'write one "{one}"', zh: '请只写一个“{one}”' },
  'punct-doubled.two': { en: 'two punctuation marks "{run}" in a row', zh: '两个标点连用：“{run}”' },
  'punct-doubled.two.fix': { en: 'keep the one the sentence needs', zh: '请保留句子需要的那一个' },
  'punct-width': { en: 'half-width "{ch}" in Chinese text', zh: '中文里用了半角的“{ch}”' },
  'punct-width.fix': { en: 'write "{full}"', zh: '请写“{full}”' },
  'punct-width.brackets': {
    en: 'half-width brackets "({shown})" in Chinese text',
    zh: '中文里用了半角括号“({shown})”',
  },
  'punct-width.brackets.fix': { en: 'write "（{shown}）"', zh: '请写“（{shown}）”' },
  'punct-quote.single': { en: 'single quotes', zh: '单引号' },
  'punct-quote.double': { en: 'quotes', zh: '引号' },
  'punct-quote': { en: 'straight {what} {quoted} in Chinese text', zh: '中文里用了直{what} {quoted}' },
  'punct-quote.pair': {
    en: '{what} {quoted} do not pair: "{mark}" faces the wrong way',
    zh: '{what} {quoted} 不成对：“{mark}”方向反了',
  },
  'punct-quote.straight': { en: 'straight quote {straight} in Chinese text', zh: '中文里用了直引号 {straight}' },
  'punct-quote.fix': { en: 'write {quoted}', zh: '请写 {quoted}' },
  'punct-unbalanced': { en: '"{mark}" has no opening "{open}"', zh: '“{mark}”前面没有对应的“{open}”' },
  'punct-unbalanced.fix': {
    en: 'add "{open}" where the quotation begins, or remove "{mark}"',
    zh: '请在引文开始处加“{open}”，或删去“{mark}”',
  },
  'punct-unbalanced.bracket.fix': {
    en: 'add "{open}" where it begins, or remove "{mark}"',
    zh: '请在开始处加“{open}”，或删去“{mark}”',
  },
  'punct-unbalanced.reopened': {
    en: '"{open}" is never closed (the next quote opens again)',
    zh: '“{open}”没有闭合（下一个引号又是前引号）',
  },
  'punct-unbalanced.unclosed': { en: '"{mark}" is never closed in this paragraph', zh: '“{mark}”在本段中没有闭合' },
  'punct-unbalanced.crossed': {
    en: '"{mark}" is never closed (the "{around}" around it closes first)',
    zh: '“{mark}”没有闭合（外面的“{around}”先闭合了）',
  },
  'punct-unbalanced.close.fix': { en: 'add "{close}" where the quotation ends', zh: '请在引文结束处加“{close}”' },
  'punct-unbalanced.end.fix': { en: 'add "{close}" where it ends', zh: '请在结束处加“{close}”' },
  'punct-unbalanced.end-or-remove.fix': {
    en: 'add "{close}" where it ends, or remove "{mark}"',
    zh: '请在结束处加“{close}”，或删去“{mark}”',
  },
  'punct-space': { en: 'space {where}', zh: '{where}有空格' },
  'punct-space.before': { en: 'before "{mark}"', zh: '“{mark}”前' },
  'punct-space.after': { en: 'after "{mark}"', zh: '“{mark}”后' },
  'punct-space.fix': { en: 'remove the space: a full-width mark carries its own', zh: '请删去空格：全角标点自带空白' },
  'han-space': {
    en: 'space between Chinese characters ("{pair}"); it prints as a full-width gap',
    zh: '两个汉字之间有空格（“{pair}”）；会印成一个全角的空',
  },
  'han-space.fix': {
    en: 'remove it, or type a full-width space (　) where a gap is meant',
    zh: '请删去；如确要空开，请输入全角空格（　）',
  },

  'number-width': { en: '"{text}": {why}', zh: '“{text}”：{why}' },
  'number-width.mixed': {
    en: 'full-width and half-width digits mixed in one number',
    zh: '同一个数中全角和半角数字混用',
  },
  'number-width.full': {
    en: 'full-width digits (the issue writes numbers half-width elsewhere, e.g. {half})',
    zh: '用了全角数字（本期其他地方用半角数字，如 {half}）',
  },
  'number-width.fix': { en: 'write "{fixed}"', zh: '请写“{fixed}”' },
  'title-toc': {
    en: 'the title is too long for one line of the contents ({width} em; the line holds {measure} em): it wraps onto {lines} lines',
    zh: '标题太长，目录中一行放不下（{width} 字宽；一行只能放 {measure} 字宽）：会折成 {lines} 行',
  },
  'title-toc.fix': {
    en: 'shorten the title, or move its second part to "subtitle:"',
    zh: '请缩短标题，或把后半部分移到“subtitle:”',
  },
  'heading-skip': {
    en: 'a level-{level} heading ({marks}) follows a level-{prev} heading: level {skipped} is skipped',
    zh: '{level} 级标题（{marks}）紧跟在 {prev} 级标题之后：跳过了 {skipped} 级',
  },
  'heading-skip.title': {
    en: 'a level-{level} heading ({marks}) follows the title: level {skipped} is skipped',
    zh: '{level} 级标题（{marks}）紧跟在文章标题之后：跳过了 {skipped} 级',
  },
  'heading-skip.fix': {
    en: 'write it as {marks}, or add the {marks} heading it belongs under',
    zh: '请改写成 {marks}，或补上它所属的 {marks} 标题',
  },

  'glyph-missing': {
    en: 'no font can print "{ch}" (U+{cp}); it is left out',
    zh: '没有字体能印出“{ch}”（U+{cp}）；这个字会被略去',
  },
  'glyph-missing.sequence': {
    en: 'no font can print the sequence "{ch}" (U+{cp}) or its first character; it is left out whole',
    zh: '没有字体能印出字符序列“{ch}”（U+{cp}）或其首字；整个序列会被略去',
  },
  'glyph-missing.fix': {
    en: "add a font that has it to the template's fonts.fallback, or replace the character",
    zh: '请把收有此字的字体加入模板的 fonts.fallback，或换掉这个字',
  },
  'glyph-missing.check': {
    en: 'no configured font can print "{ch}" (U+{hex}); it would be left out',
    zh: '所配置的字体都印不出“{ch}”（U+{hex}）；这个字会被略去',
  },
  'glyph-missing.check.fix': {
    en: "replace it, or add a font that has it to the template's fonts.fallback",
    zh: '请换掉这个字，或把收有此字的字体加入模板的 fonts.fallback',
  },
  'glyph-missing.invisible': {
    en: 'invisible character U+{hex} that no font prints',
    zh: '看不见的字符 U+{hex}，任何字体都不印',
  },
  'glyph-missing.invisible.fix': {
    en: 'delete it (it usually comes from copying text out of a web page or word processor)',
    zh: '请删去（它通常是从网页或文字处理软件中复制文字时带进来的）',
  },

  // ── fonts (fonts/registry.ts, pipeline/layout.ts) ─────────────────────────────────────────
  'font-manifest': { en: 'fonts/fonts.yaml has no "roles:" mapping', zh: 'fonts/fonts.yaml 中没有“roles:”映射' },
  'font-manifest.fix': {
    en: 'write roles: and under it, for each role, file: and sha256:',
    zh: '请写 roles:，并在其下为每个用途写 file: 和 sha256:',
  },
  'font-manifest.missing': {
    en: 'the font manifest fonts/fonts.yaml is missing',
    zh: '字体清单 fonts/fonts.yaml 不见了',
  },
  'font-manifest.missing.fix': {
    en: 'restore fonts/fonts.yaml (git checkout fonts/fonts.yaml)',
    zh: '请恢复 fonts/fonts.yaml（git checkout fonts/fonts.yaml）',
  },
  'font-manifest.no-file': { en: 'font role "{role}" names no file', zh: '字体用途“{role}”没有指定文件' },
  'font-manifest.no-file.fix': {
    en: 'write file: and the path of the font file under it, or family: [names to look for]',
    zh: '请在其下写 file: 和字体文件的路径，或写 family: [要查找的字体名]',
  },
  'font-changed': {
    en: 'font "{role}" ({path}) differs from the manifest\'s sha256; output will not match earlier builds',
    zh: '字体“{role}”（{path}）与清单中的 sha256 不符；排出的结果将与以前不同',
  },
  'font-changed.fix': {
    en: 'update the sha256 in fonts/fonts.yaml if the change is intended',
    zh: '如确是有意更换，请更新 fonts/fonts.yaml 中的 sha256',
  },

  'font-why.unnamed': { en: 'fonts/fonts.yaml does not name it', zh: 'fonts/fonts.yaml 中没有列出' },
  'font-why.no-file': {
    en: '{file} is not there (run npm ci, or fix fonts/fonts.yaml)',
    zh: '{file} 不存在（请运行 npm ci，或改正 fonts/fonts.yaml）',
  },
  'font-why.not-installed': {
    en: "none of {families} is installed (fonts/local/ or the system's fonts)",
    zh: '{families} 都没有安装（fonts/local/ 或系统字体中都没有）',
  },
  'font-why.nothing': { en: 'it names neither a file nor a family', zh: '既没有指定文件，也没有指定字体名' },
  'font-role': {
    en: 'the template names font "{role}", which fonts/fonts.yaml does not define',
    zh: '模板用了字体“{role}”，但 fonts/fonts.yaml 中没有定义',
  },
  'font-role.fallback': {
    en: 'fonts.fallback names font "{role}", which fonts/fonts.yaml does not define',
    zh: 'fonts.fallback 中列了字体“{role}”，但 fonts/fonts.yaml 中没有定义',
  },
  'font-role.fix': {
    en: 'add "{role}" to fonts/fonts.yaml or use one of: {roles}',
    zh: '请在 fonts/fonts.yaml 中加上“{role}”，或改用以下之一：{roles}',
  },
  'font-missing.find': { en: 'font "{role}" cannot be found: {why}', zh: '找不到字体“{role}”：{why}' },
  'font-missing.find.fix': {
    en: 'install it, put it in fonts/local/, or give the role another font in fonts/fonts.yaml',
    zh: '请安装它、放进 fonts/local/，或在 fonts/fonts.yaml 中为该用途另指字体',
  },
  'font-substitute': {
    en: 'not installed, set in the closest free face instead: {stands}',
    zh: '以下字体未安装，改用最接近的免费字体：{stands}',
  },
  'font-substitute.fix': {
    en: "put the licensed fonts in fonts/local/ (see fonts/fonts.yaml) for the standard's own faces",
    zh: '如需标准规定的字体，请把有版权的字体放进 fonts/local/（见 fonts/fonts.yaml）',
  },
  'template-block.small': {
    en: 'the text block ({w} × {h} pt) is too small for the body text',
    zh: '版心（{w} × {h} 磅）太小，放不下正文',
  },
  'template-block.off-paper': {
    en: 'the text block ({w} × {h} pt at {x}, {y}) does not fit on the paper ({pw} × {ph} pt)',
    zh: '版心（{w} × {h} 磅，位于 {x}, {y}）超出了纸张（{pw} × {ph} 磅）',
  },
  'template-block.fix': {
    en: 'make the margins smaller, the paper larger, or chars × lines fewer',
    zh: '请缩小页边距、加大纸张，或减少每行字数 × 每页行数',
  },
  'layout-overflow': {
    en: '{item} on page {page} reaches {by} pt {where}: bulletin could not keep it on the page',
    zh: '第 {page} 页的{item}超出{where} {by} 磅：bulletin 没能把它排在页内',
  },
  'layout-overflow.fix': {
    en: "make it shorter or smaller, or split it; this is a fault in bulletin's layout, so please report it with the input",
    zh: '请把它改短、改小或拆开；这是 bulletin 排版的缺陷，请连同稿件一起报告',
  },
  'item.text': { en: 'text “{text}”', zh: '文字“{text}”' },
  'item.rule': { en: 'a rule', zh: '线条' },
  'item.image': { en: 'a picture', zh: '图片' },
  'item.link': { en: 'a link', zh: '链接' },
  'layout-overflow.floor': { en: 'into the footnotes or colophon', zh: '到脚注或版记里' },
  'layout-overflow.foot': { en: "below the text block's foot", zh: '版心下边' },
  'layout-overflow.top': { en: "above the text block's top", zh: '版心上边' },
  'layout-overflow.left': { en: "past the text block's left edge", zh: '版心左边' },
  'layout-overflow.right': { en: "past the text block's right edge", zh: '版心右边' },

  'table-narrow': {
    en: "the table's {cols} columns are too narrow for their text even at {size} pt (the template's table.min-size): {why}",
    zh: '表格的 {cols} 栏即使缩到 {size} 磅（模板的 table.min-size）也放不下其中的文字：{why}',
  },
  'table-narrow.words': { en: 'its longest words break between letters', zh: '最长的单词会在字母之间断开' },
  'table-narrow.columns': { en: 'its columns hold fewer than two characters', zh: '每栏放不下两个字' },
  'table-narrow.fix': {
    en: 'use fewer columns or shorter words, split the table, or set it outside the quote or list it is in',
    zh: '请减少栏数或用短些的词、把表格拆开，或把它移出所在的引文或列表',
  },
  internal: { en: 'internal error: {detail}', zh: '程序内部错误：{detail}' },
  'internal.fix': {
    en: 'this is a bug in bulletin: please report it with the input (the terminal shows the details)',
    zh: '这是 bulletin 的缺陷：请连同稿件一起报告（详情见终端）',
  },
  // ── templates (template/load.ts) ──────────────────────────────────────────────────────
  'template-paper': {
    en: 'page.paper is {paper} ({w} × {h} pt), and page.width or page.height gives another size',
    zh: 'page.paper 是 {paper}（{w} × {h} 磅），而 page.width 或 page.height 给出了另一个尺寸',
  },
  'template-paper.fix': {
    en: 'write paper: custom with width and height, or leave width and height out',
    zh: '请写 paper: custom 并给出 width 和 height，或去掉 width 和 height',
  },
  'template-name': { en: '"{want}" is not a template name', zh: '“{want}”不是模板名' },
  'template-name.fix': {
    en: 'name a folder of templates/, e.g. gongwen',
    zh: '请写 templates/ 中的一个文件夹名，例如 gongwen',
  },
  'template-cycle': { en: 'templates extend each other in a circle: {chain}', zh: '模板之间循环继承：{chain}' },
  'template-cycle.fix': { en: 'remove "extends: {want}" here', zh: '请删去这里的“extends: {want}”' },
  'template-missing': {
    en: 'template "{want}" not found (looked for {looked})',
    zh: '找不到模板“{want}”（查找位置：{looked}）',
  },
  'template-missing.fix': {
    en: 'use one of: {known}; or create templates/{want}/template.yaml',
    zh: '请改用以下之一：{known}；或新建 templates/{want}/template.yaml',
  },
  'template-missing.create': {
    en: 'create templates/{want}/template.yaml',
    zh: '请新建 templates/{want}/template.yaml',
  },

  // ── import (src/import/*) ─────────────────────────────────────────────────────────────
  'import-untitled': {
    en: 'no article title found: the whole text made one article titled 待定',
    zh: '没有找到文章标题：全文作为一篇文章，标题暂定为“待定”',
  },
  'import-untitled.before': {
    en: "text before the first article's title (「{text}」…) made an article of its own, titled 待定: give it its title or move it",
    zh: '第一篇文章标题之前的文字（「{text}」…）单独成了一篇，标题为“待定”：请给它加上标题，或把它移走',
  },
  'import-untitled.docx': {
    en: '{count} paragraph(s) before the first Heading 1 (「{text}」) are not a masthead: left out — put them under a heading',
    zh: '第一个“标题 1”之前的 {count} 段（「{text}」）不是报头：未收入——请把它们放到某个标题之下',
  },
  'import-toc-missing': {
    en: 'the contents list names 「{title}」 (page {page}), but no such title is in the text: its text, if printed, is in the article before it',
    zh: '目录中列有「{title}」（第 {page} 页），但正文中没有这个标题：如果它印过，其文字会在前一篇文章里',
  },
  'import-title.toc': {
    en: 'the title printed here is 「{printed}」, the contents list ({at}) says 「{title}」: kept the printed title',
    zh: '这里印的标题是「{printed}」，目录（{at}）写的是「{title}」：保留了正文所印的标题',
  },
  'import-title.look': {
    en: "no contents list to go by: 「{title}」 taken for an article's title by its look",
    zh: '没有目录可依：按外观把「{title}」当作文章标题',
  },
  'import-title.first': {
    en: 'no Heading 1 or Title: the first paragraph 「{title}」 taken for the title',
    zh: '没有“标题 1”或“标题”：把第一段「{title}」当作标题',
  },
  'import-title.file': {
    en: "no Heading 1, Title or short first paragraph: the title is the file's name, 「{title}」 — give it the real one",
    zh: '没有“标题 1”、“标题”或简短的首段：暂以文件名「{title}」作标题——请改成真正的标题',
  },
  'import-title-space': {
    en: 'the space after 「{before}」 in 「{title}」 taken for the line break of a title set on two lines, and removed',
    zh: '「{title}」中「{before}」后的空格被看作两行标题的换行处，已删去',
  },
  'import-duplicate': {
    en: '「{title}」 (here{here}) repeats the article at {at}{there}, {pct} alike: the first printing kept, this one left out (--keep-duplicates keeps both; compare them if this one corrected the other)',
    zh: '「{title}」（此处{here}）与 {at}{there} 的文章重复，相似度 {pct}：保留第一次所印的，这一篇未收入（--keep-duplicates 可两篇都保留；如这一篇是对前一篇的更正，请对照）',
  },
  'import-duplicate.kept': {
    en: '「{title}」 (here{here}) repeats the article at {at}{there}, {pct} alike: kept, as asked — bulletin check reports it as dup-article',
    zh: '「{title}」（此处{here}）与 {at}{there} 的文章重复，相似度 {pct}：按要求保留——bulletin check 会以 dup-article 报告',
  },
  'import-duplicate.page': { en: ', page {page} in the contents', zh: '，目录中为第 {page} 页' },
  'import-heading': {
    en: '「{text}」 is set bold on a line of its own: taken for a heading (##) though it has no number',
    zh: '「{text}」是单独一行的粗体：虽然没有编号，仍当作标题（##）',
  },
  'import-lead': {
    en: '{count} paragraphs in a row open with a short sentence of one shape (「{sentence}」): set as bold run-in leads',
    zh: '连续 {count} 段都以同一格式的短句开头（「{sentence}」）：排成粗体段首小标题',
  },
  'import-join': {
    en: 'joined 「…{end}」 + 「{text}」: a paragraph broken by a page end',
    zh: '已把「…{end}」和「{text}」接上：这是被分页断开的一段',
  },
  'import-join.guess': {
    en: 'joined to the paragraph before, which ends without a stop (「…{end}」); 「{text}」 could open a paragraph of its own — a page end is the guess',
    zh: '已接到前一段上，前一段末尾没有句号（「…{end}」）；「{text}」也可能是新的一段——推断为分页断开',
  },
  'import-join.page': {
    en: 'joined to the paragraph on page {page}, whose last line fills the measure; 「{text}」 may start a paragraph of its own',
    zh: '已接到第 {page} 页的那一段上（其末行排满）；「{text}」也可能是新的一段',
  },
  'import-image': {
    en: 'picture {n} is {type}, which the build cannot print (PNG or JPEG): left out — save it as PNG and add it to images/',
    zh: '第 {n} 张图片是 {type}，排版无法印出（只能是 PNG 或 JPEG）：未收入——请存为 PNG 并放进 images/',
  },
  'import-docx': { en: '{detail}', zh: 'Word 文件读取提示：{detail}' },
  'import-footnote': { en: 'footnote {n} has no text in the document', zh: '文档中第 {n} 个脚注没有内容' },
  'import-masthead': {
    en: 'a line of the masthead not understood, left out: 「{text}」',
    zh: '报头中有一行无法识别，未收入：「{text}」',
  },
  'import-publisher': {
    en: "the colophon names 「{colophon}」, the masthead 「{masthead}」: kept the masthead's",
    zh: '版权栏写的是「{colophon}」，报头写的是「{masthead}」：采用报头的',
  },
  'import-colophon': {
    en: 'a colophon line issue.yaml has no place for, left out: 「{text}」',
    zh: '版权栏中有一行在 issue.yaml 里没有对应位置，未收入：「{text}」',
  },
  'import-running-head': {
    en: '「{text}」 repeats at the edge of {pages} pages: taken for a running head and left out',
    zh: '「{text}」在 {pages} 页的边上重复出现：当作页眉，未收入',
  },
  'import-meta.year.folder': {
    en: 'the issue line (2023 年第 6 期) was not found: year {year} from the folder name — check issue.yaml',
    zh: '没有找到期号行（2023 年第 6 期）：年份 {year} 取自文件夹名——请核对 issue.yaml',
  },
  'import-meta.year.date': {
    en: 'the issue line (2023 年第 6 期) was not found: year {year} from the date — check issue.yaml',
    zh: '没有找到期号行（2023 年第 6 期）：年份 {year} 取自日期——请核对 issue.yaml',
  },
  'import-meta.year.now': {
    en: 'the issue line (2023 年第 6 期) was not found: year {year} is this year — check issue.yaml',
    zh: '没有找到期号行（2023 年第 6 期）：年份 {year} 是今年——请核对 issue.yaml',
  },
  'import-meta.number.folder': {
    en: "the issue's number was not found: {number} is the folder's month — check issue.yaml",
    zh: '没有找到期号：{number} 是文件夹名中的月份——请核对 issue.yaml',
  },
  'import-meta.number.guess': {
    en: "the issue's number was not found: {number} is a guess — check issue.yaml",
    zh: '没有找到期号：{number} 是推测的——请核对 issue.yaml',
  },
  'import-meta.date.folder': {
    en: "the masthead prints no date: {date} is the last weekday of {month} (the folder's month) — put the date it was issued in issue.yaml",
    zh: '报头没有印日期：{date} 是 {month}（文件夹名中的月份）的最后一个工作日——请在 issue.yaml 中写上实际印发日期',
  },
  'import-meta.date.number': {
    en: 'the masthead prints no date: {date} is the last weekday of {month} (taking the number for the month) — put the date it was issued in issue.yaml',
    zh: '报头没有印日期：{date} 是 {month}（把期号当作月份）的最后一个工作日——请在 issue.yaml 中写上实际印发日期',
  },
  'import-meta.title': {
    en: "the bulletin's name was not found in the masthead: wrote {placeholder} in issue.yaml",
    zh: '报头中没有找到刊名：issue.yaml 中暂写“{placeholder}”',
  },
  'import-meta.field': {
    en: '{what} not found: wrote {placeholder} in issue.yaml — fill it in',
    zh: '没有找到{what}：issue.yaml 中暂写“{placeholder}”——请补上',
  },
  'import-meta.field.publisher': { en: 'the editing unit (masthead or colophon)', zh: '编印单位（报头或版权栏）' },
  'import-meta.field.editor': { en: 'the editor (编辑：…, colophon)', zh: '编辑（版权栏中的“编辑：…”）' },
  'import-meta.field.phone': { en: 'the phone number (电话：…, colophon)', zh: '电话（版权栏中的“电话：…”）' },

  // ── template values (template/options.ts, template/sizes.ts) ─────────────────────────
  'size.not-a-size': { en: '"{text}" is not a size', zh: '“{text}”不是字号或长度' },
  'size.chinese.fix': { en: 'write a Chinese size such as {near} ({sizes})', zh: '请写中文字号，如 {near}（{sizes}）' },
  'size.fix': {
    en: 'write a number of pt, a length (37mm, 1.5cm, 0.5in, 12pt) or a Chinese size (初号 … 八号, 小四)',
    zh: '请写磅数、长度（37mm、1.5cm、0.5in、12pt）或中文字号（初号……八号、小四）',
  },
  'colour.not-a-colour': { en: '"{text}" is not a colour', zh: '“{text}”不是颜色' },
  'colour.fix': {
    en: 'write #rrggbb, cmyk(c,m,y,k) in per cent, or both',
    zh: '请写 #rrggbb、以百分数表示的 cmyk(c,m,y,k)，或两者都写',
  },
  'placeholder.unknown': { en: '{name} is not a placeholder here', zh: '这里不能用 {name} 这个占位符' },
  'placeholder.unknown.fix': { en: 'use {allowed}', zh: '可用的有：{allowed}' },
  'placeholder.missing': { en: '"{text}" lacks {name}', zh: '“{text}”中缺少 {name}' },
  'placeholder.missing.fix': {
    en: 'write {name} where it goes, or "" for nothing',
    zh: '请在相应位置写 {name}，或写 "" 表示不要',
  },
  'marks.empty': { en: 'must be a list of one or more marks', zh: '应为含一个或多个符号的列表' },
  'marks.empty.fix': { en: 'write e.g. ["•", "◦"]', zh: '例如写 ["•", "◦"]' },
  'font-missing.file': {
    en: 'the font file of role "{role}" is missing: {path}',
    zh: '字体角色“{role}”的字体文件不存在：{path}',
  },
  'font-missing.file.fix': {
    en: 'run npm ci, or correct fonts/fonts.yaml',
    zh: '请运行 npm ci，或改正 fonts/fonts.yaml',
  },

  // ── a reprint against its record (archive/reprint.ts) ─────────────────────────────────
  'reprint.gone': { en: '{path}: no longer read (was sha256 {was}…)', zh: '{path}：已不再读取（原 sha256 {was}…）' },
  'reprint.changed': { en: '{path}: changed (sha256 {was}… → {now}…)', zh: '{path}：有改动（sha256 {was}… → {now}…）' },
  'reprint.new': { en: '{path}: new (sha256 {now}…)', zh: '{path}：新增（sha256 {now}…）' },
  'reprint.template': { en: 'template: {was} → {now}', zh: '模板：{was} → {now}' },
  'reprint.option': { en: 'template option {key}: {was} → {now}', zh: '模板选项 {key}：{was} → {now}' },
  'reprint.none': { en: '(none)', zh: '（无）' },
  'reprint.not-recorded': { en: '(not recorded)', zh: '（未记录）' },
  'reprint.fonts-manifest': {
    en: '{path}: changed (font roles or files re-assigned)',
    zh: '{path}：有改动（字体用途或文件另有指定）',
  },
  'reprint.font.unused': { en: 'font {role} ({file}): no longer used', zh: '字体 {role}（{file}）：已不再使用' },
  'reprint.font.moved': {
    en: 'font {role}: {was} → {now} (the same font, moved)',
    zh: '字体 {role}：{was} → {now}（同一字体，换了位置）',
  },
  'reprint.font.other': {
    en: 'font {role}: {was} → {now} (sha256 {wasSha}… → {nowSha}…)',
    zh: '字体 {role}：{was} → {now}（sha256 {wasSha}… → {nowSha}…）',
  },
  'reprint.font.changed': {
    en: 'font {role} ({file}): the file changed (sha256 {wasSha}… → {nowSha}…, {wasBytes} → {nowBytes} bytes)',
    zh: '字体 {role}（{file}）：文件有改动（sha256 {wasSha}… → {nowSha}…，{wasBytes} → {nowBytes} 字节）',
  },
  'reprint.font.new': {
    en: 'font {role} ({file}): used now, not before',
    zh: '字体 {role}（{file}）：现在用到，以前没有',
  },
  'reprint.tool': { en: '{tool}: {was} → {now}', zh: '{tool}：{was} → {now}' },
  'reprint.pages': { en: 'pages: {was} → {now}', zh: '页数：{was} → {now}' },
  'reprint.differ': { en: 'pages that differ: {pages}', zh: '不同的页：{pages}' },
  'reprint.differ.one': { en: 'page that differs: {pages}', zh: '不同的页：{pages}' },
  'reprint.pdf': {
    en: 'PDF: sha256 {was}… → {now}… ({wasBytes} → {nowBytes} bytes)',
    zh: 'PDF：sha256 {was}… → {now}…（{wasBytes} → {nowBytes} 字节）',
  },
  'reprint.pdf.same-pages': {
    en: 'PDF: sha256 {was}… → {now}… ({wasBytes} → {nowBytes} bytes); every page draws the same',
    zh: 'PDF：sha256 {was}… → {now}…（{wasBytes} → {nowBytes} 字节）；每一页画出的内容都相同',
  },
  'reprint.strict.template-missing': { en: 'template file {path} is missing', zh: '模板文件 {path} 不见了' },
  'reprint.strict.template-changed': {
    en: 'template file {path} is not the one recorded (sha256 {sha}…)',
    zh: '模板文件 {path} 已不是记录中的那个（sha256 {sha}…）',
  },
  'reprint.strict.font-missing': { en: 'font {role} ({file}) is missing', zh: '字体 {role}（{file}）不见了' },
  'reprint.strict.font-changed': {
    en: 'font {role} ({file}) is not the one recorded (sha256 {sha}…)',
    zh: '字体 {role}（{file}）已不是记录中的那个（sha256 {sha}…）',
  },

  // ── bulletin fonts (fonts/report.ts) ──────────────────────────────────────────────────
  'fonts.roles': { en: 'Font roles (fonts/fonts.yaml):', zh: '字体用途（fonts/fonts.yaml）：' },
  'fonts.system': { en: 'system', zh: '系统' },
  'fonts.han': { en: 'Han: {coverage}', zh: '汉字：{coverage}' },
  'fonts.none': { en: 'none', zh: '无' },
  'fonts.substitute': { en: 'not installed ({wanted}); set in {role} instead', zh: '未安装（{wanted}）；改用 {role}' },
  'fonts.not-found': { en: 'not found: {why}', zh: '找不到：{why}' },
  'fonts.template': { en: 'Template {template}:', zh: '模板 {template}：' },
  'fonts.brackets': { en: '(in brackets: not installed, passed over)', zh: '（括号中的：未安装，跳过）' },
  'fonts.found': {
    en: 'Fonts found: fonts/local/ {local} ({localUsable} usable), system {system} ({systemUsable} usable TrueType; OpenType/CFF and collections are passed over)',
    zh: '找到的字体：fonts/local/ 中 {local} 个（可用 {localUsable} 个），系统中 {system} 个（可用的 TrueType {systemUsable} 个；OpenType/CFF 和字体集跳过）',
  },
  'fonts.issue': {
    en: 'Issue {dir}: {chars} distinct characters (ASCII apart)',
    zh: '本期 {dir}：共 {chars} 个不同的字（ASCII 除外）',
  },
  'fonts.from': { en: 'from {family} ({role}): {count}', zh: '由 {family}（{role}）印出：{count} 个' },
  'fonts.all-covered': { en: 'every character has a font', zh: '每个字都有字体' },
  'fonts.missing': { en: 'no font has {count}:', zh: '所有字体都没有的字 {count} 个：' },
};

/**
 * Texts declared beside what shows them (a Markdown construct's module, src/constructs/),
 * taken into the catalogue when that module is loaded: before anything it reports is made.
 */
export function addMessages(entries: Record<string, Entry>): void {
  for (const [key, e] of Object.entries(entries)) {
    if (key in MESSAGES) throw new Error(`message ${key} is declared twice`);
    MESSAGES[key] = e;
  }
}
