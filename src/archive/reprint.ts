// A reprint against its record: what differs between the manifest kept with a back issue
// and the one a rebuild makes now — inputs, template options, fonts, tool, pages, bytes.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { sha256, type Manifest } from './manifest.js';
import { t, type Text } from '../core/text.js';

export interface Difference {
  kind: 'input' | 'template' | 'option' | 'fonts-manifest' | 'font' | 'tool' | 'pages' | 'pdf';
  /** In English; `text` is the same in the catalogue's words, for the reader's language. */
  what: string;
  text: Text;
}

const short = (s: string) => s.slice(0, 12);

function byPath<T extends { path: string }>(list: T[]): Map<string, T> {
  return new Map(list.map((x) => [x.path, x]));
}

/** Everything that differs, inputs first (the causes), then what came out (the effects). */
export function compare(old: Manifest, now: Manifest): Difference[] {
  const out: Difference[] = [];
  const add = (kind: Difference['kind'], text: Text) => out.push({ kind, what: String(text), text });
  const files = (
    kind: Difference['kind'],
    a: { path: string; sha256: string }[],
    b: { path: string; sha256: string }[],
    where: string,
  ) => {
    const was = byPath(a);
    const is = byPath(b);
    for (const [p, r] of was) {
      const n = is.get(p);
      if (!n) add(kind, t('reprint.gone', { path: `${where}${p}`, was: short(r.sha256) }));
      else if (n.sha256 !== r.sha256)
        add(kind, t('reprint.changed', { path: `${where}${p}`, was: short(r.sha256), now: short(n.sha256) }));
    }
    for (const [p, n] of is)
      if (!was.has(p)) add(kind, t('reprint.new', { path: `${where}${p}`, now: short(n.sha256) }));
  };
  files('input', old.inputs, now.inputs, '');
  if (old.template.name !== now.template.name)
    add('template', t('reprint.template', { was: old.template.name, now: now.template.name }));
  files('template', old.template.files, now.template.files, '');
  const keys = new Set([...Object.keys(old.template.options), ...Object.keys(now.template.options)]);
  for (const k of [...keys].sort()) {
    const a = JSON.stringify(old.template.options[k]);
    const b = JSON.stringify(now.template.options[k]);
    if (a !== b)
      add('option', t('reprint.option', { key: k, was: a ?? t('reprint.none'), now: b ?? t('reprint.none') }));
  }
  if (old.fontsManifest.sha256 !== now.fontsManifest.sha256)
    add('fonts-manifest', t('reprint.fonts-manifest', { path: old.fontsManifest.path }));
  const fontsWas = new Map(old.fonts.map((f) => [f.role, f]));
  const fontsIs = new Map(now.fonts.map((f) => [f.role, f]));
  for (const [role, f] of fontsWas) {
    const n = fontsIs.get(role);
    if (!n) add('font', t('reprint.font.unused', { role, file: f.file }));
    else if (n.file !== f.file)
      add(
        'font',
        n.sha256 === f.sha256
          ? t('reprint.font.moved', { role, was: f.file, now: n.file })
          : t('reprint.font.other', {
              role,
              was: f.file,
              now: n.file,
              wasSha: short(f.sha256),
              nowSha: short(n.sha256),
            }),
      );
    else if (n.sha256 !== f.sha256)
      add(
        'font',
        t('reprint.font.changed', {
          role,
          file: f.file,
          wasSha: short(f.sha256),
          nowSha: short(n.sha256),
          wasBytes: f.bytes,
          nowBytes: n.bytes,
        }),
      );
  }
  for (const [role, n] of fontsIs) if (!fontsWas.has(role)) add('font', t('reprint.font.new', { role, file: n.file }));
  for (const k of new Set([...Object.keys(old.tool), ...Object.keys(now.tool)])) {
    if (old.tool[k] !== now.tool[k])
      add(
        'tool',
        t('reprint.tool', {
          tool: k,
          was: old.tool[k] ?? t('reprint.not-recorded'),
          now: now.tool[k] ?? t('reprint.none'),
        }),
      );
  }
  const differ: number[] = [];
  const n = Math.max(old.pages.length, now.pages.length);
  for (let i = 0; i < n; i++) if (old.pages[i]?.sha256 !== now.pages[i]?.sha256) differ.push(i + 1);
  if (old.pages.length !== now.pages.length)
    add('pages', t('reprint.pages', { was: old.pages.length, now: now.pages.length }));
  if (differ.length)
    add('pages', t(differ.length === 1 ? 'reprint.differ.one' : 'reprint.differ', { pages: ranges(differ) }));
  if (old.pdf.sha256 !== now.pdf.sha256)
    add(
      'pdf',
      t(differ.length ? 'reprint.pdf' : 'reprint.pdf.same-pages', {
        was: short(old.pdf.sha256),
        now: short(now.pdf.sha256),
        wasBytes: old.pdf.bytes,
        nowBytes: now.pdf.bytes,
      }),
    );
  return out;
}

/** 1, 2, 3, 5 → "1–3, 5". */
export function ranges(ns: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ns.length; i++) {
    let j = i;
    while (j + 1 < ns.length && ns[j + 1] === ns[j] + 1) j++;
    parts.push(j > i ? `${ns[i]}–${ns[j]}` : String(ns[i]));
    i = j;
  }
  return parts.join(', ');
}

/**
 * What --strict refuses to substitute: a recorded template file or font file that is gone or
 * is no longer the recorded one.
 */
export function unavailable(m: Manifest, root: string): string[] {
  return unavailableTexts(m, root).map(String);
}

/** The same, in the catalogue's words. */
export function unavailableTexts(m: Manifest, root: string): Text[] {
  const out: Text[] = [];
  for (const tf of m.template.files) {
    const file = join(root, tf.path);
    if (!existsSync(file)) out.push(t('reprint.strict.template-missing', { path: tf.path }));
    else if (sha256(readFileSync(file)) !== tf.sha256)
      out.push(t('reprint.strict.template-changed', { path: tf.path, sha: short(tf.sha256) }));
  }
  for (const f of m.fonts) {
    const file = isAbsolute(f.file) ? f.file : join(root, f.file);
    if (!existsSync(file)) out.push(t('reprint.strict.font-missing', { role: f.role, file: f.file }));
    else if (sha256(readFileSync(file)) !== f.sha256)
      out.push(t('reprint.strict.font-changed', { role: f.role, file: f.file, sha: short(f.sha256) }));
  }
  return out;
}
