// pdfkit's AES (PDF encryption) loaded on first use: @noble/ciphers computes its tables at
// load (~10 ms), and bulletin never encrypts a PDF.
export const cbc = (...args) => require('@noble/ciphers/aes').cbc(...args);
export const ecb = (...args) => require('@noble/ciphers/aes').ecb(...args);
