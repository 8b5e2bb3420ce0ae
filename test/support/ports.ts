import { createServer, type AddressInfo } from "node:net";

/** A loopback port nothing listens on right now (for a server a test starts, such as nginx). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}
