// Bad input as an editor's machine makes it: files in other encodings, pictures far too large,
// links, FIFOs, a project copy whose template or fonts are damaged, and a way to run the
// command as an ordinary user (permissions mean nothing to root).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeflate } from 'node:zlib';
import { ROOT } from './build.js';

export const ISSUE_YAML = `title: 科技情报参考
year: 2023
number: 6
date: 2023-06-30
publisher: 呼和浩特市科学技术局综合保障中心
editor: 李涛
phone: "4366683"
`;

export const ARTICLE_A = `---
title: 第一篇文章
source: 测试来源
---

第一篇文章的第一段，写了一些文字[^1]。

第一篇文章的第二段，也写了一些文字。

[^1]: 第一篇的脚注。
`;

export const ARTICLE_B = `---
title: 第二篇文章
---

第二篇文章的正文，只有一段。
`;

/** A fresh issue folder named for its month, alone in a temporary folder (no back issues beside it). */
export function baseIssue(): { dir: string; tmp: string } {
  const tmp = mkdtempSync(join(tmpdir(), 'bulletin-bad-'));
  const dir = join(tmp, '2023-06');
  mkdirSync(join(dir, 'articles'), { recursive: true });
  writeFileSync(join(dir, 'issue.yaml'), ISSUE_YAML);
  writeFileSync(join(dir, 'articles', '01-a.md'), ARTICLE_A);
  writeFileSync(join(dir, 'articles', '02-b.md'), ARTICLE_B);
  return { dir, tmp };
}

/** A copy of the project (compiled code, templates, font manifest) whose files a test may damage. */
export function projectCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'bulletin-project-'));
  for (const d of ['lib', 'bin', 'templates']) cpSync(join(ROOT, d), join(root, d), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  mkdirSync(join(root, 'fonts'));
  cpSync(join(ROOT, 'fonts', 'fonts.yaml'), join(root, 'fonts', 'fonts.yaml'));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  return root;
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: Buffer;
  err: string;
}

/** Runs bin/bulletin.js of `root`; as an ordinary user (nobody) when `user` is set and we are root. */
export function runBulletin(root: string, args: string[], cwd: string, user = false): Promise<Run> {
  const node = process.execPath;
  const bin = join(root, 'bin', 'bulletin.js');
  const [cmd, argv] =
    user && process.getuid?.() === 0
      ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', node, bin, ...args]]
      : [node, [bin, ...args]];
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    // Nothing here may hang (a FIFO read or written would): a minute is far more than any case needs.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out: Buffer.concat(out), err: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** Whether tests can run the command as a user whom permissions bind. */
export function canDropPrivileges(): boolean {
  if (process.getuid?.() !== 0) return true;
  return spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']).status === 0;
}

/** Opens the folders of a test to an ordinary user (temporary folders are made private). */
export function openTo(user: boolean, ...dirs: string[]): void {
  if (!user) return;
  for (const d of dirs) chmodSync(d, 0o777);
}

// --- encodings

let gbkTable: Map<string, number> | undefined;

/** Text in GBK, as a Windows editor saves Chinese (the decoder's table, read backwards). */
export function gbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(Buffer.from([a, b]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, (a << 8) | b);
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else {
      const code = gbkTable.get(ch);
      if (code === undefined) throw new Error(`no GBK code for ${ch}`);
      bytes.push(code >> 8, code & 0xff);
    }
  }
  return Buffer.from(bytes);
}

export function utf16(text: string, order: 'le' | 'be', bom = true): Buffer {
  const le = Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
  return order === 'le' ? le : Buffer.from(le).swap16();
}

// --- pictures

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * A real PNG of w × h pixels (colour type 0 grey, 2 RGB, 6 RGBA), every row compressed as a
 * program saves it, streamed so that even a picture of a gigabyte costs the test little memory.
 */
export async function png(path: string, w: number, h: number, colorType: 0 | 2 | 6, depth = 8): Promise<void> {
  const row = Buffer.alloc(1 + Math.ceil((w * CHANNELS[colorType] * depth) / 8), 0x40);
  row[0] = 0;
  const z = createDeflate({ level: 1 });
  const parts: Buffer[] = [];
  z.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise((r) => z.on('end', r));
  for (let y = 0; y < h; y++) if (!z.write(row)) await new Promise((r) => z.once('drain', r));
  z.end();
  await done;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = depth;
  ihdr[9] = colorType;
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', Buffer.concat(parts)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

/** The head of a baseline JPEG that says it is w × h pixels (a camera's panorama). */
export function jpegHead(w: number, h: number): Buffer {
  const jfif = Buffer.from([
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x01, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00,
  ]);
  const sof = Buffer.from([
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    h >> 8,
    h & 0xff,
    w >> 8,
    w & 0xff,
    0x03,
    0x01,
    0x22,
    0x00,
    0x02,
    0x11,
    0x01,
    0x03,
    0x11,
    0x01,
  ]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jfif,
    sof,
    Buffer.from([0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00]),
    Buffer.alloc(1024, 0x55),
    Buffer.from([0xff, 0xd9]),
  ]);
}
