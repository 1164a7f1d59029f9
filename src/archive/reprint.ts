// A reprint against its record: what differs between the manifest kept with a back issue
// and the one a rebuild makes now — inputs, template options, fonts, tool, pages, bytes.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { sha256, type Manifest } from './manifest.js';

export interface Difference {
  kind: 'input' | 'template' | 'option' | 'fonts-manifest' | 'font' | 'tool' | 'pages' | 'pdf';
  what: string;
}

const short = (s: string) => s.slice(0, 12);

function byPath<T extends { path: string }>(list: T[]): Map<string, T> {
  return new Map(list.map((x) => [x.path, x]));
}

/** Everything that differs, inputs first (the causes), then what came out (the effects). */
export function compare(old: Manifest, now: Manifest): Difference[] {
  const out: Difference[] = [];
  const files = (kind: Difference['kind'], a: { path: string; sha256: string }[], b: { path: string; sha256: string }[], where: string) => {
    const was = byPath(a);
    const is = byPath(b);
    for (const [p, r] of was) {
      const n = is.get(p);
      if (!n) out.push({ kind, what: `${where}${p}: no longer read (was sha256 ${short(r.sha256)}…)` });
      else if (n.sha256 !== r.sha256) out.push({ kind, what: `${where}${p}: changed (sha256 ${short(r.sha256)}… → ${short(n.sha256)}…)` });
    }
    for (const [p, n] of is) if (!was.has(p)) out.push({ kind, what: `${where}${p}: new (sha256 ${short(n.sha256)}…)` });
  };
  files('input', old.inputs, now.inputs, '');
  if (old.template.name !== now.template.name) out.push({ kind: 'template', what: `template: ${old.template.name} → ${now.template.name}` });
  files('template', old.template.files, now.template.files, '');
  const keys = new Set([...Object.keys(old.template.options), ...Object.keys(now.template.options)]);
  for (const k of [...keys].sort()) {
    const a = JSON.stringify(old.template.options[k]);
    const b = JSON.stringify(now.template.options[k]);
    if (a !== b) out.push({ kind: 'option', what: `template option ${k}: ${a ?? '(none)'} → ${b ?? '(none)'}` });
  }
  if (old.fontsManifest.sha256 !== now.fontsManifest.sha256) out.push({ kind: 'fonts-manifest', what: `${old.fontsManifest.path}: changed (font roles or files re-assigned)` });
  const fontsWas = new Map(old.fonts.map((f) => [f.role, f]));
  const fontsIs = new Map(now.fonts.map((f) => [f.role, f]));
  for (const [role, f] of fontsWas) {
    const n = fontsIs.get(role);
    if (!n) out.push({ kind: 'font', what: `font ${role} (${f.file}): no longer used` });
    else if (n.file !== f.file) out.push({ kind: 'font', what: `font ${role}: ${f.file} → ${n.file}${n.sha256 === f.sha256 ? ' (the same font, moved)' : ` (sha256 ${short(f.sha256)}… → ${short(n.sha256)}…)`}` });
    else if (n.sha256 !== f.sha256) out.push({ kind: 'font', what: `font ${role} (${f.file}): the file changed (sha256 ${short(f.sha256)}… → ${short(n.sha256)}…, ${f.bytes} → ${n.bytes} bytes)` });
  }
  for (const [role, n] of fontsIs) if (!fontsWas.has(role)) out.push({ kind: 'font', what: `font ${role} (${n.file}): used now, not before` });
  for (const k of new Set([...Object.keys(old.tool), ...Object.keys(now.tool)])) {
    if (old.tool[k] !== now.tool[k]) out.push({ kind: 'tool', what: `${k}: ${old.tool[k] ?? '(not recorded)'} → ${now.tool[k] ?? '(none)'}` });
  }
  const differ: number[] = [];
  const n = Math.max(old.pages.length, now.pages.length);
  for (let i = 0; i < n; i++) if (old.pages[i]?.sha256 !== now.pages[i]?.sha256) differ.push(i + 1);
  if (old.pages.length !== now.pages.length) out.push({ kind: 'pages', what: `pages: ${old.pages.length} → ${now.pages.length}` });
  if (differ.length) out.push({ kind: 'pages', what: `${differ.length === 1 ? 'page that differs' : 'pages that differ'}: ${ranges(differ)}` });
  if (old.pdf.sha256 !== now.pdf.sha256) out.push({ kind: 'pdf', what: `PDF: sha256 ${short(old.pdf.sha256)}… → ${short(now.pdf.sha256)}… (${old.pdf.bytes} → ${now.pdf.bytes} bytes)${differ.length ? '' : '; every page draws the same'}` });
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
  const out: string[] = [];
  for (const t of m.template.files) {
    const file = join(root, t.path);
    if (!existsSync(file)) out.push(`template file ${t.path} is missing`);
    else if (sha256(readFileSync(file)) !== t.sha256) out.push(`template file ${t.path} is not the one recorded (sha256 ${short(t.sha256)}…)`);
  }
  for (const f of m.fonts) {
    const file = isAbsolute(f.file) ? f.file : join(root, f.file);
    if (!existsSync(file)) out.push(`font ${f.role} (${f.file}) is missing`);
    else if (sha256(readFileSync(file)) !== f.sha256) out.push(`font ${f.role} (${f.file}) is not the one recorded (sha256 ${short(f.sha256)}…)`);
  }
  return out;
}
