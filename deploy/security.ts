// The site's security policy, in one place. observablehq.config.ts puts the Content-Security-Policy
// in a <meta> of every page (so it holds on any static host, GitHub Pages included), and
// deploy/nginx.conf sends it and the other headers from the server; test/site/nginx.test.ts checks
// that nginx.conf says exactly this.

/**
 * Everything comes from the site's own origin, on every page. Scripts also need 'unsafe-inline'
 * (Framework inlines each page's module in its HTML) and 'wasm-unsafe-eval' (DuckDB-WASM, libsvm),
 * never 'unsafe-eval': no page or worker compiles JavaScript from strings (the pages reshape data
 * with d3 and plain code; arquero, which compiles every verb with `Function`, is not used).
 * Workers may start from blob: URLs (DuckDB-WASM wraps its worker script in one); images may be
 * data:/blob: (Plot, canvas exports).
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'"
].join("; ");

/**
 * Headers a server adds to every response. frame-ancestors works only in a header (browsers ignore
 * it, with a console error, in a <meta>), so the header policy is the pages' policy plus it.
 */
export const securityHeaders: Record<string, string> = {
  "Content-Security-Policy": `${contentSecurityPolicy}; frame-ancestors 'none'`,
  // A year; preloading and subdomains are the domain owner's call, not this site's.
  "Strict-Transport-Security": "max-age=31536000",
  "X-Content-Type-Options": "nosniff",
  // Links out (to the data sources) tell them the site's origin, never which page was read.
  "Referrer-Policy": "strict-origin-when-cross-origin"
};
