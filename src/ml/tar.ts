// A minimal ustar writer for Framework's archive loaders (src/data/release.tar.ts): regular files
// only, fixed mtime 0 and owner 0, so the same files give the same bytes.
export function tarArchive(files: [path: string, data: string | Uint8Array][]): Uint8Array {
  const encoder = new TextEncoder();
  const blocks: Uint8Array[] = [];
  for (const [path, content] of files) {
    const data = typeof content === "string" ? encoder.encode(content) : content;
    if (encoder.encode(path).length > 100) throw new Error(`Archive path too long for ustar: ${path}`);
    const header = new Uint8Array(512);
    const put = (offset: number, text: string) => header.set(encoder.encode(text), offset);
    put(0, path);
    put(100, "0000644\0");
    put(108, "0000000\0");
    put(116, "0000000\0");
    put(124, data.length.toString(8).padStart(11, "0") + "\0");
    put(136, "00000000000\0");
    put(148, "        ");
    put(156, "0");
    put(257, "ustar\0");
    put(263, "00");
    const checksum = header.reduce((s, b) => s + b, 0);
    put(148, checksum.toString(8).padStart(6, "0") + "\0 ");
    blocks.push(header, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((s, b) => s + b.length, 0));
  let offset = 0;
  for (const b of blocks) {
    out.set(b, offset);
    offset += b.length;
  }
  return out;
}
