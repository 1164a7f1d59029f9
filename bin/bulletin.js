#!/usr/bin/env node
// The command line, from the one-file build (scripts/bundle.mjs) that npm run build makes.
import { main } from '../lib/bulletin.mjs';

process.exitCode = await main(process.argv.slice(2));
