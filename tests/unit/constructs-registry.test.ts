// The registry of Markdown constructs (src/constructs/index.ts) holds together: each entry
// under its own kind, each opening and closing token read by one construct only, each
// template section and message declared once.
import { describe, expect, it } from 'vitest';
import type { Construct } from '../../src/constructs/api.js';
import { CONSTRUCT_OPTIONS, CONSTRUCTS } from '../../src/constructs/index.js';
import type { ConstructBlock } from '../../src/source/model.js';
import { MESSAGES } from '../../src/core/messages.js';
import { TEMPLATE } from '../../src/template/options.js';

const all: [string, Construct<ConstructBlock>][] = Object.entries(CONSTRUCTS);

describe('the construct registry', () => {
  it('holds each construct under its own kind', () => {
    for (const [key, c] of all) expect(c.kind).toBe(key);
  });

  it('gives each opening and closing token to one construct', () => {
    const tokens = all.flatMap(([, c]) => [c.opens, c.units.closes]);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('puts each construct’s section in the options table once, after the pipeline’s, and its messages in the catalogue', () => {
    const keys = Object.keys(TEMPLATE);
    for (const [key, c] of all) {
      if (!c.options) continue;
      expect(keys.filter((k) => k === key)).toHaveLength(1);
      expect(TEMPLATE[key as keyof typeof TEMPLATE]).toBe(c.options);
      expect(keys.indexOf(key)).toBeGreaterThan(keys.indexOf('article'));
    }
    expect(Object.keys(CONSTRUCT_OPTIONS).sort()).toEqual(
      all
        .filter(([, c]) => c.options)
        .map(([k]) => k)
        .sort(),
    );
    for (const [, c] of all) for (const [key, e] of Object.entries(c.messages ?? {})) expect(MESSAGES[key]).toBe(e);
  });
});
