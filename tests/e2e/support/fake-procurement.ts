import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedPost {
  path: string;
  query: URLSearchParams;
  contentType: string;
  body: Buffer;
  /** All request headers (lower-case names), e.g. a webhook's signature headers. */
  headers: Record<string, string>;
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/**
 * A minimal procurement system on 127.0.0.1 (another site than the shop on localhost):
 * - `GET /start?url=…&field=…` renders an auto-posting form to the shop's punchout entry
 *   (SRM-style POST call-up) with the given fields, in the given charset;
 * - `GET /frame?src=…` embeds the shop in an iframe (shop inside the buyer's page);
 * - every POST (the HOOK_URL / BrowserFormPost) is recorded with its raw bytes. GETs to other paths
 *   (e.g. the favicon Chromium asks for) are answered but not recorded.
 * - `GET /set-probe` and `GET /read-probe` set and read a plain and a partitioned third-party cookie,
 *   to prove what the browser really does with third-party cookies.
 */
export class FakeProcurementSystem {
  readonly posts: ReceivedPost[] = [];
  private server: Server | null = null;
  private waiters: (() => void)[] = [];
  port = 0;

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      void this.handle(request).then(({ status, type, body, headers }) => {
        response.writeHead(status, { "content-type": type, ...headers });
        response.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Resolves when the n-th POST has arrived. */
  async waitForPosts(count: number, timeoutMs = 15_000): Promise<ReceivedPost> {
    const deadline = Date.now() + timeoutMs;
    while (this.posts.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} POSTs, got ${this.posts.length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
    return this.posts[count - 1]!;
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; type: string; body: string | Buffer; headers?: Record<string, string> }> {
    const url = new URL(request.url ?? "/", this.origin);
    if (request.method === "POST") {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      this.posts.push({
        path: url.pathname,
        query: url.searchParams,
        contentType: request.headers["content-type"] ?? "",
        body: Buffer.concat(chunks),
        headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : (value ?? "")])),
      });
      this.waiters.splice(0).forEach((wake) => wake());
      return { status: 200, type: "text/html; charset=utf-8", body: "<!DOCTYPE html><title>Received</title><h1>Cart received by the procurement system</h1>" };
    }
    if (url.pathname === "/start") {
      const charset = url.searchParams.get("charset") ?? "utf-8";
      const target = url.searchParams.get("url")!;
      const fields = url.searchParams.getAll("field").map((pair) => pair.split(/=(.*)/s).slice(0, 2) as [string, string]);
      const html = `<!DOCTYPE html><html><head><meta charset="${charset}"><title>Procurement</title></head><body>
<form id="call" method="post" action="${escape(target)}" accept-charset="${charset}">
${fields.map(([n, v]) => `<input type="hidden" name="${escape(n)}" value="${escape(v)}">`).join("\n")}
<button type="submit">Go to supplier</button></form>
<script>document.getElementById("call").submit()</script></body></html>`;
      return { status: 200, type: `text/html; charset=${charset}`, body: charset === "iso-8859-1" ? Buffer.from(html, "latin1") : html };
    }
    if (url.pathname === "/frame") {
      const src = url.searchParams.get("src")!;
      return {
        status: 200,
        type: "text/html; charset=utf-8",
        body: `<!DOCTYPE html><title>Procurement with catalog</title><h1>Buyer system</h1><iframe id="catalog" name="catalog" src="${escape(src)}" style="width:1200px;height:800px"></iframe>`,
      };
    }
    if (url.pathname === "/set-probe") {
      return {
        status: 200,
        type: "text/plain",
        body: "set",
        headers: { "set-cookie": ["probe=1; Path=/; SameSite=None; Secure", "chips=1; Path=/; SameSite=None; Secure; Partitioned"] as unknown as string },
      };
    }
    if (url.pathname === "/read-probe") {
      return { status: 200, type: "text/plain", body: `cookie:${request.headers.cookie ?? ""}` };
    }
    return { status: 404, type: "text/plain", body: "not found" };
  }
}

/** Decodes an application/x-www-form-urlencoded body in the given charset, keeping field order. */
export function decodeForm(body: Buffer, charset: "utf-8" | "latin1"): [string, string][] {
  return body
    .toString("latin1")
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const [name, value = ""] = pair.split(/=(.*)/s);
      const decode = (text: string) => {
        const bytes = Buffer.from(text.replace(/\+/g, " ").replace(/%([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1");
        return charset === "latin1" ? bytes.toString("latin1") : bytes.toString("utf8");
      };
      return [decode(name!), decode(value)];
    });
}

/**
 * The PunchOutOrderMessage a cXML buyer received at its BrowserFormPost URL: the `cxml-base64`
 * (Base64 of UTF-8) or `cxml-urlencoded` (raw XML) form field, names compared case-insensitively
 * as real receivers do (PROTOCOLS.md §2.7).
 */
export function decodeCxmlPost(post: ReceivedPost): { field: "cxml-base64" | "cxml-urlencoded"; xml: string } {
  for (const [name, value] of decodeForm(post.body, "utf-8")) {
    const field = name.toLowerCase();
    if (field === "cxml-base64") return { field, xml: Buffer.from(value, "base64").toString("utf8") };
    if (field === "cxml-urlencoded") return { field, xml: value };
  }
  throw new Error(`no cxml-base64 / cxml-urlencoded field in ${post.body.toString("latin1").slice(0, 200)}`);
}
