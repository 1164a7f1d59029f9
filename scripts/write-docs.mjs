#!/usr/bin/env node
// Writes the files generated from declarations in the code: the template reference and the
// default template. `npm run docs`; tests fail when these files are out of date.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultTemplateYaml, referenceMarkdown } from '../lib/template/reference.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, 'templates', 'README.md'), referenceMarkdown());
writeFileSync(join(root, 'templates', 'default', 'template.yaml'), defaultTemplateYaml());
console.log('wrote templates/README.md and templates/default/template.yaml');
