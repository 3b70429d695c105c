/** Raw bytes over a fresh loopback connection, for requests no HTTP client would send. */
import { connect } from "node:net";

/** Writes `bytes` and resolves with everything the server sends back before it closes the connection. */
export function rawExchange(baseUrl: string, bytes: string): Promise<string> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", () => socket.write(bytes));
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString();
    });
    socket.on("end", () => resolve(received));
    socket.on("error", reject);
  });
}

/** The JSON body of a raw HTTP/1.1 answer. */
export function rawJsonBody(reply: string): unknown {
  return JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4));
}
