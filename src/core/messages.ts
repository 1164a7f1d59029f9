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
  'help.build.draft': { en: 'mark every page 样稿 (the template\'s watermark)', zh: '每页加“样稿”水印（模板中设定的水印）' },
  'help.build.quiet': { en: 'print nothing but errors', zh: '只显示错误' },
  'help.build.after': {
    en: 'The PDF is written to a temporary file and renamed: a failed build leaves any earlier PDF\nuntouched. Problems are printed as file:line:col: severity: message (fix).\nOn a terminal, a build that takes more than a second shows its progress on one line.\n\nExit status: 0 built, 1 the input has errors (nothing written), 2 wrong usage.',
    zh: 'PDF 先写入临时文件再改名：排版失败时，原有的 PDF 原样保留。\n问题按“文件:行:列: 级别: 说明（改法）”显示。\n在终端上，排版超过一秒时会在一行里显示进度。\n\n退出码：0 已生成，1 稿件有错误（未写入任何文件），2 用法错误。',
  },

  'help.check.summary': { en: 'proofread an issue before it goes to print', zh: '付印前校对一期简报' },
  'help.check.about': {
    en: 'Proofreads the issue in <issue-dir> before it goes to print: the build\'s own diagnostics\n(issue.yaml, front matter, Markdown, template); duplicate or near-duplicate articles and\nparagraphs, within the issue and against previous issues in the same folder; characters no\nfont can print; punctuation in Chinese text (half-width marks, straight quotes, unbalanced\nquotes and brackets, ... for ……, -- or a lone — for ——, doubled marks, spaces by full-width\nmarks); full-width digits; heading levels; titles too long for the contents; the issue\'s\nnumber and date against its folder and the previous issue.',
    zh: '付印前校对 <issue-dir> 中的这一期：排版本身发现的问题（issue.yaml、文章开头的\n属性、Markdown、模板）；本期内以及与同一文件夹中往期相比重复或近似重复的文章和\n段落；字体印不出的字；中文里的标点（半角标点、直引号、引号和括号不成对、用 ...\n代替……、用 -- 或单个 — 代替——、标点重复、全角标点旁的空格）；全角数字；标题\n层级；目录中放不下的长标题；期号和日期与文件夹名及上一期是否一致。',
  },
  'help.check.json': { en: 'print one JSON document: {diagnostics, errors, warnings}', zh: '输出一个 JSON 文档：{diagnostics, errors, warnings}' },
  'help.check.fix': {
    en: 'apply the safe fixes (punctuation widths, quote pairs, …… and ——,\nstray spaces, digit widths) to the Markdown and print a diff',
    zh: '在 Markdown 中直接改正不会改变原意的问题（标点全半角、引号配对、\n……和——、多余空格、数字全半角），并显示改动',
  },
  'help.check.max-warnings': { en: 'exit 1 when there are more than n warnings (for CI)', zh: '警告超过 n 条时以 1 退出（供自动检查用）' },
  'help.check.no-archive': { en: 'do not compare with previous issues', zh: '不与往期比对' },
  'help.check.color': { en: 'colour the report (default: on a terminal, unless NO_COLOR is set)', zh: '报告用彩色显示（默认：在终端上显示彩色，设了 NO_COLOR 时除外）' },
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
  'help.preview.port': { en: 'port to listen on (default 4800, or the next free one; 0: any)', zh: '监听的端口（默认 4800，被占用时顺延；0 表示任意）' },
  'help.preview.open': { en: 'open the preview in the system\'s browser', zh: '用系统浏览器打开预览' },
  'help.preview.host': {
    en: 'listen on this address instead of 127.0.0.1, e.g. 0.0.0.0 to let\nothers on the office network look (anyone who can reach this\nmachine can then read the issue)',
    zh: '监听此地址而不是 127.0.0.1，例如 0.0.0.0 可让办公网内的\n同事查看（此时凡能访问本机的人都能看到本期内容）',
  },
  'help.preview.no-watermark': { en: 'pages without the 样稿 watermark', zh: '页面不加“样稿”水印' },
  'help.preview.after': { en: 'Stop it with Ctrl+C.', zh: '按 Ctrl+C 停止。' },

  // ── command line: usage errors ─────────────────────────────────────────────────────────
  'usage.unknown-command': { en: 'unknown command "{command}"', zh: '没有“{command}”这个命令' },
  'usage.unknown-command.hint': { en: 'unknown command "{command}"; did you mean "{hint}"?', zh: '没有“{command}”这个命令；是不是要用“{hint}”？' },
  'usage.unknown-option': { en: 'unknown option {option}', zh: '没有 {option} 这个选项' },
  'usage.unknown-option.hint': { en: 'unknown option {option}; did you mean {hint}?', zh: '没有 {option} 这个选项；是不是要用 {hint}？' },
  'usage.needs-value': { en: '{option} needs a value: {option} <{value}>', zh: '{option} 后面要跟一个值：{option} <{value}>' },
  'usage.no-value': { en: '{option} takes no value', zh: '{option} 后面不跟值' },
  'usage.bad-arguments': { en: 'cannot read the arguments: {args}', zh: '无法识别这些参数：{args}' },
  'usage.count': { en: '{option} needs a whole number, e.g. {option} 0, not "{value}"', zh: '{option} 后面要跟一个非负整数，例如 {option} 0，而不是“{value}”' },
  'usage.port': { en: '{option} needs a port number (0–65535), not "{value}"', zh: '{option} 后面要跟端口号（0–65535），而不是“{value}”' },
  'usage.lang': { en: '{option} takes en or zh, not "{value}"', zh: '{option} 只能是 en 或 zh，而不是“{value}”' },
  'usage.empty': { en: '{option} needs a value', zh: '{option} 后面要跟一个值' },
  'usage.needs-folder': { en: '{command} needs an issue folder, e.g. bulletin {command} issues/2023-06', zh: '{command} 需要指定一期的文件夹，例如 bulletin {command} issues/2023-06' },
  'usage.unexpected': { en: 'unexpected argument {arg}', zh: '多余的参数 {arg}' },

  // ── command line: results and failures ────────────────────────────────────────────────
  'cli.internal': { en: 'internal error: {detail}', zh: '程序内部错误：{detail}' },
  'cli.severity.error': { en: 'error', zh: '错误' },
  'cli.severity.warning': { en: 'warning', zh: '警告' },
  'cli.severity.note': { en: 'note', zh: '提示' },
  'cli.more-not-shown': { en: '… and {count} more {severity}s [{code}] not shown', zh: '……另有 {count} 条{severity} [{code}] 未显示' },
  'cli.more-not-shown.one': { en: '… and 1 more {severity} [{code}] not shown', zh: '……另有 1 条{severity} [{code}] 未显示' },
  'cli.all-listed-json': { en: '{line} (bulletin check --json lists them all)', zh: '{line}（bulletin check --json 可列出全部）' },
  'cli.stdout-terminal': {
    en: 'standard output is a terminal, where a PDF would print as noise (send it to a file or a program: bulletin build {dir} -o - > {name}.pdf)',
    zh: '标准输出是终端，PDF 输出到这里只会显示成乱码（请输出到文件或其他程序：bulletin build {dir} -o - > {name}.pdf）',
  },
  'cli.output-refused': { en: 'cannot write the PDF here: {why} ({fix}); nothing written', zh: '不能把 PDF 写到这里：{why}（{fix}）；未写入任何文件' },
  'cli.stdout-failed': { en: 'the PDF could not be written to standard output: {why}', zh: 'PDF 无法输出到标准输出：{why}' },
  'cli.write-failed': { en: 'cannot write the PDF: {why} (choose another place with -o); any earlier PDF there is untouched', zh: '无法写入 PDF：{why}（请用 -o 另选位置）；那里原有的 PDF 未受影响' },
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
  'cli.built': { en: '{output}: {pages} pages, {kb} KB, {secs} s', zh: '{output}：共 {pages} 页，{kb} KB，用时 {secs} 秒' },
  'cli.failed': { en: '{dir}: {count} errors; nothing written', zh: '{dir}：{count} 处错误；未写入任何文件' },
  'cli.failed.one': { en: '{dir}: 1 error; nothing written', zh: '{dir}：1 处错误；未写入任何文件' },

  // ── where the PDF may go (output.ts) ───────────────────────────────────────────────────
  'output.elsewhere': { en: 'write it outside the issue folder, e.g. -o {path}', zh: '请写到本期文件夹之外，例如 -o {path}' },
  'output.names-folder': { en: 'this names a folder, not a file', zh: '这是文件夹名，不是文件名' },
  'output.give-file': { en: 'give a file name, e.g. -o {path}', zh: '请给出文件名，例如 -o {path}' },
  'output.symlink': {
    en: 'this is a symbolic link: writing the PDF (a new file renamed into place) would replace the link',
    zh: '这是一个符号链接：写入 PDF（先写新文件再改名）会把链接本身替换掉',
  },
  'output.symlink.fix': { en: 'give the path of the file it points to, or remove the link', zh: '请给出链接所指文件的路径，或先删除这个链接' },
  'output.folder': { en: 'this is a folder, not a file', zh: '这是文件夹，不是文件' },
  'output.special': { en: 'this is {what}, not a file', zh: '这是{what}，不是普通文件' },
  'output.special.fifo': { en: 'a FIFO (named pipe)', zh: '命名管道（FIFO）' },
  'output.special.socket': { en: 'a socket', zh: '套接字' },
  'output.special.device': { en: 'a device', zh: '设备' },
  'output.special.fix': { en: 'give the name of an ordinary file; -o - writes the PDF to standard output', zh: '请给出普通文件的名称；-o - 可把 PDF 输出到标准输出' },
  'output.inside-issue': {
    en: "this is inside the issue folder {name}: the build never writes among the issue's sources",
    zh: '这在本期文件夹 {name} 之内：排版从不往稿件所在处写文件',
  },
  'output.not-pdf': { en: 'this file exists and is not a PDF: it is not replaced', zh: '这个文件已存在且不是 PDF，不会被替换' },
  'output.not-pdf.fix': { en: 'remove it first if it is to go, or choose another name', zh: '如确实不要，请先删除它，或另起一个文件名' },
  'output.file-in-path': { en: '{path} is a file, so nothing can be written under it', zh: '{path} 是文件，其下无法再写入任何内容' },
  'output.file-in-path.fix': { en: 'choose another place with -o', zh: '请用 -o 另选位置' },

  // ── progress line (cli/progress.ts) ───────────────────────────────────────────────────
  'progress.load': { en: 'reading the issue', zh: '正在读取稿件' },
  'progress.compose': { en: 'setting', zh: '正在排文章' },
  'progress.paginate': { en: 'making pages', zh: '正在分页' },
  'progress.check': { en: 'proofreading', zh: '正在校对' },
  'progress.render': { en: 'writing the PDF', zh: '正在生成 PDF' },
  'progress.pages': { en: '{pages} pages so far', zh: '已排 {pages} 页' },
  'check-failed': { en: 'the proofreading checks failed: {detail}', zh: '校对检查出错：{detail}' },
  'check-failed.fix': { en: 'run bulletin check on the issue, and report this with the input', zh: '请对本期运行 bulletin check，并把这一情况连同稿件报告给维护人员' },

  // ── bulletin check: the command's own lines ───────────────────────────────────────────
  'check.fix.changed': { en: '{file} changed while it was checked; not fixed', zh: '{file} 在校对期间被改动过，未作修改' },
  'check.fixed': { en: 'fixed {problems} in {files}', zh: '已改正 {files}中的 {problems}' },
  'check.problems': { en: '{n} problems', zh: '{n} 处问题' },
  'check.problems.one': { en: '1 problem', zh: '1 处问题' },
  'check.files': { en: '{n} files', zh: '{n} 个文件' },
  'check.files.one': { en: '1 file', zh: '1 个文件' },
  'check.nothing-to-fix': { en: 'nothing to fix', zh: '没有可自动改正的问题' },
  'check.too-many-warnings': { en: '{count} warnings: more than --max-warnings {max}', zh: '共 {count} 条警告，超过了 --max-warnings {max}' },
  'fix-failed': { en: 'cannot write the fixes: {why}; the file is unchanged', zh: '无法写入改动：{why}；文件未作改动' },
  'fix-failed.fix.permission': { en: 'make the file and its folder writable (chmod u+w {folder}), or fix it by hand', zh: '请让文件及其所在文件夹可写（chmod u+w {folder}），或手工改正' },
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
  'report.summary.fixable': { en: '{label}: {errors}, {warnings} ({fixable} fixable with --fix)', zh: '{label}：{errors}，{warnings}（其中 {fixable} 处可用 --fix 自动改正）' },

  // ── bulletin preview: the terminal's side ─────────────────────────────────────────────
  'preview.no-folder': { en: 'no such issue folder (give the path of a folder holding issue.yaml and articles/)', zh: '没有这个文件夹（请给出含有 issue.yaml 和 articles/ 的文件夹路径）' },
  'preview.no-browser': { en: 'could not open a browser; open {url} yourself', zh: '无法打开浏览器；请自行打开 {url}' },
  'preview.first': { en: 'first build:', zh: '首次排版：' },
  'preview.after': { en: '{changed} →', zh: '{changed} →' },
  'preview.changed': { en: 'changed', zh: '有改动' },
  'preview.built': { en: '{pages} pages in {ms} ms', zh: '{pages} 页，用时 {ms} 毫秒' },
  'preview.warnings': { en: ', {n} warnings', zh: '，{n} 条警告' },
  'preview.warnings.one': { en: ', 1 warning', zh: '，1 条警告' },
  'preview.failed.kept': { en: '{errors}; the last good pages stay on screen', zh: '{errors}；屏幕上仍显示上一次排好的页面' },
  'preview.failed.none': { en: '{errors}; no pages yet', zh: '{errors}；还没有排出页面' },
  'preview.port-in-use': { en: 'port {port} is in use (choose another with --port)', zh: '端口 {port} 已被占用（请用 --port 另选）' },
  'preview.no-address': { en: 'cannot listen on {host}: no such address on this machine (see --host)', zh: '无法监听 {host}：本机没有这个地址（见 --host）' },
  'preview.port-denied': { en: 'not allowed to listen on port {port} (choose one above 1024 with --port)', zh: '无权监听端口 {port}（请用 --port 选 1024 以上的端口）' },
  'preview.serving': { en: '{issue} at {url}', zh: '{issue} 的预览地址：{url}' },
  'preview.open-host': { en: 'listening on {host}: anyone who can reach this machine on port {port} can read the issue', zh: '正在监听 {host}：凡能访问本机 {port} 端口的人都能看到本期内容' },
  'preview.watching': { en: 'watching the issue folder, the templates and fonts/fonts.yaml; Ctrl+C to stop', zh: '正在监视本期文件夹、模板和 fonts/fonts.yaml；按 Ctrl+C 停止' },
};
