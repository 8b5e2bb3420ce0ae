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
