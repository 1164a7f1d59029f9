// The order of pdfkit's name tree (one key per destination, `page-N` here). pdfkit sorts
// with a.localeCompare(b), which ECMA-402 defines as a default Intl.Collator's compare; making
// that collator costs ~8 ms a process. For keys of lower-case ASCII letters, digits and
// hyphens the collator's order is the code units' order (in the root collation the hyphen
// sorts before the digits and the digits before the letters, as in ASCII; a prefix sorts
// first) — which is also the byte order the PDF format asks of a name tree, whatever the
// locale: those are compared directly, anything else by the collator, made then.
const PLAIN = /^[-0-9a-z]*$/;
let collator;

export function compareNames(a, b) {
  if (PLAIN.test(a) && PLAIN.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return (collator ??= new Intl.Collator()).compare(a, b);
}
