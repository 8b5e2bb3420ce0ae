declare module "@observablehq/inputs";
declare module "htl" {
  type Template = (strings: TemplateStringsArray, ...values: unknown[]) => HTMLElement & SVGElement;
  export const html: Template;
  export const svg: Template;
}
declare module "libsvm-js/dist/browser/wasm/libsvm.js" {
  const svm: Promise<unknown>;
  export default svm;
}
declare module "observablehq:stdlib" {
  /** Framework's file handle; only what the site's modules use. */
  export function FileAttachment(name: string): { href: string; name: string };
}
