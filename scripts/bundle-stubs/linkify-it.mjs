// linkify-it made on first use. markdown-it makes one in its constructor whether or not
// linkify is on, and the module builds its regular expressions at load (~7 ms a process);
// bulletin reads Markdown with linkify off (src/source/markdown.ts), so a build never asks it
// anything. Whatever does ask gets the real instance, made with the same arguments.
import { createRequire } from 'node:module';

// (in the bundle, esbuild's require of the bundled copy; run as a module, Node's)
const load = () =>
  typeof require === 'function' ? require('linkify-it') : createRequire(import.meta.url)('linkify-it');

export class LinkifyIt {
  constructor(...args) {
    let real;
    const made = () => (real ??= new (load().LinkifyIt)(...args));
    return new Proxy(this, {
      get(_, key) {
        const target = made();
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
      set: (_, key, value) => Reflect.set(made(), key, value),
      has: (_, key) => Reflect.has(made(), key),
    });
  }
}
