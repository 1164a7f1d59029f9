// One whole build in a fresh process, as the command does it; reports its own figures.
import { readFileSync } from 'node:fs';
import { main } from '../lib/bulletin.mjs';

const [issue, out] = process.argv.slice(2);
const code = await main(['build', issue, '-o', out, '--quiet']);
if (code !== 0) process.exit(code);
const pdf = readFileSync(out);
const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
process.stdout.write(JSON.stringify({ pages, bytes: pdf.length, maxRSS: process.resourceUsage().maxRSS }));
