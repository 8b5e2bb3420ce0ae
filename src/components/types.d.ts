declare module "@tensorflow/tfjs/dist/tf.fesm.min.js" {
  export * from "@tensorflow/tfjs";
}
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
declare module "arquero/dist/arquero.js" {
  import * as arquero from "arquero";
  const bundle: typeof arquero;
  export default bundle;
}
