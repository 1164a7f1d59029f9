// A scratch project root with extra templates: the real fonts and node_modules linked in, the
// default template copied, and the named templates written beside it.
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './build.js';

export function rootWith(templates: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'bulletin-root-'));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  symlinkSync(join(ROOT, 'fonts'), join(root, 'fonts'));
  cpSync(join(ROOT, 'templates', 'default'), join(root, 'templates', 'default'), { recursive: true });
  for (const [name, yaml] of Object.entries(templates)) {
    mkdirSync(join(root, 'templates', name), { recursive: true });
    writeFileSync(join(root, 'templates', name, 'template.yaml'), yaml);
  }
  return root;
}
