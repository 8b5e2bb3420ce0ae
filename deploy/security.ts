// The site's security policy, in one place. observablehq.config.ts puts the Content-Security-Policy
// in a <meta> of every page (so it holds on any static host, GitHub Pages included), and
// deploy/nginx.conf sends it and the other headers from the server; test/site/nginx.test.ts checks
// that nginx.conf says exactly this.

/**
 * Everything comes from the site's own origin. Scripts also need 'unsafe-inline' (Framework inlines
 * each page's module in its HTML) and 'wasm-unsafe-eval' (DuckDB-WASM). Workers may start from
 * blob: URLs (DuckDB-WASM wraps its worker script in one); images may be data:/blob: (Plot, canvas
 * exports).
 */
function policy(script: string[]): string {
  return [
    "default-src 'self'",
    `script-src ${["'self'", "'unsafe-inline'", ...script, "'wasm-unsafe-eval'"].join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'"
  ].join("; ");
}

/**
 * Pages whose code compiles JavaScript at run time and so needs 'unsafe-eval': the dashboard
 * filters and rolls up with arquero, the lab keeps its run history and joins its feature tables with
 * it, and the predictor reshapes its inputs with it; arquero's verbs compile their expressions with
 * `new Function`. No other page does (DuckDB's Arrow tables are written by flechette, which compiles nothing).
 */
export const evalPages = ["/dashboard", "/lab", "/predict"];

/** The policy of every other page: no 'unsafe-eval'. */
export const strictContentSecurityPolicy = policy([]);

/** The loosest page's policy; a server sends it for every page, and each page's <meta> narrows it. */
export const contentSecurityPolicy = policy(["'unsafe-eval'"]);

/** The policy in a page's <meta>: a browser enforces it and the header's, so the stricter one holds. */
export function pageContentSecurityPolicy(path: string): string {
  return evalPages.includes(path) ? contentSecurityPolicy : strictContentSecurityPolicy;
}

/**
 * Headers a server adds to every response. frame-ancestors works only in a header (browsers ignore
 * it, with a console error, in a <meta>), so the header policy is the page policy plus it.
 */
export const securityHeaders: Record<string, string> = {
  "Content-Security-Policy": `${contentSecurityPolicy}; frame-ancestors 'none'`,
  // A year; preloading and subdomains are the domain owner's call, not this site's.
  "Strict-Transport-Security": "max-age=31536000",
  "X-Content-Type-Options": "nosniff",
  // Links out (to the data sources) tell them the site's origin, never which page was read.
  "Referrer-Policy": "strict-origin-when-cross-origin"
};
